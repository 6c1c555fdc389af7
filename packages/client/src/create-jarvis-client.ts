import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { EventSource as EventSourceForNode } from 'eventsource';
import { toJarvisError } from './jarvis-error.js';
import type { AppRouter } from './server-types.js';

export interface JarvisClientOptions {
  /** The Jarvis server's origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** An owner API key (`jsk_…`) for the owner procedures (`bots.*`, `conversations.*`). */
  apiKey?: string;
  /**
   * A signed-in person's token for the account procedures (`accounts.*`) when the server uses
   * Supabase Auth: the Supabase session's access token, or a function that returns the current one
   * (called before each request, so a refreshed session is picked up).
   */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** A custom fetch (tests, proxies, runtimes without a global one). */
  fetch?: typeof globalThis.fetch;
  /** An EventSource for streamed answers; defaults to the global one, or the `eventsource` package (Node 20). */
  EventSource?: typeof globalThis.EventSource;
  /** Extra headers sent with every query and mutation. */
  headers?: Record<string, string>;
}

/** The typed tRPC client for the whole Jarvis API; every call fails with a `JarvisError`. */
export type JarvisClient = TRPCClient<AppRouter>;

/** Rewrites every failure (and every reconnect reason of a stream) as a `JarvisError` naming the server. */
function jarvisErrorLink(serverUrl: string): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => {
            const result = value.result as { type?: string; error?: unknown };
            if (result.type === 'state' && result.error) {
              observer.next({
                ...value,
                result: { ...result, error: toJarvisError(result.error, serverUrl) },
              } as typeof value);
            } else observer.next(value);
          },
          error: (error) => observer.error(toJarvisError(error, serverUrl)),
          complete: () => observer.complete(),
        }),
      );
}

/** Creates a typed client for a Jarvis server: queries and mutations batched, answers streamed over SSE. */
export function createJarvisClient(options: JarvisClientOptions): JarvisClient {
  const serverUrl = options.url.replace(/\/+$/, '');
  const url = `${serverUrl}/trpc`;
  const headers = async () => {
    const token =
      typeof options.accessToken === 'function' ? await options.accessToken() : options.accessToken;
    const credential = options.apiKey ?? token;
    return { ...options.headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) };
  };
  return createTRPCClient<AppRouter>({
    links: [
      jarvisErrorLink(serverUrl),
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource: options.EventSource ?? globalThis.EventSource ?? EventSourceForNode,
          // EventSource cannot send headers; the owner key travels as a connection parameter instead.
          ...(options.apiKey ? { connectionParams: { authorization: `Bearer ${options.apiKey}` } } : {}),
        }),
        false: httpBatchLink({ url, headers, ...(options.fetch ? { fetch: options.fetch } : {}) }),
      }),
    ],
  });
}
