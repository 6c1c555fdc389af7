import type { Plugin } from 'vue';
import { JarvisChat } from './jarvis-chat.js';

/**
 * Registers `<JarvisChat>` as a global component (and, by importing it, the `<jarvis-chat>` element).
 * Templates that use `<jarvis-chat>` directly also need Vue's compiler told it is a custom element:
 * `compilerOptions.isCustomElement = (tag) => tag === 'jarvis-chat'` (see the README for Vite).
 */
export const JarvisPlugin: Plugin = {
  install(app) {
    app.component('JarvisChat', JarvisChat);
  },
};

declare module 'vue' {
  interface GlobalComponents {
    JarvisChat: typeof JarvisChat;
  }
}
