import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';
import { type ChatTransport, ChatTransportError } from './chat-transport.js';
import { parseServerSentEvents } from './sse-parser.js';

/** Where the default transport finds the bot. */
export interface TrpcSseTransportOptions {
  /** The Jarvis server's origin, e.g. `https://jarvis.example.com`. */
  api: string;
  /** The bot's publishable key (`pk_…`). */
  botKey: string;
}

/** The error shape tRPC v11 sends, both as an HTTP error body and as a `serialized-error` event. */
interface TrpcErrorShape {
  message?: unknown;
  data?: { code?: unknown };
}

/**
 * The default transport: tRPC v11's HTTP wire format, hand-written so the CDN bundle carries no
 * client library. `widget.config` is a GET query; `chat.send` is a subscription read as SSE through
 * `fetch`, not EventSource, because EventSource reconnects on its own (asking the question twice)
 * and cannot be aborted when the visitor presses Stop.
 */
export function createTrpcSseTransport(options: TrpcSseTransportOptions): ChatTransport {
  const base = `${options.api.replace(/\/+$/, '')}/trpc/`;
  const urlFor = (procedure: string, input: object) =>
    `${base}${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

  return {
    async loadConfig(signal) {
      const response = await request(
        urlFor('widget.config', { botKey: options.botKey }),
        'application/json',
        signal,
      );
      const body = await readJson(response);
      return toWidgetConfig((body as { result?: { data?: unknown } } | undefined)?.result?.data);
    },

    async *streamAnswer({ question, conversationId }, signal) {
      const input = conversationId === undefined ? { question } : { question, conversationId };
      const url = urlFor('chat.send', { botKey: options.botKey, ...input });
      const response = await request(url, 'text/event-stream', signal);
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
  };
}

async function request(url: string, accept: string, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    // Only a safelisted `Accept` header, so a cross-origin call needs no CORS preflight.
    response = await fetch(url, { headers: { accept }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ChatTransportError(
      'NETWORK',
      'Could not reach the assistant. Check your connection and try again.',
    );
  }
  if (!response.ok) {
    const body = (await readJson(response).catch(() => undefined)) as { error?: TrpcErrorShape } | undefined;
    throw toTransportError(body?.error, `The assistant's server answered with HTTP ${response.status}.`);
  }
  return response;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw badResponse();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse();
  }
}

function toTransportError(error: TrpcErrorShape | undefined, fallback = 'The assistant could not answer.') {
  const code = typeof error?.data?.code === 'string' ? error.data.code : 'SERVER_ERROR';
  const message = typeof error?.message === 'string' && error.message ? error.message : fallback;
  return new ChatTransportError(code, message);
}

function badResponse(): ChatTransportError {
  return new ChatTransportError(
    'BAD_RESPONSE',
    'The assistant’s server sent a reply this widget cannot read.',
  );
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

function toWidgetConfig(value: unknown): WidgetConfig {
  const config = value as Partial<WidgetConfig> | undefined;
  if (typeof config?.name !== 'string') throw badResponse();
  const text = (field: unknown) => (typeof field === 'string' ? field : '');
  return {
    name: config.name,
    greeting: text(config.greeting),
    starterQuestions: Array.isArray(config.starterQuestions)
      ? config.starterQuestions.filter((question) => typeof question === 'string')
      : [],
    accentColor: text(config.accentColor),
    placeholder: text(config.placeholder),
  };
}
