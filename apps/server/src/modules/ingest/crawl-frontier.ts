const trackingParameter = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_hsenc|_hsmi)$/i;

/**
 * The URL worth requesting: no fragment (the server never sees it) and no tracking parameters
 * (they only multiply one page into many).
 */
export function cleanUrl(url: string | URL): URL {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (trackingParameter.test(key)) parsed.searchParams.delete(key);
  }
  if (parsed.searchParams.size === 0) parsed.search = '';
  return parsed;
}

/**
 * The key that identifies a page however a link spelled it: `cleanUrl` plus sorted query
 * parameters and `/x/index.html` folded into `/x/`. The URL parser already lowercases the scheme
 * and host and drops default ports. Trailing slashes are kept: `/a` and `/a/` can be different
 * pages, and when they are not, the server's redirect makes them one.
 */
export function normalizeUrl(url: string | URL): string {
  const parsed = cleanUrl(url);
  parsed.searchParams.sort();
  if (parsed.searchParams.size === 0) parsed.search = '';
  parsed.pathname = parsed.pathname.replace(/\/index\.html?$/i, '/');
  return parsed.href;
}

/**
 * Turns include/exclude patterns into a test on a URL's path and query. A pattern matches when it
 * occurs anywhere in them (`/blog/` matches `/en/blog/post`); `*` stands for any run of characters
 * (`/docs/*.html`). Nothing else is special, so patterns need no escaping.
 */
export function compilePatterns(
  patterns: readonly string[] | undefined,
): ((url: URL) => boolean) | undefined {
  const kept = (patterns ?? []).map((pattern) => pattern.trim()).filter(Boolean);
  if (kept.length === 0) return undefined;
  const expressions = kept.map(
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

/**
 * The part of the web a crawl stays in. By default the start URL's origin and folder: from
 * `https://site.example/docs/intro` that is everything under `https://site.example/docs/`.
 * Without `sameOriginOnly`, any http(s) URL (include/exclude and the limits still apply).
 */
export function scopeOf(startUrl: string, sameOriginOnly = true): (url: URL) => boolean {
  const start = new URL(startUrl);
  const folder = start.pathname.replace(/[^/]*$/, '');
  if (!sameOriginOnly) return (url) => url.protocol === 'http:' || url.protocol === 'https:';
  return (url) => url.origin === start.origin && url.pathname.startsWith(folder);
}
