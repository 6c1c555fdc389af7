import { Agent, request } from 'undici';
import { assertUrlAllowed, createGuardedLookup } from '../../modules/ingest/ssrf-guard.js';
import type { FetchedPage, PageFetcher } from './port.js';

export interface HttpFetcherOptions {
  /** Hosts allowed even though they resolve to private addresses. */
  allowHosts: readonly string[];
  maxRedirects?: number;
}

/**
 * Plain HTTP fetching for the crawler. Every redirect hop is re-checked, and the connection's own
 * DNS lookup refuses private addresses, so neither a redirect nor DNS rebinding reaches the intranet.
 */
export function createHttpFetcher(options: HttpFetcherOptions): PageFetcher {
  const agent = new Agent({
    connect: { lookup: createGuardedLookup(options.allowHosts) as never },
    connections: 16,
  });
  const maxRedirects = options.maxRedirects ?? 5;

  return {
    async fetchPage(url, fetchOptions) {
      const signal = AbortSignal.any([
        AbortSignal.timeout(fetchOptions.timeoutMs),
        ...(fetchOptions.signal ? [fetchOptions.signal] : []),
      ]);
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
        const location = response.headers.location;
        if (response.statusCode >= 300 && response.statusCode < 400 && location) {
          await response.body.dump();
          if (hop >= maxRedirects) throw new Error(`More than ${maxRedirects} redirects from ${url}`);
          current = assertUrlAllowed(new URL(String(location), current), options.allowHosts);
          continue;
        }
        const contentType = String(response.headers['content-type'] ?? '');
        const body = await readCapped(response.body, fetchOptions.maxBytes, charsetOf(contentType));
        return { url: current.href, status: response.statusCode, contentType, body } satisfies FetchedPage;
      }
    },
    async close() {
      await agent.close();
    },
  };
}

/** Reads at most `maxBytes` of a body, then stops the download instead of buffering the rest. */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
  charset: string,
): Promise<string> {
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
  const bytes = Buffer.concat(parts).subarray(0, maxBytes);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function charsetOf(contentType: string): string {
  return contentType.match(/charset=["']?([\w-]+)/i)?.[1]?.toLowerCase() ?? 'utf-8';
}
