import { Agent, request } from 'undici';
import { decodeText } from '../../modules/ingest/decode-text.js';
import { assertUrlAllowed, createGuardedLookup } from '../../modules/ingest/ssrf-guard.js';
import type { FetchedPage, FetchPageOptions, PageFetcher } from './port.js';
import { decodeBody, readAtMost } from './read-body.js';

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
 * rebinding reaches a private address. Bodies are cut at `maxBytes` without downloading the rest,
 * and arrive decompressed (gzip, deflate or br, and gzip files such as `sitemap.xml.gz`).
 * `ETag` and `Last-Modified` come back for conditional requests; a 304 comes back as is.
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
          'accept-encoding': 'gzip, deflate, br',
          ...(hop === 0 ? fetchOptions.headers : {}),
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
      const raw = await readAtMost(response.body, fetchOptions.maxBytes);
      const contentEncoding = firstHeader(response.headers['content-encoding']);
      const bytes = await decodeBody(
        raw,
        { contentEncoding, contentType, url: current },
        fetchOptions.maxBytes,
      );
      const etag = firstHeader(response.headers.etag);
      const lastModified = firstHeader(response.headers['last-modified']);
      return {
        url: current.href,
        status: response.statusCode,
        contentType,
        body: decodeText(bytes, { contentType, html: !contentType || /html/i.test(contentType) }),
        bytes,
        truncated: raw.length >= fetchOptions.maxBytes || bytes.length >= fetchOptions.maxBytes,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
