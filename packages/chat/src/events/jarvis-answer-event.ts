import type { FinishedAnswer } from '../chat-controller.js';

/** Fired when an answer has finished streaming (complete, unanswered or stopped). */
export class JarvisAnswerEvent extends CustomEvent<FinishedAnswer> {
  constructor(detail: FinishedAnswer) {
    super('jarvis-answer', { bubbles: true, composed: true, detail });
  }
}
