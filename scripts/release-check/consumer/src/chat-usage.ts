// The element's class and events, typed, from @jarvis/chat.
import '@jarvis/chat/define';
import { JarvisChat } from '@jarvis/chat';

const element = document.createElement('jarvis-chat');
export const isJarvisChat: boolean = element instanceof JarvisChat;
element.addEventListener('jarvis-answer', (event) => console.log(event.detail));
element.open();
// @ts-expect-error open() takes no argument
element.open('now');
