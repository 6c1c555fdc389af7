import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchedPage, FetchPageOptions, PageFetcher } from '../../adapters/browser/port.js';
import { conditionalHeaders, type KnownPage } from './conditional-request.js';
import { cleanUrl, compilePatterns, normalizeUrl, scopeOf } from './crawl-frontier.js';
import { sharedPageExtractor } from './extract-page-pool.js';
import { readLinkedFile } from './read-linked-file.js';
import { createRobotsCache } from './robots-txt.js';
import { sniffFileType } from './sniff-file-type.js';

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
  /**
   * Requests to the site in flight at once; 4 unless said. Twice as many pages again may be waiting
   * for or in extraction, so fetching goes on while earlier pages are read, and extraction while
   * earlier pages are stored.
   */
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
  /**
   * Pages the last sync stored, by normalised URL. They are fetched conditionally; on 304 Not
   * Modified the crawl yields `unchanged` and follows the links the page had last time.
   */
  knownPages?: ReadonlyMap<string, KnownPage>;
  /** Applied to the start URL and every URL found (links, canonical URLs): see `createOriginRewriter`. */
  rewriteUrl?: (url: string) => string;
}

/** What a crawl reports, in the order it happens. */
export type CrawlEvent =
  | {
      type: 'page';
      url: string;
      title: string;
      markdown: string;
      depth: number;
      contentHash: string;
      links: string[];
      /** Validators for the next sync's conditional request; absent for pages a browser rendered. */
      etag?: string;
      lastModified?: string;
    }
  | { type: 'unchanged'; url: string; depth: number }
  | { type: 'skipped'; url: string; reason: string }
  | { type: 'failed'; url: string; error: string }
  | { type: 'progress'; discovered: number; fetched: number; queued: number };

interface QueuedUrl {
  url: string;
  depth: number;
}

/**
 * Breadth-first crawl from `requestedStartUrl` (after `rewriteUrl`). Follows links in scope up to
 * the depth and page limits, honours robots.txt for its user agent, keeps to the per-host delay,
 * skips what is not HTML (plain text and Markdown are read when they are a start URL), and drops
 * duplicates by normalised URL, by redirect target, by canonical URL and by content hash. Yields one event per
 * URL it handled and a `progress` event after each; a page the last sync stored that the server
 * reports unchanged (304) is an `unchanged` event. Aborting `signal` stops it promptly: requests
 * in flight are cancelled and the generator throws the abort reason.
 */
export async function* crawlSite(
  requestedStartUrl: string,
  options: CrawlOptions,
  fetcher: PageFetcher,
): AsyncGenerator<CrawlEvent> {
  const rewrite = options.rewriteUrl ?? ((url: string) => url);
  const startUrl = rewrite(requestedStartUrl);
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

  // Links as pages spell them, cleaned and keyed once: a site's navigation repeats the same few
  // hundred links on every page, and parsing each again was most of the crawl's own time.
  const linkKeys = new Map<string, { parsed: URL; key: string } | null>();
  const keyOfLink = (url: string) => {
    let known = linkKeys.get(url);
    if (known === undefined) {
      try {
        const parsed = cleanUrl(rewrite(url));
        known = { parsed, key: normalizeUrl(parsed) };
      } catch {
        known = null;
      }
      linkKeys.set(url, known);
    }
    return known;
  };

  const enqueue = (url: string, depth: number, isStart = false) => {
    const link = keyOfLink(url);
    if (!link) return;
    const { parsed, key } = link;
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

  // Politeness is about requests in flight, not pages: a page being extracted holds no slot.
  let requesting = 0;
  const slotFreed: (() => void)[] = [];
  const withRequestSlot = async <T>(request: () => Promise<T>): Promise<T> => {
    while (requesting >= concurrency) await new Promise<void>((resolve) => slotFreed.push(resolve));
    requesting += 1;
    try {
      return await request();
    } finally {
      requesting -= 1;
      slotFreed.shift()?.();
    }
  };

  const fetchWithRobots = async (
    url: string,
    headers: Record<string, string> | undefined,
  ): Promise<FetchedPage | CrawlEvent> => {
    const parsed = new URL(url);
    const robots = await robotsFor(parsed);
    if (robots.refusal) return { type: 'skipped', url, reason: robots.refusal };
    if (!robots.isAllowed(url)) return { type: 'skipped', url, reason: 'blocked by robots.txt' };
    return withRequestSlot(async () => {
      await waitForHost(parsed.host, Math.max(delayMs, robots.crawlDelayMs));
      fetched += 1;
      return fetcher.fetchPage(url, headers ? { ...fetchOptions, headers } : fetchOptions);
    });
  };

  const visit = async ({ url, depth }: QueuedUrl): Promise<CrawlEvent | CrawlEvent[]> => {
    const known = options.knownPages?.get(normalizeUrl(url));
    const response = await fetchWithRobots(url, conditionalHeaders(known));
    if ('type' in response) return response;
    if (response.status === 304 && known) {
      for (const link of known.links) enqueue(link, depth + 1);
      pageByHash.set(known.contentHash, known.url);
      return { type: 'unchanged', url: known.url, depth };
    }
    if (response.status < 200 || response.status >= 300) {
      // "404 Not Found": the code people search for, and the words for those who do not know it.
      return { type: 'failed', url, error: `${response.status} ${STATUS_CODES[response.status] ?? 'error'}` };
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

    if (response.truncated) {
      const limit = Math.round(fetchOptions.maxBytes / 1024 / 1024);
      return { type: 'failed', url, error: `larger than the ${limit} MB limit per page; not read` };
    }
    let type = response.contentType.split(';')[0]!.trim().toLowerCase();
    // The bytes say what the file is: a PDF link is read page by page, and a "PDF" or download
    // that is really an HTML page (a sign-in or error page) is read as the page it is.
    const sniffed =
      response.bytes && sniffFileType(response.bytes, { name: finalUrl.pathname, contentType: type });
    if (sniffed === 'pdf' || sniffed === 'docx') {
      const events = await readLinkedFile(url, { ...response, bytes: response.bytes! }, depth, signal);
      const fresh = events.filter((event) => event.type !== 'page' || !pageByHash.has(event.contentHash));
      for (const event of fresh) if (event.type === 'page') pageByHash.set(event.contentHash, event.url);
      return fresh.length > 0
        ? fresh
        : { type: 'skipped', url, reason: 'same content as a file already read' };
    }
    if (sniffed === 'html' && !type.startsWith('text/')) type = 'text/html';
    let title: string;
    let markdown: string;
    let links: string[] = [];
    let usedBrowser = false;
    if (type === 'text/html' || type === 'application/xhtml+xml' || type === '') {
      let page = await sharedPageExtractor.extract(response.body, response.url);
      if (page.needsJavaScript && options.renderer) {
        // A page the browser cannot render is still kept as the plain fetch saw it.
        const renderer = options.renderer;
        const rendered = await withRequestSlot(() => renderer.fetchPage(response.url, fetchOptions)).catch(
          () => undefined,
        );
        if (rendered && rendered.status >= 200 && rendered.status < 300) {
          page = await sharedPageExtractor.extract(rendered.body, rendered.url);
          usedBrowser = true;
        }
      }
      links = page.links;
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
    // A rendered page's content comes from scripts too, which the HTML's validators do not cover.
    const validators = usedBrowser
      ? {}
      : {
          ...(response.etag ? { etag: response.etag } : {}),
          ...(response.lastModified ? { lastModified: response.lastModified } : {}),
        };
    return { type: 'page', url: response.url, title, markdown, depth, contentHash, links, ...validators };
  };

  /**
   * A page whose canonical URL was already crawled is a duplicate; otherwise the canonical URL is
   * marked seen so it is not fetched again. A canonical pointing deeper pages at the home page is
   * a common misconfiguration, and is ignored rather than dropping the whole site.
   */
  const canonicalDuplicate = (canonicalUrl: string, finalKey: string): string | undefined => {
    let canonical: URL;
    try {
      canonical = new URL(rewrite(canonicalUrl));
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
  // The extraction thread loads its modules while robots.txt and the first page are fetched.
  sharedPageExtractor.warmUp();

  const inFlight = new Map<number, Promise<{ id: number; events: CrawlEvent[] }>>();
  let nextId = 0;
  while (nextInFrontier < frontier.length || inFlight.size > 0) {
    signal?.throwIfAborted();
    while (
      inFlight.size < concurrency * 3 &&
      nextInFrontier < frontier.length &&
      pages + inFlight.size < maxPages
    ) {
      const item = frontier[nextInFrontier++]!;
      const id = nextId++;
      const settled = visit(item).then(
        (event) => ({ id, events: Array.isArray(event) ? event : [event] }),
        (error: unknown) => ({
          id,
          events: [{ type: 'failed', url: item.url, error: describeError(error) } as const],
        }),
      );
      inFlight.set(id, settled);
    }
    if (inFlight.size === 0) break;
    const { id, events } = await Promise.race(inFlight.values());
    inFlight.delete(id);
    signal?.throwIfAborted();
    // A PDF's pages come from one URL and count as one page against the limit.
    if (events.some((event) => event.type === 'page' || event.type === 'unchanged')) pages += 1;
    yield* events;
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
