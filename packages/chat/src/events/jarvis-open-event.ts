/** Fired when the floating panel opens (from the launcher, `open()` or `toggle()`). */
export class JarvisOpenEvent extends Event {
  constructor() {
    super('jarvis-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-open': JarvisOpenEvent;
  }
}
