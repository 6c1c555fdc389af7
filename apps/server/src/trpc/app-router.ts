import { botsRouter } from '../modules/bots/bots-router.js';
import { widgetRouter } from '../modules/bots/widget-router.js';
import { chatRouter } from '../modules/chat/chat-router.js';
import { conversationsRouter } from '../modules/chat/conversations-router.js';
import { jobsRouter } from '../modules/ingest/jobs-router.js';
import { sourcesRouter } from '../modules/ingest/sources-router.js';
import { router } from './init.js';

/** Every procedure the server exposes; its type is what @jarvis/client is typed against. */
export const appRouter = router({
  widget: widgetRouter,
  chat: chatRouter,
  bots: botsRouter,
  conversations: conversationsRouter,
  sources: sourcesRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
export type { WidgetConfig } from '../modules/bots/bot-service.js';
export type { AnswerChunk, CitedSource } from '../modules/chat/answer-stream.js';
