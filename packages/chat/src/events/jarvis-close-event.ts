/** Fired when the chat panel closes. */
export class JarvisCloseEvent extends Event {
  constructor() {
    super('jarvis-close', { bubbles: true, composed: true });
  }
}
