// The CDN build's entry (`dist/cdn/jarvis-chat.js`): importing it registers <jarvis-chat>. It offers
// the element and its event classes; the conversation core (ChatController, the transport) arrives
// with the panel on first open, so it is not exported here. Build on it from the npm package instead.
// Not through define.ts, which re-exports the whole npm API: the CDN build puts everything this file
// imports statically into the initial script.
import { JarvisChat } from './jarvis-chat.js';

if (!customElements.get('jarvis-chat')) customElements.define('jarvis-chat', JarvisChat);

export { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
export { JarvisCloseEvent } from './events/jarvis-close-event.js';
export { JarvisErrorEvent } from './events/jarvis-error-event.js';
export { JarvisFeedbackEvent } from './events/jarvis-feedback-event.js';
export { JarvisMessageEvent } from './events/jarvis-message-event.js';
export { JarvisOpenEvent } from './events/jarvis-open-event.js';
export { JarvisChat };
