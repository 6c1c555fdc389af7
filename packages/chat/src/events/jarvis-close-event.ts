/** Fired when the floating panel closes (from the launcher, Escape, `close()` or `toggle()`). */
export class JarvisCloseEvent extends Event {
  constructor() {
    super('jarvis-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jarvis-close': JarvisCloseEvent;
  }
}
