/** What one tRPC call over plain HTTP came back with. */
export interface HttpCallOutcome {
  /** The HTTP status; a stream answers 200 even when it then reports an error. */
  status: number;
  /** `OK`, or the tRPC error code (`NOT_FOUND`, `FORBIDDEN`, …), for plain answers and streams alike. */
  code: string;
  /** A query's or mutation's result, or the events a stream sent before it ended, failed or was left. */
  data: unknown;
  /** The whole body as received, to search for what must not be in it. */
  body: string;
}

/** How a procedure is called over HTTP, as `appRouter._def.procedures` names its kind. */
export type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface HttpCallOptions {
  /** Exactly the headers to send (cookie, authorization, origin…): nothing is added for the caller. */
  headers?: Record<string, string>;
  /** For streams: stop reading once this returns true for an event's data (default: at the first event). */
  streamUntil?: (data: unknown) => boolean;
  /** For streams: stop reading after this long even if the stream goes on (default 2 s). */
  streamTimeoutMs?: number;
}

/**
 * Calls one procedure over plain HTTP as tRPC's non-batching links do (GET with `?input=` for
 * queries and SSE streams, POST with a JSON body for mutations), with only the headers given, so a
 * test controls every credential and the Origin. Unlike the typed client, it returns refusals
 * instead of throwing, and a stream's error event the same way as a plain error answer.
 */
export async function callOverHttp(
  serverUrl: string,
  path: string,
  type: ProcedureType,
  input: unknown,
  options: HttpCallOptions = {},
): Promise<HttpCallOutcome> {
  const url = new URL(`${serverUrl}/trpc/${path}`);
  const headers = { ...options.headers };
  if (type === 'mutation') {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    return plainOutcome(response);
  }
  if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
  if (type === 'query') return plainOutcome(await fetch(url, { headers }));
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return plainOutcome(response);
  try {
    return await streamOutcome(response, options);
  } finally {
    abort.abort();
  }
}

async function plainOutcome(response: Response): Promise<HttpCallOutcome> {
  const body = await response.text();
  const json = parseJson(body) as
    | { result?: { data?: unknown }; error?: { data?: { code?: string } } }
    | undefined;
  if (response.ok) return { status: response.status, code: 'OK', data: json?.result?.data, body };
  return {
    status: response.status,
    code: json?.error?.data?.code ?? `HTTP ${response.status}`,
    data: json,
    body,
  };
}

/** Reads SSE events until an error event, until `streamUntil` is satisfied, the stream ends or time is up. */
async function streamOutcome(response: Response, options: HttpCallOptions): Promise<HttpCallOutcome> {
  const until = options.streamUntil ?? (() => true);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + (options.streamTimeoutMs ?? 2000);
  const events: unknown[] = [];
  let body = '';
  let parsedUpTo = 0;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const next = await Promise.race([
        reader.read(),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), left)),
      ]);
      if (!next || next.done) break;
      body += decoder.decode(next.value, { stream: true });
      // Events end with a blank line; only whole ones are looked at.
      const end = body.lastIndexOf('\n\n');
      if (end < parsedUpTo) continue;
      for (const block of body.slice(parsedUpTo, end).split('\n\n')) {
        const event = parseEvent(block);
        if (!event || event.name === 'connected') continue;
        if (event.name === 'serialized-error') {
          const error = event.data as { data?: { code?: string } } | undefined;
          return { status: response.status, code: error?.data?.code ?? 'ERROR', data: events, body };
        }
        events.push(event.data);
        if (until(event.data)) return { status: response.status, code: 'OK', data: events, body };
      }
      parsedUpTo = end + 2;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { status: response.status, code: 'OK', data: events, body };
}

function parseEvent(block: string): { name: string; data: unknown } | undefined {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return data.length > 0 ? { name, data: parseJson(data.join('\n')) } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
