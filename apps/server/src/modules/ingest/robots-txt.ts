import { createRequire } from 'node:module';
import type { FetchPageOptions, PageFetcher } from '../../adapters/browser/port.js';

/** What one origin's robots.txt lets the crawler do. */
export interface RobotsRules {
  /** Why nothing may be fetched, when the file itself says so or could not be read. */
  refusal?: string;
  isAllowed(url: string): boolean;
  /** Pause the site asks for between requests, capped at 10 s. */
  crawlDelayMs: number;
}

interface ParsedRobots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
}

// robots-parser is CommonJS whose bundled types declare an ES default export it does not have at
// run time; require() gets the function itself.
const parseRobots = createRequire(import.meta.url)('robots-parser') as (
  url: string,
  body: string,
) => ParsedRobots;

const maxCrawlDelayMs = 10_000;

/**
 * Reads each origin's robots.txt once, through the crawl's own fetcher (so the SSRF rules apply to
 * it too), and answers for the crawler's user agent. As RFC 9309 says: a missing file (4xx) allows
 * everything, an unreachable one (5xx, network error) allows nothing.
 */
export function createRobotsCache(fetcher: PageFetcher, fetchOptions: FetchPageOptions) {
  const byOrigin = new Map<string, Promise<RobotsRules>>();
  return (url: URL): Promise<RobotsRules> => {
    let rules = byOrigin.get(url.origin);
    if (!rules) {
      rules = readRobots(fetcher, url.origin, fetchOptions);
      byOrigin.set(url.origin, rules);
    }
    return rules;
  };
}

async function readRobots(
  fetcher: PageFetcher,
  origin: string,
  options: FetchPageOptions,
): Promise<RobotsRules> {
  const robotsUrl = `${origin}/robots.txt`;
  let response: Awaited<ReturnType<PageFetcher['fetchPage']>>;
  try {
    response = await fetcher.fetchPage(robotsUrl, { ...options, maxBytes: 500_000 });
  } catch (error) {
    options.signal?.throwIfAborted();
    return refuseAll(
      `robots.txt could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (response.status >= 500) return refuseAll(`robots.txt is unavailable (HTTP ${response.status})`);
  if (response.status >= 400 || response.status < 200) return { isAllowed: () => true, crawlDelayMs: 0 };
  // Rules apply to the origin asked about, even when its robots.txt redirected elsewhere.
  const robots = parseRobots(robotsUrl, response.body);
  const crawlDelay = robots.getCrawlDelay(options.userAgent) ?? 0;
  return {
    // URLs the file does not speak for (another origin after a redirect) are allowed.
    isAllowed: (url) => robots.isAllowed(url, options.userAgent) !== false,
    crawlDelayMs: Math.min(Math.max(crawlDelay, 0) * 1000, maxCrawlDelayMs),
  };
}

function refuseAll(refusal: string): RobotsRules {
  return { refusal, isAllowed: () => false, crawlDelayMs: 0 };
}
