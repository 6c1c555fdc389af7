/**
 * The server's router and stream types, re-exported so consumers import them from here.
 * (Making the published `.d.ts` self-contained, so a consumer needs no server package, is issue #6.)
 */
export type { AnswerChunk, AppRouter, CitedSource, WidgetConfig } from '@jarvis/server/router';
