import { and, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { documents } from '../../db/schema.js';
import { normalizeUrl } from './crawl-frontier.js';

/** What the last sync kept of a page, enough to ask the server "changed since?" and to go on without it. */
export interface KnownPage {
  /** The URL the page is stored under. */
  url: string;
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  /** The links the page had, followed again when the server answers 304 Not Modified. */
  links: string[];
}

/**
 * The request headers that make a fetch conditional on the page having changed, or undefined when
 * the last sync got no validator for it. Both are sent: a server that honours `If-None-Match`
 * ignores `If-Modified-Since` (RFC 9110), and one that only knows dates still gets one.
 */
export function conditionalHeaders(known: KnownPage | undefined): Record<string, string> | undefined {
  if (!known || (!known.etag && !known.lastModified)) return undefined;
  return {
    ...(known.etag ? { 'if-none-match': known.etag } : {}),
    ...(known.lastModified ? { 'if-modified-since': known.lastModified } : {}),
  };
}

/**
 * The pages of a source that a re-sync may fetch conditionally, by normalised URL. Only pages
 * stored to the end count: their content hash is written last, so a page a crash interrupted has
 * none and is fetched in full again.
 */
export async function loadKnownPages(orm: Orm, sourceId: string): Promise<Map<string, KnownPage>> {
  const rows = await orm
    .select({
      url: documents.url,
      contentHash: documents.contentHash,
      etag: documents.etag,
      lastModified: documents.lastModified,
      links: documents.links,
    })
    .from(documents)
    .where(
      and(
        eq(documents.sourceId, sourceId),
        ne(documents.contentHash, ''),
        or(isNotNull(documents.etag), isNotNull(documents.lastModified)),
      ),
    );
  return new Map(rows.map((row) => [normalizeUrl(row.url), { ...row, links: row.links ?? [] }]));
}
