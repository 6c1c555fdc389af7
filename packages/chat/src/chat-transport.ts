import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';

/** What the visitor asks; `conversationId` continues an earlier conversation. */
export interface AnswerRequest {
  question: string;
  conversationId?: string;
}

/**
 * How the chat core talks to a Jarvis server. The default speaks tRPC over HTTP
 * (`createTrpcSseTransport`); tests and custom backends pass their own.
 */
export interface ChatTransport {
  /** The bot's name, greeting and look. Rejects with a `ChatTransportError` the visitor can read. */
  loadConfig(signal?: AbortSignal): Promise<WidgetConfig>;
  /**
   * The answer as it is written. Ends after `answer-end`; rejects with a `ChatTransportError` when the
   * server refuses, and with the signal's reason once `signal` aborts.
   */
  streamAnswer(request: AnswerRequest, signal: AbortSignal): AsyncIterable<AnswerChunk>;
}

/** A failure as the visitor sees it: a code to branch on (`NOT_FOUND`, `NETWORK`, …) and a message to show. */
export interface ChatError {
  code: string;
  message: string;
}

/** Thrown by transports so the message shown is the server's, not a stack trace. */
export class ChatTransportError extends Error implements ChatError {
  override readonly name = 'ChatTransportError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
