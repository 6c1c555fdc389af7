import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../chat-controller.js';
import type { JarvisStrings } from '../i18n/jarvis-strings.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { renderMessageActions } from './render-message-actions.js';
import { renderSources } from './render-sources.js';

/** What a message bubble needs from the widget: texts, and the actions its buttons trigger. */
export interface MessageContext {
  strings: JarvisStrings;
  /** Formats the time under each bubble in the visitor's language. */
  time: Pick<Intl.DateTimeFormat, 'format'>;
  /** Whether answers can be rated (the transport can send feedback). */
  canRate: boolean;
  /** Copies text; with `id`, the copy button of that answer says it was copied. */
  copy(text: string, id?: string): void;
  retry(): void;
  rate(id: string, rating: 'up' | 'down'): void;
  comment(id: string, rating: 'up' | 'down', comment: string): void;
}

/** Per-bubble state that lives in the element, not in the conversation. */
export interface MessageViewState {
  /** The visitor just rated this answer and may add a comment. */
  commenting: boolean;
  /** The answer's text was just copied. */
  copied: boolean;
}

/**
 * One bubble. A visitor's question is plain text; an answer is rendered Markdown with citations and
 * sources, and shows its state: a typing cue while it streams, a note when stopped, the error and a
 * retry button when it failed, and copy, retry and rating buttons once it has ended.
 */
export function renderMessage(
  message: ChatMessage,
  view: MessageViewState,
  context: MessageContext,
): TemplateResult {
  const time = html`<time part="time" datetime=${new Date(message.createdAt).toISOString()}>
    ${context.time.format(message.createdAt)}
  </time>`;
  if (message.role === 'user') {
    return html`<div part="message user-message" class="message" data-role="user">
      <div class="text">${message.text}</div>
      ${time}
    </div>`;
  }
  const { strings } = context;
  const streaming = message.status === 'streaming';
  const sources = message.sources ?? [];
  return html`<div
    part="message assistant-message"
    class="message"
    data-role="assistant"
    data-status=${message.status}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    ${renderMarkdown(message.text, {
      sources,
      copyCodeLabel: strings.copy,
      sourceLabel: strings.source,
      copy: context.copy,
    })}
    ${
      streaming
        ? html`<span part="typing" class="typing" role="img" aria-label=${strings.writing}><i></i><i></i><i></i></span>`
        : nothing
    }
    ${message.status === 'stopped' ? html`<p class="note">${strings.stopped}</p>` : nothing}
    ${
      message.error
        ? // Every failed answer has the button; CSS shows it on the last one only, the one `retry()`
          // redoes, so an older bubble need not re-render when a new question is asked.
          html`<p class="error" role="alert">${message.error.message}</p>
            <button part="retry" class="retry" type="button" @click=${context.retry}>${strings.tryAgain}</button>`
        : nothing
    }
    ${renderSources(sources, strings.sources)}
    ${streaming || message.error ? nothing : renderMessageActions(message, view, context)} ${time}
  </div>`;
}
