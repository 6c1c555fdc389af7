import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from './server-types.js';

export interface JarvisClientOptions {
  /** The Jarvis server's origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** A custom fetch (tests, proxies, runtimes without a global one). */
  fetch?: typeof globalThis.fetch;
  /** An EventSource implementation for streamed answers where there is no global one (Node 20: the `eventsource` package). */
  EventSource?: typeof globalThis.EventSource;
  /** Extra headers sent with every query and mutation. */
  headers?: Record<string, string>;
}

/** The typed tRPC client for the whole Jarvis API. */
export type JarvisClient = TRPCClient<AppRouter>;

/** Creates a typed client for a Jarvis server: queries and mutations batched, answers streamed over SSE. */
export function createJarvisClient(options: JarvisClientOptions): JarvisClient {
  const url = `${options.url.replace(/\/+$/, '')}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          ...(options.EventSource ? { EventSource: options.EventSource } : {}),
        }),
        false: httpBatchLink({
          url,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.headers ? { headers: options.headers } : {}),
        }),
      }),
    ],
  });
}
