import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { WidgetConfig } from '../answer-chunk.js';
import type { ChatController } from '../chat-controller.js';
import type { ChatError } from '../chat-transport.js';
import { type MessageContext, renderMessage } from './render-message.js';

/** What the conversation view asks of the element that hosts it, beyond what a bubble needs. */
export interface ConversationContext extends MessageContext {
  /** The bot's config, loaded by the element before the panel. */
  config: WidgetConfig | undefined;
  configError: ChatError | undefined;
  ask(question: string): void;
  reloadConfig(): void;
  /** The answer whose comment box is open, after the visitor rated it. */
  commentingOn: string | undefined;
  /** The answer whose text was just copied. */
  copiedId: string | undefined;
}

/**
 * The inside of the message list: the config error, or the greeting, the starter questions (until
 * the first question) and the messages.
 */
export function renderConversation(controller: ChatController, context: ConversationContext) {
  const { messages } = controller;
  const { config, configError, strings } = context;
  if (configError) {
    return html`<p class="error" role="alert">${configError.message}</p>
      <button part="retry" class="retry" type="button" @click=${context.reloadConfig}>${strings.tryAgain}</button>`;
  }
  return html`
    ${
      config?.greeting
        ? html`<div part="message assistant-message" class="message" data-role="assistant">${config.greeting}</div>`
        : nothing
    }
    ${
      config && messages.length === 0 && config.starterQuestions.length > 0
        ? html`<div part="starters" class="starters">
          ${config.starterQuestions.map(
            (question) =>
              html`<button type="button" @click=${() => context.ask(question)}>${question}</button>`,
          )}
        </div>`
        : nothing
    }
    ${repeat(
      messages,
      (message) => message.id,
      (message) => {
        const view = {
          commenting: context.commentingOn === message.id,
          copied: context.copiedId === message.id,
        };
        // Messages are immutable: only the one being written is a new object, so only it re-renders
        // (or one whose own view state, or the language, changed).
        return guard([message, view.commenting, view.copied, strings, context.canRate], () =>
          renderMessage(message, view, context),
        );
      },
    )}
  `;
}

/**
 * Shown instead of the conversation until the element has a `bot` (or a custom transport). In English
 * only: it is for the developer embedding the widget, not for visitors.
 */
export function renderMissingBot() {
  return html`<p class="error">Set the <code>bot</code> attribute to the bot's publishable key.</p>`;
}
