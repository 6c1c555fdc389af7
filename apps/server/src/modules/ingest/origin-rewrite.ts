/** One origin standing in for another: every URL found under `from` is fetched from `to` instead. */
export interface OriginMapping {
  /** An origin such as `https://www.example.com`. */
  from: string;
  /** The origin that serves the same paths, such as a local mirror `http://127.0.0.1:8000`. */
  to: string;
}

/**
 * Parses the CLI form `https://www.example.com=http://127.0.0.1:8000` into a mapping, throwing a
 * message that shows the expected form when it is not one.
 */
export function parseOriginMapping(text: string): OriginMapping {
  const separator = text.indexOf('=');
  const from = originOf(text.slice(0, separator));
  const to = originOf(text.slice(separator + 1));
  if (separator < 0 || !from || !to) {
    throw new Error(
      `--map-origin takes FROM=TO, two http(s) origins, e.g. https://www.example.com=http://127.0.0.1:8000 (got "${text}").`,
    );
  }
  return { from, to };
}

/**
 * Rewrites URLs whose origin is a mapping's `from` to its `to`, keeping path, query and fragment.
 * This lets a site mirrored locally be crawled from a sitemap, canonical links or absolute links
 * that name the production origin. Other URLs (and text that is no URL) pass through unchanged.
 */
export function createOriginRewriter(mappings: readonly OriginMapping[]): (url: string) => string {
  const targets = new Map(mappings.map((mapping) => [originOf(mapping.from), originOf(mapping.to)]));
  if (targets.size === 0) return (url) => url;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const target = targets.get(parsed.origin);
    return target ? target + parsed.href.slice(parsed.origin.length) : url;
  };
}

function originOf(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
