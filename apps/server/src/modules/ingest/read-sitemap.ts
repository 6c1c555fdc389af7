import { load } from 'cheerio';
import type { PageFetcher } from '../../adapters/browser/port.js';
import { defaultUserAgent } from './crawl-site.js';

export interface ReadSitemapOptions {
  /** URLs returned at most, over all nested sitemaps; 50,000 (one sitemap's limit) unless said. */
  maxUrls?: number;
  userAgent?: string;
  timeoutMs?: number;
  /** Bytes read per sitemap file; 50 MB, the format's own limit, unless said. */
  maxBytes?: number;
  /** Applied to every URL the sitemaps list, pages and nested sitemaps alike (see `createOriginRewriter`). */
  rewriteUrl?: (url: string) => string;
  signal?: AbortSignal;
}

// Index files nest; real sites go one level deep, and a loop of indexes must end.
const maxNesting = 3;

/**
 * The page URLs a sitemap lists, to seed a crawl with pages no link reaches. Follows sitemap
 * indexes (each file read once), keeps http(s) URLs in document order without duplicates, and
 * stops at `maxUrls`. A nested sitemap that cannot be read is passed over; the top one must be.
 * Gzipped sitemaps (`sitemap.xml.gz`, or gzip as the Content-Encoding) arrive unpacked from the
 * HTTP fetcher.
 */
export async function readSitemap(
  url: string,
  fetcher: PageFetcher,
  options: ReadSitemapOptions = {},
): Promise<string[]> {
  const maxUrls = options.maxUrls ?? 50_000;
  const fetchOptions = {
    userAgent: options.userAgent ?? defaultUserAgent,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 50_000_000,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const rewrite = options.rewriteUrl ?? ((listed: string) => listed);
  const found = new Set<string>();
  const visited = new Set<string>();

  const visit = async (sitemapUrl: string, nesting: number): Promise<void> => {
    if (visited.has(sitemapUrl) || nesting > maxNesting || found.size >= maxUrls) return;
    visited.add(sitemapUrl);
    const response = await fetcher.fetchPage(sitemapUrl, fetchOptions);
    if (response.status !== 200) throw new Error(`HTTP ${response.status} reading the sitemap ${sitemapUrl}`);
    const $ = load(response.body, { xml: true });
    for (const element of $('url > loc')) {
      const pageUrl = httpUrl($(element).text(), response.url, rewrite);
      if (pageUrl) found.add(pageUrl);
      if (found.size >= maxUrls) return;
    }
    for (const element of $('sitemap > loc')) {
      const child = httpUrl($(element).text(), response.url, rewrite);
      if (!child) continue;
      await visit(child, nesting + 1).catch(() => options.signal?.throwIfAborted());
      if (found.size >= maxUrls) return;
    }
  };

  await visit(url, 0);
  return [...found];
}

function httpUrl(text: string, base: string, rewrite: (url: string) => string): string | undefined {
  try {
    const url = new URL(rewrite(new URL(text.trim(), base).href));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
