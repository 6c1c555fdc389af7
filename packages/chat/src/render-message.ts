import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from './chat-controller.js';
import { renderAnswerText } from './render-answer-text.js';
import { renderSources } from './render-sources.js';

/**
 * One bubble. A visitor's question is plain text; an answer gets paragraphs, citations, sources, and
 * its state: a typing cue while it streams, a note when stopped, the error and a retry button when it
 * failed. `onRetry` is passed only to the last answer, the one `retry()` can redo.
 */
export function renderMessage(message: ChatMessage, onRetry: (() => void) | undefined): TemplateResult {
  if (message.role === 'user') {
    return html`<div part="message user-message" class="message" data-role="user">${message.text}</div>`;
  }
  const streaming = message.status === 'streaming';
  return html`<div
    part="message assistant-message"
    class="message"
    data-role="assistant"
    data-status=${message.status}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    ${renderAnswerText(message.text, message.sources ?? [])}
    ${streaming ? html`<span class="typing" aria-hidden="true"></span>` : nothing}
    ${message.status === 'stopped' ? html`<p class="note">Stopped.</p>` : nothing}
    ${
      message.error
        ? html`<p class="error" role="alert">${message.error.message}</p>
          ${onRetry ? html`<button part="retry" class="retry" type="button" @click=${onRetry}>Try again</button>` : nothing}`
        : nothing
    }
    ${renderSources(message.sources ?? [])}
  </div>`;
}
