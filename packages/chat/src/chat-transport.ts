import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';

/**
 * Who the page says the visitor is, as sent to the server. The server trusts it only when
 * `signature` is hex(HMAC-SHA256(bot identity secret, id)); unsigned, it is kept as unverified.
 */
export interface VisitorIdentity {
  id: string;
  name?: string;
  email?: string;
  /** Any other facts the page passed to `identify()` (plan, company…). */
  attributes?: Record<string, string | number | boolean>;
  signature?: string;
}

/** What the visitor asks; `conversationId` continues an earlier conversation. */
export interface AnswerRequest {
  question: string;
  conversationId?: string;
  identity?: VisitorIdentity;
}

/** A visitor's rating of an answer; `messageId` is the server's id from the answer's end. */
export interface AnswerFeedback {
  messageId: string;
  rating: 'up' | 'down';
  comment?: string;
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
  /** Records a thumbs up or down (and comment) on an answer. Optional: without it no rating buttons show. */
  sendFeedback?(feedback: AnswerFeedback, signal?: AbortSignal): Promise<void>;
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

/** Any failure as a `ChatError`: a transport's own, or a generic one that shows no internals. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatTransportError) return { code: error.code, message: error.message };
  // Anything else is a bug or a broken transport: no internals in front of the visitor.
  return { code: 'UNKNOWN', message: 'Something went wrong. Please try again.' };
}
