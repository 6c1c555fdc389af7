import type { FeedbackGiven } from '../chat-controller.js';

/**
 * Fired once the server has recorded a visitor's thumbs up or down on an answer; `messageId` is the
 * server's id of the answer, `comment` what the visitor added, if anything.
 */
export class JarvisFeedbackEvent extends CustomEvent<FeedbackGiven> {
  constructor(detail: FeedbackGiven) {
    super('jarvis-feedback', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-feedback': JarvisFeedbackEvent;
  }
}
