/** Fired when the chat panel opens. */
export class JarvisOpenEvent extends Event {
  constructor() {
    super('jarvis-open', { bubbles: true, composed: true });
  }
}
