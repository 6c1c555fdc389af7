import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchedPage, FetchPageOptions, PageFetcher } from '../../adapters/browser/port.js';
import { cleanUrl, compilePatterns, normalizeUrl, scopeOf } from './crawl-frontier.js';
import { extractPage } from './extract-page.js';
import { createRobotsCache } from './robots-txt.js';

/** Sent with every request and matched against robots.txt (as `jarvisbot`). */
export const defaultUserAgent = 'JarvisBot/0.1 (+https://github.com/jarvis)';

export interface CrawlOptions {
  /** Pages emitted at most; 200 unless said. Skipped and failed URLs do not count. */
  maxPages?: number;
  /** Links followed from a start URL at most; 5 unless said. */
  maxDepth?: number;
  /**
   * Only URLs whose path and query contain one of these are fetched (start URLs always are).
   * A pattern is a plain substring; `*` matches any run of characters, e.g. `/docs/*.html`.
   */
  include?: string[];
  /** URLs whose path and query contain one of these are never fetched; same syntax as `include`. */
  exclude?: string[];
  /** Stay within the start URL's origin and folder (true unless said). */
  sameOriginOnly?: boolean;
  userAgent?: string;
  /** Requests in flight at once; 4 unless said. */
  concurrency?: number;
  /** Pause between two requests to one host; a robots.txt Crawl-delay can raise it. 0 unless said. */
  delayMs?: number;
  /** Per request; 15 s unless said. */
  timeoutMs?: number;
  /** Bytes of each page read at most; 5 MB unless said. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** More URLs to start from at depth 0 (a sitemap's, say); out-of-scope ones are dropped. */
  extraStartUrls?: string[];
  /**
   * Fetches a page again when its HTML looks like an app shell that only JavaScript fills
   * (the Playwright fetcher). Without it such pages are kept as the plain fetch saw them.
   */
  renderer?: PageFetcher;
}

/** What a crawl reports, in the order it happens. */
export type CrawlEvent =
  | { type: 'page'; url: string; title: string; markdown: string; depth: number; contentHash: string }
  | { type: 'skipped'; url: string; reason: string }
  | { type: 'failed'; url: string; error: string }
  | { type: 'progress'; discovered: number; fetched: number; queued: number };

interface QueuedUrl {
  url: string;
  depth: number;
}

/**
 * Breadth-first crawl from `startUrl`. Follows links in scope up to the depth and page limits,
 * honours robots.txt for its user agent, keeps to the per-host delay, skips what is not HTML
 * (plain text and Markdown are read when they are a start URL), and drops duplicates by
 * normalised URL, by redirect target, by canonical URL and by content hash. Yields one event per
 * URL it handled and a `progress` event after each. Aborting `signal` stops it promptly: requests
 * in flight are cancelled and the generator throws the abort reason.
 */
export async function* crawlSite(
  startUrl: string,
  options: CrawlOptions,
  fetcher: PageFetcher,
): AsyncGenerator<CrawlEvent> {
  const maxPages = options.maxPages ?? 200;
  const maxDepth = options.maxDepth ?? 5;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const delayMs = options.delayMs ?? 0;
  const { signal } = options;
  const fetchOptions: FetchPageOptions = {
    userAgent: options.userAgent ?? defaultUserAgent,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 5_000_000,
    ...(signal ? { signal } : {}),
  };
  const inScope = scopeOf(startUrl, options.sameOriginOnly ?? true);
  const included = compilePatterns(options.include);
  const excluded = compilePatterns(options.exclude);
  const robotsFor = createRobotsCache(fetcher, fetchOptions);
  const siteRoot = normalizeUrl(new URL('/', startUrl));

  const seen = new Set<string>();
  const pageByHash = new Map<string, string>();
  const frontier: QueuedUrl[] = [];
  let nextInFrontier = 0;
  const nextRequestAt = new Map<string, number>();
  let pages = 0;
  let fetched = 0;

  const enqueue = (url: string, depth: number, isStart = false) => {
    let parsed: URL;
    try {
      parsed = cleanUrl(url);
    } catch {
      return;
    }
    const key = normalizeUrl(parsed);
    if (seen.has(key) || depth > maxDepth || !inScope(parsed)) return;
    if (excluded?.(parsed) || (!isStart && included && !included(parsed))) return;
    seen.add(key);
    frontier.push({ url: parsed.href, depth });
  };

  const waitForHost = async (host: string, gapMs: number) => {
    if (gapMs <= 0) return;
    const at = Math.max(Date.now(), nextRequestAt.get(host) ?? 0);
    nextRequestAt.set(host, at + gapMs);
    if (at > Date.now()) await sleep(at - Date.now(), undefined, signal ? { signal } : {});
  };

  const fetchWithRobots = async (url: string): Promise<FetchedPage | CrawlEvent> => {
    const parsed = new URL(url);
    const robots = await robotsFor(parsed);
    if (robots.refusal) return { type: 'skipped', url, reason: robots.refusal };
    if (!robots.isAllowed(url)) return { type: 'skipped', url, reason: 'disallowed by robots.txt' };
    await waitForHost(parsed.host, Math.max(delayMs, robots.crawlDelayMs));
    fetched += 1;
    return fetcher.fetchPage(url, fetchOptions);
  };

  const visit = async ({ url, depth }: QueuedUrl): Promise<CrawlEvent> => {
    const response = await fetchWithRobots(url);
    if ('type' in response) return response;
    if (response.status < 200 || response.status >= 300) {
      return { type: 'failed', url, error: `HTTP ${response.status}` };
    }
    const finalUrl = new URL(response.url);
    const finalKey = normalizeUrl(finalUrl);
    if (finalKey !== normalizeUrl(url)) {
      if (!inScope(finalUrl))
        return { type: 'skipped', url, reason: `redirects out of scope to ${response.url}` };
      if (seen.has(finalKey))
        return { type: 'skipped', url, reason: `redirects to ${response.url}, already seen` };
      seen.add(finalKey);
    }

    const type = response.contentType.split(';')[0]!.trim().toLowerCase();
    let title: string;
    let markdown: string;
    if (type === 'text/html' || type === 'application/xhtml+xml' || type === '') {
      let page = extractPage(response.body, response.url);
      if (page.needsJavaScript && options.renderer) {
        // A page the browser cannot render is still kept as the plain fetch saw it.
        const rendered = await options.renderer.fetchPage(response.url, fetchOptions).catch(() => undefined);
        if (rendered && rendered.status >= 200 && rendered.status < 300) {
          page = extractPage(rendered.body, rendered.url);
        }
      }
      for (const link of page.links) enqueue(link, depth + 1);
      const duplicate = page.canonicalUrl ? canonicalDuplicate(page.canonicalUrl, finalKey) : undefined;
      if (duplicate) return { type: 'skipped', url, reason: duplicate };
      title = page.title;
      markdown = page.markdown;
    } else if ((type === 'text/plain' || type === 'text/markdown') && depth === 0) {
      // Asked for by name: read as is. Found by a link (Sphinx's _sources/*.txt), it would only
      // duplicate the rendered page.
      title = decodeURIComponent(finalUrl.pathname.split('/').pop() || finalUrl.hostname);
      markdown = response.body;
    } else {
      return { type: 'skipped', url, reason: `not HTML (${type})` };
    }
    if (!markdown.trim()) return { type: 'skipped', url, reason: 'no text content' };
    const contentHash = createHash('sha256').update(markdown).digest('hex');
    const twin = pageByHash.get(contentHash);
    if (twin) return { type: 'skipped', url, reason: `same content as ${twin}` };
    pageByHash.set(contentHash, response.url);
    return { type: 'page', url: response.url, title, markdown, depth, contentHash };
  };

  /**
   * A page whose canonical URL was already crawled is a duplicate; otherwise the canonical URL is
   * marked seen so it is not fetched again. A canonical pointing deeper pages at the home page is
   * a common misconfiguration, and is ignored rather than dropping the whole site.
   */
  const canonicalDuplicate = (canonicalUrl: string, finalKey: string): string | undefined => {
    let canonical: URL;
    try {
      canonical = new URL(canonicalUrl);
    } catch {
      return undefined;
    }
    const canonicalKey = normalizeUrl(canonical);
    if (canonicalKey === finalKey || !inScope(canonical)) return undefined;
    if (canonicalKey === siteRoot && finalKey !== siteRoot) return undefined;
    if (seen.has(canonicalKey)) return `duplicate of its canonical URL ${canonical.href}`;
    seen.add(canonicalKey);
    return undefined;
  };

  enqueue(startUrl, 0, true);
  for (const extra of options.extraStartUrls ?? []) enqueue(extra, 0, true);

  const inFlight = new Map<number, Promise<{ id: number; event: CrawlEvent }>>();
  let nextId = 0;
  while (nextInFrontier < frontier.length || inFlight.size > 0) {
    signal?.throwIfAborted();
    while (
      inFlight.size < concurrency &&
      nextInFrontier < frontier.length &&
      pages + inFlight.size < maxPages
    ) {
      const item = frontier[nextInFrontier++]!;
      const id = nextId++;
      const settled = visit(item).then(
        (event) => ({ id, event }),
        (error: unknown) => ({
          id,
          event: { type: 'failed', url: item.url, error: describeError(error) } as const,
        }),
      );
      inFlight.set(id, settled);
    }
    if (inFlight.size === 0) break;
    const { id, event } = await Promise.race(inFlight.values());
    inFlight.delete(id);
    signal?.throwIfAborted();
    if (event.type === 'page') pages += 1;
    yield event;
    yield {
      type: 'progress',
      discovered: frontier.length,
      fetched,
      queued: frontier.length - nextInFrontier + inFlight.size,
    };
  }
}

/** The message a person can act on, with the network cause (ECONNREFUSED, the SSRF refusal) kept. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
}
