/**
 * The URL as a link target if it is a web address, else `undefined`. Source URLs come from crawled
 * pages and model output, so `javascript:`, `data:` and other schemes must never become links.
 */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
