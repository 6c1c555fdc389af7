export { type AskQuestionOptions, askQuestion } from './ask-question.js';
export { createJarvisClient, type JarvisClient, type JarvisClientOptions } from './create-jarvis-client.js';
export { JarvisError, type JarvisErrorCode, toJarvisError } from './jarvis-error.js';
export type { AnswerChunk, AppRouter, CitedSource, WidgetConfig } from './server-types.js';
