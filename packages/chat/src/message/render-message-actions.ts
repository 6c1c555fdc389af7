import { html, nothing } from 'lit';
import type { ChatMessage } from '../chat-controller.js';
import { copyIcon, retryIcon, thumbIcon } from '../icons.js';
import type { MessageContext, MessageViewState } from './render-message.js';

/**
 * The row under a finished answer: copy, retry (shown by CSS on the last answer only) and, when the
 * server takes feedback, thumbs up and down, then an optional comment and a thank-you.
 */
export function renderMessageActions(message: ChatMessage, view: MessageViewState, context: MessageContext) {
  const { strings } = context;
  const rated = message.feedback;
  const rateButton = (rating: 'up' | 'down', label: string) =>
    html`<button
      part=${`rate-${rating}`}
      class=${`icon rate-${rating}`}
      type="button"
      aria-label=${label}
      title=${label}
      aria-pressed=${rated === rating ? 'true' : 'false'}
      @click=${() => context.rate(message.id, rating)}
    >
      ${thumbIcon}
    </button>`;
  return html`<div part="actions" class="actions">
      <button part="copy" class="icon" type="button" aria-label=${view.copied ? strings.copied : strings.copy}
        title=${strings.copy} @click=${() => context.copy(message.text, message.id)}>
        ${copyIcon}
      </button>
      <button part="regenerate" class="icon regenerate" type="button" aria-label=${strings.tryAgain}
        title=${strings.tryAgain} @click=${context.retry}>
        ${retryIcon}
      </button>
      ${
        context.canRate && message.messageId
          ? html`${rateButton('up', strings.helpful)}${rateButton('down', strings.notHelpful)}`
          : nothing
      }
      ${view.copied ? html`<span class="note" role="status">${strings.copied}</span>` : nothing}
    </div>
    ${
      rated && view.commenting
        ? html`<form part="feedback-form" class="feedback" @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            const field = (event.currentTarget as HTMLFormElement).elements.namedItem('comment');
            context.comment(message.id, rated, (field as HTMLTextAreaElement).value.trim());
          }}>
          <textarea name="comment" rows="2" maxlength="2000" aria-label=${strings.commentLabel}
            placeholder=${strings.commentLabel}></textarea>
          <button type="submit">${strings.send}</button>
        </form>`
        : rated
          ? html`<p class="note" role="status">${strings.thanks}</p>`
          : nothing
    }`;
}
