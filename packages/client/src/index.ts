export { type AskQuestionOptions, askQuestion } from './ask-question.js';
export { createJarvisClient, type JarvisClient, type JarvisClientOptions } from './create-jarvis-client.js';
export {
  type CrawlOptions,
  type IngestJob,
  type IngestSiteOptions,
  type IngestSiteResult,
  ingestSite,
  type WatchJobOptions,
  watchJob,
} from './ingest-site.js';
export { JarvisError, type JarvisErrorCode, toJarvisError } from './jarvis-error.js';
export {
  type ConversationSummary,
  type ListConversationsOptions,
  listConversations,
} from './list-conversations.js';
export type { AnswerChunk, AppRouter, CitedSource, WidgetConfig } from './server-types.js';
