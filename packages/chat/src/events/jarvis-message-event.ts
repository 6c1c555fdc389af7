/** What the visitor asked, as sent (trimmed). */
export interface JarvisMessageDetail {
  text: string;
}

/** Fired when the visitor sends a question (typed, a starter question, or `send()`). */
export class JarvisMessageEvent extends CustomEvent<JarvisMessageDetail> {
  constructor(detail: JarvisMessageDetail) {
    super('jarvis-message', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-message': JarvisMessageEvent;
  }
}
