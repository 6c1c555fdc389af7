import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../trpc/app-router.js';

/**
 * A person's browser against a running server: keeps the cookies the server sets (as a browser
 * would), speaks from its own client address (X-Forwarded-For, trusted from loopback in tests),
 * and calls both better-auth's JSON endpoints and tRPC with its cookies.
 */
export class BrowserSession {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header received, as sent, for checking cookie attributes. */
  readonly setCookieHeaders: string[] = [];

  constructor(
    readonly serverUrl: string,
    readonly ip: string,
  ) {}

  headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { 'x-forwarded-for': this.ip, ...(cookie ? { cookie } : {}) };
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.serverUrl), {
      redirect: 'manual',
      ...init,
      headers: { ...this.headers(), ...(init.headers as Record<string, string> | undefined) },
    });
    for (const header of response.headers.getSetCookie()) {
      this.setCookieHeaders.push(header);
      const [pair = '', ...attributes] = header.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** POSTs JSON to a better-auth endpoint (`/api/auth/…`) and returns the status and the JSON answer. */
  async post(
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: Record<string, unknown>; response: Response }> {
    const response = await this.fetch(`/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      response,
    };
  }

  /** A tRPC client that sends this browser's cookies. */
  trpc() {
    return createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${this.serverUrl}/trpc`, headers: () => this.headers() })],
    });
  }
}
