export type { AnswerChunk, CitedSource, WidgetConfig } from './answer-chunk.js';
export {
  ChatController,
  type ChatControllerCallbacks,
  type ChatMessage,
  type FinishedAnswer,
} from './chat-controller.js';
export { type ChatTransport, ChatTransportError } from './chat-transport.js';
export { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
export { JarvisCloseEvent } from './events/jarvis-close-event.js';
export { JarvisErrorEvent } from './events/jarvis-error-event.js';
export { JarvisMessageEvent } from './events/jarvis-message-event.js';
export { JarvisOpenEvent } from './events/jarvis-open-event.js';
export { JarvisChat } from './jarvis-chat.js';
export { createTrpcSseTransport } from './trpc-sse-transport.js';
