import type { FetchedPage } from '../../adapters/browser/port.js';
import type { CrawlEvent } from './crawl-site.js';
import { parseFile } from './parse-file.js';

/**
 * Reads a PDF or Word document met during a crawl. A PDF gives one page event per page with text,
 * at `…/guide.pdf#page=3` (the fragment PDF viewers open at that page), so an answer's citation
 * points at the page it quotes. A file that cannot be read is one `failed` event with the reason.
 * Files carry no validators for conditional requests: one ETag cannot vouch for many pages.
 */
export async function readLinkedFile(
  url: string,
  response: FetchedPage & { bytes: Uint8Array },
  depth: number,
  signal?: AbortSignal,
): Promise<CrawlEvent[]> {
  const finalUrl = new URL(response.url);
  const name = decodeURIComponent(finalUrl.pathname.split('/').pop() || finalUrl.hostname);
  try {
    const sections = await parseFile(
      { name, bytes: response.bytes, contentType: response.contentType, url: response.url },
      signal,
    );
    return sections.map(({ page, ...section }) => ({
      type: 'page',
      ...section,
      url: page ? `${response.url}#page=${page}` : response.url,
      depth,
      links: [],
    }));
  } catch (error) {
    signal?.throwIfAborted();
    return [{ type: 'failed', url, error: error instanceof Error ? error.message : String(error) }];
  }
}
