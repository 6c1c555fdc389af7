import { JarvisChat } from './jarvis-chat.js';

// The only module with a side effect: importing it registers <jarvis-chat> (once, however often it is loaded).
if (!customElements.get('jarvis-chat')) customElements.define('jarvis-chat', JarvisChat);

export { JarvisChat };

declare global {
  interface HTMLElementTagNameMap {
    'jarvis-chat': JarvisChat;
  }
}
