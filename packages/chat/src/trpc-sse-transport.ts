import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';
import { type ChatTransport, ChatTransportError } from './chat-transport.js';
import { parseServerSentEvents } from './sse-parser.js';

interface TrpcErrorBody {
  message?: string;
  data?: { code?: string };
}

/**
 * The default transport: tRPC v11's HTTP wire format, hand-written so the CDN bundle carries no
 * client library. Answers come over `fetch` + SSE rather than EventSource, because EventSource
 * reconnects on its own (which would ask the question twice) and cannot be aborted.
 */
export function createTrpcSseTransport(options: { api: string; botKey: string }): ChatTransport {
  const base = `${options.api.replace(/\/+$/, '')}/trpc`;
  const urlFor = (path: string, input: unknown) =>
    `${base}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

  return {
    async loadConfig(signal) {
      const response = await request(
        urlFor('widget.config', { botKey: options.botKey }),
        'application/json',
        signal,
      );
      const body = (await response.json()) as { result?: { data?: WidgetConfig } };
      if (!body.result?.data)
        throw new ChatTransportError('BAD_RESPONSE', 'The server sent an unexpected reply.');
      return body.result.data;
    },

    async *streamAnswer({ question, conversationId }, signal) {
      const input = { botKey: options.botKey, question, ...(conversationId ? { conversationId } : {}) };
      const response = await request(urlFor('chat.send', input), 'text/event-stream', signal);
      if (!response.body) throw new ChatTransportError('BAD_RESPONSE', 'The server sent an empty reply.');
      for await (const event of parseServerSentEvents(response.body)) {
        if (event.event === 'message') yield JSON.parse(event.data) as AnswerChunk;
        else if (event.event === 'return') return;
        else if (event.event === 'serialized-error') throw errorFrom(JSON.parse(event.data) as TrpcErrorBody);
      }
    },
  };
}

async function request(url: string, accept: string, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ChatTransportError(
      'NETWORK',
      'Could not reach the assistant. Check your connection and try again.',
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: TrpcErrorBody };
    throw errorFrom(body.error ?? { message: `The assistant answered with HTTP ${response.status}.` });
  }
  return response;
}

function errorFrom(error: TrpcErrorBody): ChatTransportError {
  return new ChatTransportError(
    error.data?.code ?? 'SERVER_ERROR',
    error.message ?? 'The assistant could not answer.',
  );
}
