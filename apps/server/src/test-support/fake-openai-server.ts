import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from './read-json-body.js';

/** How the fake answers the next chat completion. */
export interface ChatScript {
  /** Content deltas streamed in order. */
  tokens: string[];
  /** Fail this many requests with `failStatus` before answering (to exercise retries). */
  failFirst?: number;
  failStatus?: number;
  /** Send an `error` event instead of the rest of the stream after this many tokens. */
  errorAfterTokens?: number;
  /** Milliseconds between deltas. */
  delayMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface FakeOpenAIServer {
  /** Base URL to pass as OPENAI_BASE_URL, ending in /v1. */
  url: string;
  /** Every request body received, in order. */
  requests: { path: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }[];
  /** The script used for chat completions from now on. */
  setChatScript(script: ChatScript): void;
  /** Requests whose streams the client closed before the end. */
  abortedStreams: number;
  close(): Promise<void>;
}

/**
 * A local server that speaks OpenAI's documented wire format for `POST /v1/chat/completions`
 * (streamed as server-sent `chat.completion.chunk` events ending in `data: [DONE]`, with a usage
 * chunk when `stream_options.include_usage` is set, and `{"error": …}` bodies for failures) and
 * `POST /v1/embeddings`. Embeddings are deterministic letter-count vectors so tests can reason
 * about them.
 */
export async function startFakeOpenAIServer(
  options: { embeddingDimensions?: number } = {},
): Promise<FakeOpenAIServer> {
  const dimensions = options.embeddingDimensions ?? 8;
  let script: ChatScript = { tokens: ['Hello', ' world', '.'] };
  let failuresLeft = 0;
  const state: FakeOpenAIServer = {
    url: '',
    requests: [],
    abortedStreams: 0,
    setChatScript(next) {
      script = next;
      failuresLeft = next.failFirst ?? 0;
    },
    close: async () => {},
  };

  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    state.requests.push({ path: req.url ?? '', body, headers: req.headers });
    if (req.headers.authorization !== 'Bearer test-key') {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    }
    if (req.method === 'POST' && req.url === '/v1/embeddings') {
      const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      return sendJson(res, 200, {
        object: 'list',
        model: body.model,
        // The SDK asks for base64 (little-endian float32) by default, as OpenAI's API allows.
        data: inputs.map((text, index) => {
          const vector = letterVector(text, dimensions);
          const embedding =
            body.encoding_format === 'base64'
              ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
              : vector;
          return { object: 'embedding', index, embedding };
        }),
        usage: {
          prompt_tokens: inputs.join(' ').split(/\s+/).length,
          total_tokens: inputs.join(' ').split(/\s+/).length,
        },
      });
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        const status = script.failStatus ?? 500;
        return sendError(
          res,
          status,
          status === 429 ? 'Rate limit reached.' : 'The server had an error.',
          status === 429 ? 'rate_limit_exceeded' : 'server_error',
        );
      }
      return streamCompletion(req, res, body, script, state);
    }
    sendError(res, 404, `Unknown path ${req.url}`, 'invalid_request_error');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function streamCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
  script: ChatScript,
  state: FakeOpenAIServer,
): Promise<void> {
  const id = `chatcmpl-${state.requests.length}`;
  const model = String(body.model);
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      state.abortedStreams += 1;
    }
  });
  if (body.stream !== true) {
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        { index: 0, message: { role: 'assistant', content: script.tokens.join('') }, finish_reason: 'stop' },
      ],
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(chunk({ role: 'assistant', content: '' }));
  for (const [index, token] of script.tokens.entries()) {
    if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
    if (closed) return;
    if (script.errorAfterTokens !== undefined && index === script.errorAfterTokens) {
      res.write(
        `data: ${JSON.stringify({ error: { message: 'The model crashed mid-answer.', type: 'server_error', code: null } })}\n\n`,
      );
      res.end();
      return;
    }
    res.write(chunk({ content: token }));
  }
  res.write(chunk({}, 'stop'));
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    const usage = script.usage ?? { prompt_tokens: 100, completion_tokens: script.tokens.length };
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
    );
  }
  res.end('data: [DONE]\n\n');
  void req;
}

function letterVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const char of text.toLowerCase()) {
    const code = char.charCodeAt(0);
    if (code >= 97 && code <= 122) vector[(code - 97) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
): void {
  sendJson(res, status, { error: { message, type, param: null, code } });
}
