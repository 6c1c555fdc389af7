/** Fired when the visitor sends a question. */
export class JarvisMessageEvent extends CustomEvent<{ text: string }> {
  constructor(detail: { text: string }) {
    super('jarvis-message', { bubbles: true, composed: true, detail });
  }
}
