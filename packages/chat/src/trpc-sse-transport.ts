import type { AnswerChunk } from './answer-chunk.js';
import { type ChatTransport, ChatTransportError } from './chat-transport.js';
import { parseServerSentEvents } from './sse-parser.js';
import { badResponse, type TrpcErrorShape, toTransportError, trpcRequest, trpcUrl } from './trpc-request.js';
import { fetchWidgetConfig } from './widget-config.js';

/** Where the default transport finds the bot. */
export interface TrpcSseTransportOptions {
  /** The Jarvis server's origin, e.g. `https://jarvis.example.com`. */
  api: string;
  /** The bot's publishable key (`pk_…`). */
  botKey: string;
}

/**
 * The default transport: tRPC v11's HTTP wire format, hand-written so the CDN bundle carries no
 * client library. `widget.config` is a GET query; `chat.send` is a subscription read as SSE through
 * `fetch`, not EventSource, because EventSource reconnects on its own (asking the question twice)
 * and cannot be aborted when the visitor presses Stop.
 */
export function createTrpcSseTransport(options: TrpcSseTransportOptions): ChatTransport {
  return {
    loadConfig: (signal) => fetchWidgetConfig(options, signal),

    async *streamAnswer(answerRequest, signal) {
      const url = trpcUrl(options.api, 'chat.send', { botKey: options.botKey, ...answerRequest });
      const response = await trpcRequest(url, { headers: { accept: 'text/event-stream' } }, signal);
      if (!response.body) throw badResponse();
      for await (const event of parseServerSentEvents(response.body)) {
        if (event.event === 'message') yield toAnswerChunk(parseJson(event.data));
        else if (event.event === 'return') return;
        else if (event.event === 'serialized-error')
          throw toTransportError(parseJson(event.data) as TrpcErrorShape);
        // `connected`, `ping` and tRPC's id bookkeeping events carry nothing for the answer.
      }
      signal.throwIfAborted();
      // The body ended without tRPC's `return`: the connection dropped part-way.
      throw new ChatTransportError(
        'NETWORK',
        'The connection was lost before the answer finished. Try again.',
      );
    },

    async sendFeedback(feedback, signal) {
      // A mutation is a POST with the input as its JSON body (one CORS preflight, answered by the server).
      await trpcRequest(
        trpcUrl(options.api, 'chat.feedback'),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ botKey: options.botKey, ...feedback }),
        },
        signal,
      );
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse();
  }
}

/** Checks the fields the widget reads, so a malformed reply is an error message, not a crash. */
function toAnswerChunk(value: unknown): AnswerChunk {
  const chunk = value as AnswerChunk | null;
  const valid =
    typeof chunk?.type === 'string' &&
    (chunk.type !== 'text-delta' || typeof chunk.text === 'string') &&
    (chunk.type !== 'sources-ready' || Array.isArray(chunk.sources)) &&
    (chunk.type !== 'answer-end' || typeof chunk.conversationId === 'string') &&
    (chunk.type !== 'error' || typeof chunk.message === 'string');
  if (!valid) throw badResponse();
  return chunk;
}
