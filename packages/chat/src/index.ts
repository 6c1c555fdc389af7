export type { AnswerChunk, CitedSource, WidgetConfig } from './answer-chunk.js';
export {
  ChatController,
  type ChatControllerOptions,
  type ChatMessage,
  type ChatMessageStatus,
  type FinishedAnswer,
} from './chat-controller.js';
export {
  type AnswerRequest,
  type ChatError,
  type ChatTransport,
  ChatTransportError,
} from './chat-transport.js';
export { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
export { JarvisCloseEvent } from './events/jarvis-close-event.js';
export { JarvisErrorEvent } from './events/jarvis-error-event.js';
export { type JarvisMessageDetail, JarvisMessageEvent } from './events/jarvis-message-event.js';
export { JarvisOpenEvent } from './events/jarvis-open-event.js';
export { JarvisChat } from './jarvis-chat.js';
export { createTrpcSseTransport, type TrpcSseTransportOptions } from './trpc-sse-transport.js';
