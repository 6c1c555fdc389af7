import { Agent, request } from 'undici';
import { assertUrlAllowed, createGuardedLookup } from '../../modules/ingest/ssrf-guard.js';
import type { FetchedPage, FetchPageOptions, PageFetcher } from './port.js';

export interface HttpFetcherOptions {
  /** Hosts fetched although they are or resolve to private addresses (`127.0.0.1`, `intranet.example`). */
  allowHosts: readonly string[];
  /** Redirect hops followed before giving up; 5 unless said. */
  maxRedirects?: number;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Plain HTTP page fetching over undici. Each redirect hop is re-checked against the SSRF rules and
 * every connection resolves its host through the guarded lookup, so neither a redirect nor DNS
 * rebinding reaches a private address. Bodies are cut at `maxBytes` without downloading the rest.
 * Any status is returned as is: the crawler decides what a 404 means.
 */
export function createHttpFetcher(options: HttpFetcherOptions): PageFetcher {
  const agent = new Agent({ connect: { lookup: createGuardedLookup(options.allowHosts) } });
  const maxRedirects = options.maxRedirects ?? 5;

  return {
    async fetchPage(url, fetchOptions) {
      const signal = AbortSignal.any([
        AbortSignal.timeout(fetchOptions.timeoutMs),
        ...(fetchOptions.signal ? [fetchOptions.signal] : []),
      ]);
      try {
        return await fetchFollowingRedirects(url, fetchOptions, signal);
      } catch (error) {
        // The caller's own abort is passed on as is; our timeout becomes a message a person can act on.
        if (fetchOptions.signal?.aborted) throw fetchOptions.signal.reason;
        if (signal.aborted) throw new Error(`Timed out after ${fetchOptions.timeoutMs} ms fetching ${url}`);
        throw error;
      }
    },
    async close() {
      await agent.close();
    },
  };

  async function fetchFollowingRedirects(
    url: string,
    fetchOptions: FetchPageOptions,
    signal: AbortSignal,
  ): Promise<FetchedPage> {
    let current = assertUrlAllowed(url, options.allowHosts);
    for (let hop = 0; ; hop += 1) {
      const response = await request(current, {
        dispatcher: agent,
        signal,
        headers: {
          'user-agent': fetchOptions.userAgent,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
        },
      });
      const location = firstHeader(response.headers.location);
      if (redirectStatuses.has(response.statusCode) && location) {
        // Free the connection for reuse instead of leaving the unread body on it.
        await response.body.dump();
        if (hop >= maxRedirects) throw new Error(`More than ${maxRedirects} redirects from ${url}`);
        current = assertUrlAllowed(new URL(location, current), options.allowHosts);
        continue;
      }
      const contentType = firstHeader(response.headers['content-type']) ?? '';
      const bytes = await readAtMost(response.body, fetchOptions.maxBytes);
      return {
        url: current.href,
        status: response.statusCode,
        contentType,
        body: decode(bytes, contentType),
      };
    }
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads at most `maxBytes` of a body, then destroys the stream so the rest is never downloaded. */
async function readAtMost(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  maxBytes: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    parts.push(part);
    size += part.length;
    if (size >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(parts).subarray(0, maxBytes);
}

/**
 * Decodes with the charset the server named, or else the one a `<meta charset>` near the top names,
 * or else UTF-8. An unknown label falls back to UTF-8 rather than failing the page.
 */
function decode(bytes: Buffer, contentType: string): string {
  const declared =
    charsetIn(contentType) ??
    (/html/i.test(contentType) ? charsetIn(bytes.subarray(0, 1024).toString('latin1')) : undefined);
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function charsetIn(text: string): string | undefined {
  return text.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1]?.toLowerCase();
}
