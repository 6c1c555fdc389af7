export { JarvisChat, type JarvisChatInstance } from './jarvis-chat.js';
export { JarvisPlugin } from './jarvis-plugin.js';
