const trackingParameter = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * The key that identifies a page regardless of how a link spelled it: no fragment, no tracking
 * parameters, sorted query, and `/x/index.html` the same as `/x/`.
 */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()])
    if (trackingParameter.test(key)) parsed.searchParams.delete(key);
  parsed.searchParams.sort();
  parsed.pathname = parsed.pathname.replace(/\/index\.html?$/i, '/');
  return parsed.href;
}

/** Turns include/exclude patterns (`*` matches anything; otherwise a substring) into a test on a URL's path and query. */
export function compilePatterns(
  patterns: readonly string[] | undefined,
): ((url: URL) => boolean) | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const expressions = patterns.map(
    (pattern) =>
      new RegExp(
        pattern
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*'),
      ),
  );
  return (url) => expressions.some((expression) => expression.test(url.pathname + url.search));
}

/** The part of a site a crawl stays in: the start URL's origin and folder. */
export function scopeOf(startUrl: string): (url: URL) => boolean {
  const start = new URL(startUrl);
  const folder = start.pathname.replace(/[^/]*$/, '');
  return (url) => url.origin === start.origin && url.pathname.startsWith(folder);
}
