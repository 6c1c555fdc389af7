export type { AnswerChunk, CitedSource, WidgetConfig } from './answer-chunk.js';
export {
  ChatController,
  type ChatControllerOptions,
  type ChatMessage,
  type ChatMessageStatus,
  type FeedbackGiven,
  type FinishedAnswer,
  type JarvisIdentity,
} from './chat-controller.js';
export {
  type AnswerFeedback,
  type AnswerRequest,
  type ChatError,
  type ChatTransport,
  ChatTransportError,
  type VisitorIdentity,
} from './chat-transport.js';
export {
  type ConversationStorage,
  localConversationStorage,
  type SavedConversation,
} from './conversation-storage.js';
export { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
export { JarvisCloseEvent } from './events/jarvis-close-event.js';
export { JarvisErrorEvent } from './events/jarvis-error-event.js';
export { JarvisFeedbackEvent } from './events/jarvis-feedback-event.js';
export { type JarvisMessageDetail, JarvisMessageEvent } from './events/jarvis-message-event.js';
export { JarvisOpenEvent } from './events/jarvis-open-event.js';
export type { JarvisStrings } from './i18n/jarvis-strings.js';
export { supportedLocales } from './i18n/locales.js';
export { JarvisChat } from './jarvis-chat.js';
export { createTrpcSseTransport, type TrpcSseTransportOptions } from './trpc-sse-transport.js';
