import type { FinishedAnswer } from '../chat-controller.js';

/** Fired when an answer ends: `complete`, `unanswered` (nothing relevant found) or `stopped` by the visitor. */
export class JarvisAnswerEvent extends CustomEvent<FinishedAnswer> {
  constructor(detail: FinishedAnswer) {
    super('jarvis-answer', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-answer': JarvisAnswerEvent;
  }
}
