import { ChatTransportError } from './chat-transport.js';

/** The error shape tRPC v11 sends, both as an HTTP error body and as a `serialized-error` event. */
export interface TrpcErrorShape {
  message?: unknown;
  data?: { code?: unknown };
}

/** The URL of a tRPC procedure on a Jarvis server, with its input in the query string (GET). */
export function trpcUrl(api: string, procedure: string, input?: object): string {
  const url = `${api.replace(/\/+$/, '')}/trpc/${procedure}`;
  return input ? `${url}?input=${encodeURIComponent(JSON.stringify(input))}` : url;
}

/**
 * `fetch` that turns a network failure or an HTTP error into a `ChatTransportError` the visitor can
 * read (the server's own message when it sent one); an abort rethrows as is.
 */
export async function trpcRequest(
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
): Promise<Response> {
  let response: Response;
  try {
    // Queries send only a safelisted `Accept` header, so a cross-origin call needs no CORS preflight.
    response = await fetch(url, { ...init, ...(signal ? { signal } : {}) });
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

/** The response's JSON body; a body that is not JSON is a `BAD_RESPONSE`. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw badResponse();
  }
}

/** A tRPC error as a `ChatTransportError`, with `fallback` when it carries no message. */
export function toTransportError(
  error: TrpcErrorShape | undefined,
  fallback = 'The assistant could not answer.',
): ChatTransportError {
  const code = typeof error?.data?.code === 'string' ? error.data.code : 'SERVER_ERROR';
  const message = typeof error?.message === 'string' && error.message ? error.message : fallback;
  return new ChatTransportError(code, message);
}

/** The error for a reply the widget cannot read. */
export function badResponse(): ChatTransportError {
  return new ChatTransportError(
    'BAD_RESPONSE',
    'The assistant’s server sent a reply this widget cannot read.',
  );
}
