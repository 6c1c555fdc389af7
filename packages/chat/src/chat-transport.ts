import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';

/** How the chat core talks to a Jarvis server; the default speaks tRPC over HTTP, tests pass their own. */
export interface ChatTransport {
  loadConfig(signal?: AbortSignal): Promise<WidgetConfig>;
  streamAnswer(
    request: { question: string; conversationId?: string },
    signal: AbortSignal,
  ): AsyncIterable<AnswerChunk>;
}

/** A failure the visitor should read: the server's message and its code (`NOT_FOUND`, `NETWORK`, …). */
export class ChatTransportError extends Error {
  override readonly name = 'ChatTransportError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
