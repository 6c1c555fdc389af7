import type { ChatError } from '../chat-transport.js';

/**
 * Fired when the bot cannot be loaded (`NOT_FOUND`, `FORBIDDEN`, `NETWORK`, …) or an answer fails;
 * `message` is what the visitor is shown.
 */
export class JarvisErrorEvent extends CustomEvent<ChatError> {
  constructor(detail: ChatError) {
    super('jarvis-error', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-error': JarvisErrorEvent;
  }
}
