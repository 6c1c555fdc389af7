import type { inferRouterOutputs } from '@trpc/server';
import { accountsRouter } from '../modules/accounts/accounts-router.js';
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
  accounts: accountsRouter,
});

export type AppRouter = typeof appRouter;
export type { WidgetConfig } from '../modules/bots/bot-service.js';

// The stream's types are read off the router rather than re-exported from answer-stream.ts, where
// zod infers them: that keeps the published client types free of zod.
type StreamOf<Output> = Output extends AsyncIterable<infer Chunk> ? Chunk : never;
/** One piece of a streamed answer: `text-delta`s, `sources-ready`, then `answer-end` (or `error`). */
export type AnswerChunk = StreamOf<inferRouterOutputs<AppRouter>['chat']['send']>;
/** A numbered source an answer cites. */
export type CitedSource = Extract<AnswerChunk, { type: 'sources-ready' }>['sources'][number];
