import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageFetcher } from '../../adapters/browser/port.js';
import type { SourceOptions, sources } from '../../db/schema.js';
import { crawlSite } from './crawl-site.js';
import { readMarkdownFolder } from './read-folder.js';
import { readSitemap } from './read-sitemap.js';

/** What reading a source produces: pages to store, pages it could not use (and why), and how many it found. */
export type SourceEvent =
  | { type: 'page'; url: string; title: string; markdown: string; contentHash: string }
  | { type: 'problem'; url: string; reason: string }
  | { type: 'discovered'; count: number };

export interface SourceReaders {
  fetcher: PageFetcher;
  renderer?: PageFetcher | undefined;
  userAgent: string;
}

/** Reads any kind of source (site, single page, sitemap, folder, raw text) as one stream of events. */
export async function* readSource(
  readers: SourceReaders,
  source: typeof sources.$inferSelect,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const options: SourceOptions = source.options;
  if (source.kind === 'text') {
    const markdown = options.text ?? '';
    yield { type: 'discovered', count: 1 };
    yield {
      type: 'page',
      url: `text:${source.id}`,
      title: source.location,
      markdown,
      contentHash: hash(markdown),
    };
    return;
  }
  if (source.kind === 'folder' || source.kind === 'file') {
    let count = 0;
    for await (const file of readMarkdownFolder(source.location)) {
      signal.throwIfAborted();
      yield { type: 'discovered', count: ++count };
      const url = options.baseUrl
        ? new URL(file.path, options.baseUrl).href
        : pathToFileURL(resolve(source.location, file.path)).href;
      yield { type: 'page', url, title: file.title, markdown: file.markdown, contentHash: file.contentHash };
    }
    return;
  }
  let start = source.location;
  let extraStartUrls: string[] = [];
  if (source.kind === 'sitemap') {
    // The sitemap names the pages; they are fetched as listed, without following their links.
    extraStartUrls = await readSitemap(source.location, readers.fetcher, {
      userAgent: readers.userAgent,
      signal,
    });
    start = extraStartUrls[0] ? new URL('/', extraStartUrls[0]).href : source.location;
  }
  const crawl = crawlSite(
    start,
    {
      maxPages: source.kind === 'url' ? 1 : (options.maxPages ?? 200),
      maxDepth: source.kind === 'sitemap' ? 0 : (options.maxDepth ?? 5),
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(extraStartUrls.length ? { extraStartUrls } : {}),
      userAgent: readers.userAgent,
      ...(readers.renderer && options.render !== 'never' ? { renderer: readers.renderer } : {}),
      signal,
    },
    readers.fetcher,
  );
  for await (const event of crawl) {
    if (event.type === 'progress') yield { type: 'discovered', count: event.discovered };
    else if (event.type === 'failed') yield { type: 'problem', url: event.url, reason: event.error };
    else if (event.type === 'skipped') {
      if (!routineSkip.test(event.reason)) yield { type: 'problem', url: event.url, reason: event.reason };
    } else
      yield {
        type: 'page',
        url: event.url,
        title: event.title,
        markdown: event.markdown,
        contentHash: event.contentHash,
      };
  }
}

// Skips that are the crawler doing its job (duplicates, images), not something the owner should fix.
const routineSkip = /duplicate|same content|not a page|not html/i;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
