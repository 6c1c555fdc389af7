import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PageFetcher } from '../../adapters/browser/port.js';
import { compilePatterns, normalizeUrl, scopeOf } from './crawl-frontier.js';
import { extractPage } from './extract-page.js';

export interface CrawlOptions {
  maxPages?: number;
  maxDepth?: number;
  /** Only URLs whose path matches one of these are fetched (besides the start URL). `*` is a wildcard. */
  include?: string[];
  /** URLs whose path matches one of these are never fetched. */
  exclude?: string[];
  userAgent?: string;
  concurrency?: number;
  /** Pause between two requests to one host, at least; a robots.txt Crawl-delay can raise it. */
  delayMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** More URLs to start from, e.g. from a sitemap; they must be in scope too. */
  extraStartUrls?: string[];
  signal?: AbortSignal;
}

export type CrawlEvent =
  | { type: 'page'; url: string; title: string; markdown: string; depth: number; contentHash: string }
  | { type: 'skipped'; url: string; reason: string }
  | { type: 'failed'; url: string; error: string }
  | { type: 'progress'; discovered: number; fetched: number; queued: number };

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
}

// robots-parser is CommonJS and its bundled types declare a default export it does not have at run time.
const parseRobots = createRequire(import.meta.url)('robots-parser') as (url: string, body: string) => Robots;

/**
 * Breadth-first crawl of the site under `startUrl`: robots.txt honoured, scope and patterns applied,
 * duplicates dropped by normalised URL, canonical URL and content hash, a few pages in flight at once.
 */
export async function* crawlSite(
  startUrl: string,
  options: CrawlOptions,
  fetcher: PageFetcher,
): AsyncGenerator<CrawlEvent> {
  const settings = {
    maxPages: options.maxPages ?? 200,
    maxDepth: options.maxDepth ?? 5,
    userAgent: options.userAgent ?? 'JarvisBot/0.1',
    concurrency: options.concurrency ?? 4,
    delayMs: options.delayMs ?? 0,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 5_000_000,
  };
  const inScope = scopeOf(startUrl);
  const included = compilePatterns(options.include);
  const excluded = compilePatterns(options.exclude);
  const seen = new Set<string>();
  const seenContent = new Set<string>();
  const frontier: { url: string; depth: number }[] = [];
  const robotsByOrigin = new Map<string, Promise<Robots | undefined>>();
  const nextRequestAt = new Map<string, number>();
  let pages = 0;
  let fetched = 0;

  const enqueue = (url: string, depth: number, isStart = false) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    const key = normalizeUrl(parsed.href);
    if (seen.has(key) || depth > settings.maxDepth || !inScope(parsed)) return;
    if (excluded?.(parsed) || (!isStart && included && !included(parsed))) return;
    seen.add(key);
    frontier.push({ url: parsed.href, depth });
  };
  enqueue(startUrl, 0, true);
  for (const extra of options.extraStartUrls ?? []) enqueue(extra, 0, true);

  const robotsFor = (url: URL) => {
    let robots = robotsByOrigin.get(url.origin);
    if (!robots) {
      const robotsUrl = `${url.origin}/robots.txt`;
      robots = fetcher
        .fetchPage(robotsUrl, {
          ...settings,
          maxBytes: 500_000,
          ...(options.signal ? { signal: options.signal } : {}),
        })
        .then((response) => (response.status === 200 ? parseRobots(robotsUrl, response.body) : undefined))
        .catch(() => undefined);
      robotsByOrigin.set(url.origin, robots);
    }
    return robots;
  };

  const visit = async ({ url, depth }: { url: string; depth: number }): Promise<CrawlEvent[]> => {
    const parsed = new URL(url);
    const robots = await robotsFor(parsed);
    if (robots && robots.isAllowed(url, settings.userAgent) === false) {
      return [{ type: 'skipped', url, reason: 'disallowed by robots.txt' }];
    }
    const crawlDelayMs = Math.min((robots?.getCrawlDelay(settings.userAgent) ?? 0) * 1000, 10_000);
    const gap = Math.max(settings.delayMs, crawlDelayMs);
    if (gap > 0) {
      const at = Math.max(Date.now(), nextRequestAt.get(parsed.host) ?? 0);
      nextRequestAt.set(parsed.host, at + gap);
      await sleep(at - Date.now(), undefined, options.signal ? { signal: options.signal } : {});
    }
    const response = await fetcher.fetchPage(url, {
      ...settings,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    fetched += 1;
    if (response.status >= 400) return [{ type: 'failed', url, error: `HTTP ${response.status}` }];
    const finalUrl = new URL(response.url);
    if (response.url !== url) {
      // A redirect out of scope is not followed, and its target is not fetched twice.
      if (!inScope(finalUrl))
        return [{ type: 'skipped', url, reason: `redirects out of scope to ${response.url}` }];
      const key = normalizeUrl(response.url);
      if (normalizeUrl(url) !== key && seen.has(key))
        return [{ type: 'skipped', url, reason: 'duplicate of a crawled page' }];
      seen.add(key);
    }
    const type = response.contentType.split(';')[0]!.trim().toLowerCase();
    let title: string;
    let markdown: string;
    if (type === 'text/html' || type === 'application/xhtml+xml' || type === '') {
      const page = extractPage(response.body, response.url);
      for (const link of page.links) enqueue(link, depth + 1);
      if (page.canonicalUrl && normalizeUrl(page.canonicalUrl) !== normalizeUrl(response.url)) {
        const canonical = normalizeUrl(page.canonicalUrl);
        if (seen.has(canonical) && inScope(new URL(canonical))) {
          return [{ type: 'skipped', url, reason: `duplicate of its canonical URL ${page.canonicalUrl}` }];
        }
        seen.add(canonical);
      }
      title = page.title;
      markdown = page.markdown;
    } else if (type === 'text/plain' || type === 'text/markdown') {
      title = decodeURIComponent(finalUrl.pathname.split('/').pop() || finalUrl.hostname);
      markdown = response.body;
    } else {
      return [{ type: 'skipped', url, reason: `not a page (${type})` }];
    }
    if (!markdown.trim()) return [{ type: 'skipped', url, reason: 'no text content' }];
    const contentHash = createHash('sha256').update(markdown).digest('hex');
    if (seenContent.has(contentHash))
      return [{ type: 'skipped', url, reason: 'same content as another page' }];
    seenContent.add(contentHash);
    return [{ type: 'page', url: response.url, title, markdown, depth, contentHash }];
  };

  const inFlight = new Map<number, Promise<{ id: number; events: CrawlEvent[] }>>();
  let nextId = 0;
  while (frontier.length > 0 || inFlight.size > 0) {
    options.signal?.throwIfAborted();
    while (
      inFlight.size < settings.concurrency &&
      frontier.length > 0 &&
      pages + inFlight.size < settings.maxPages
    ) {
      const item = frontier.shift()!;
      const id = nextId++;
      inFlight.set(
        id,
        visit(item).then(
          (events) => ({ id, events }),
          (error: unknown) => ({
            id,
            events: [{ type: 'failed', url: item.url, error: describeError(error) }],
          }),
        ),
      );
    }
    if (inFlight.size === 0) break;
    const { id, events } = await Promise.race(inFlight.values());
    inFlight.delete(id);
    options.signal?.throwIfAborted();
    for (const event of events) {
      if (event.type === 'page') pages += 1;
      yield event;
    }
    yield { type: 'progress', discovered: seen.size, fetched, queued: frontier.length + inFlight.size };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.message ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
