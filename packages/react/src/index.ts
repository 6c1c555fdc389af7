export { JarvisChat, type JarvisChatProps } from './jarvis-chat.js';
