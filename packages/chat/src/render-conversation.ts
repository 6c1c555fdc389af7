import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatController } from './chat-controller.js';
import { renderMessage } from './render-message.js';

/** What the conversation view asks of the element that hosts it. */
export interface ConversationActions {
  ask(question: string): void;
  retryAnswer(): void;
  reloadConfig(): void;
}

/**
 * The inside of the message list: the config error, or the greeting, the starter questions (until
 * the first question) and the messages.
 */
export function renderConversation(controller: ChatController, actions: ConversationActions) {
  const { config, configError, messages } = controller;
  if (configError) {
    return html`<p class="error" role="alert">${configError.message}</p>
      <button part="retry" class="retry" type="button" @click=${actions.reloadConfig}>Try again</button>`;
  }
  const last = messages.at(-1);
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
              html`<button type="button" @click=${() => actions.ask(question)}>${question}</button>`,
          )}
        </div>`
        : nothing
    }
    ${repeat(
      messages,
      (message) => message.id,
      // Messages are immutable: only the one being written is a new object, so only it re-renders.
      (message) => {
        const retry = message === last && message.status === 'error' ? actions.retryAnswer : undefined;
        return guard([message, retry], () => renderMessage(message, retry));
      },
    )}
  `;
}

/** Shown instead of the conversation until the element has a `bot` (or a custom transport). */
export function renderMissingBot() {
  return html`<p class="error">Set the <code>bot</code> attribute to the bot's publishable key.</p>`;
}
