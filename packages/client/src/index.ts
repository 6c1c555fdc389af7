export { createJarvisClient, type JarvisClient, type JarvisClientOptions } from './create-jarvis-client.js';
export type { AnswerChunk, AppRouter, CitedSource, WidgetConfig } from './server-types.js';
