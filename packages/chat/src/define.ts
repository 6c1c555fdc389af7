import { JarvisChat } from './index.js';

// The package's only side effect: importing this module registers <jarvis-chat>, once, however many
// copies of the widget a page loads.
if (!customElements.get('jarvis-chat')) customElements.define('jarvis-chat', JarvisChat);

// The same public API as the main entry, so the one-file CDN build (built from this module) offers
// the classes and the transport too.
export * from './index.js';

declare global {
  interface HTMLElementTagNameMap {
    'jarvis-chat': JarvisChat;
  }
}
