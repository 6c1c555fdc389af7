import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import type { PageFetcher } from '../../adapters/browser/port.js';
import type { Orm } from '../../adapters/db/port.js';
import { type SourceOptions, sourceFiles, type sources } from '../../db/schema.js';
import type { KnownPage } from './conditional-request.js';
import { crawlSite } from './crawl-site.js';
import { createOriginRewriter } from './origin-rewrite.js';
import { parseFile } from './parse-file.js';
import { readFolder } from './read-folder.js';
import { readSitemap } from './read-sitemap.js';

/** A page read from a source, ready to be chunked and stored. */
export interface ReadPage {
  url: string;
  title: string;
  markdown: string;
  contentHash: string;
  /** Validators and links for the next sync's conditional request (see `loadKnownPages`). */
  etag?: string;
  lastModified?: string;
  links?: string[];
}

/**
 * What reading a source produces: pages to store, pages unchanged since the last sync (304), pages
 * it could not use (and why), and how many it found.
 */
export type SourceEvent =
  | ({ type: 'page' } & ReadPage)
  | { type: 'unchanged'; url: string }
  | {
      type: 'problem';
      url: string;
      reason: string;
      /**
       * The failure may pass (the host was down, timed out, had a bad certificate, answered 5xx):
       * pages stored before stay in the index rather than being removed as vanished.
       */
      transient: boolean;
    }
  | { type: 'discovered'; count: number };

export interface SourceReaders {
  fetcher: PageFetcher;
  renderer?: PageFetcher | undefined;
  userAgent: string;
  /** Where uploaded files (`file` sources) are kept. */
  orm: Orm;
  /** Pages the last sync stored, fetched conditionally (see `loadKnownPages`). */
  knownPages?: ReadonlyMap<string, KnownPage>;
}

/** Reads any kind of source (site, single page, sitemap, folder, uploaded file, raw text) as one stream of events. */
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
  if (source.kind === 'file') {
    // An uploaded file is cited by its name (`file:handbook.pdf#page=3`): there is no page to link to.
    const [file] = await readers.orm.select().from(sourceFiles).where(eq(sourceFiles.sourceId, source.id));
    const url = `file:${encodeURIComponent(source.location)}`;
    yield { type: 'discovered', count: 1 };
    if (!file) {
      yield {
        type: 'problem',
        url,
        reason: 'The uploaded file is missing; upload it again.',
        transient: false,
      };
      return;
    }
    try {
      const sections = await parseFile(
        { name: file.name, bytes: file.content, contentType: file.contentType ?? undefined },
        signal,
      );
      for (const { page, ...section } of sections) {
        yield { type: 'page', ...section, url: page ? `${url}#page=${page}` : url };
      }
    } catch (error) {
      signal.throwIfAborted();
      yield { type: 'problem', url, reason: (error as Error).message, transient: false };
    }
    return;
  }
  if (source.kind === 'folder') {
    let count = 0;
    for await (const file of readFolder(source.location, signal)) {
      yield { type: 'discovered', count: ++count };
      const url = options.baseUrl
        ? new URL(file.path, options.baseUrl).href
        : pathToFileURL(file.absolutePath).href;
      if (file.type === 'problem') {
        yield { type: 'problem', url, reason: file.reason, transient: false };
        continue;
      }
      yield {
        type: 'page',
        url: file.page ? `${url}#page=${file.page}` : url,
        title: file.title,
        markdown: file.markdown,
        contentHash: file.contentHash,
      };
    }
    return;
  }
  let start = source.location;
  let extraStartUrls: string[] = [];
  const rewriteUrl = createOriginRewriter(options.mapOrigin ?? []);
  if (source.kind === 'sitemap') {
    // The sitemap names the pages; they are fetched as listed, without following their links.
    extraStartUrls = await readSitemap(rewriteUrl(source.location), readers.fetcher, {
      userAgent: readers.userAgent,
      rewriteUrl,
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
      ...(readers.knownPages ? { knownPages: readers.knownPages } : {}),
      rewriteUrl,
      signal,
    },
    readers.fetcher,
  );
  for await (const event of crawl) {
    if (event.type === 'progress') yield { type: 'discovered', count: event.discovered };
    else if (event.type === 'unchanged') yield { type: 'unchanged', url: event.url };
    else if (event.type === 'failed') {
      const transient = transientFailure.test(event.error);
      yield { type: 'problem', url: event.url, reason: event.error, transient };
    } else if (event.type === 'skipped') {
      if (!routineSkip.test(event.reason))
        yield {
          type: 'problem',
          url: event.url,
          reason: event.reason,
          // A robots.txt the server could not serve blocks the whole site for now, not for good.
          transient: transientFailure.test(event.reason),
        };
    } else {
      const { type, depth, ...page } = event;
      yield { type: 'page', ...page };
    }
  }
}

// Skips that are the crawler doing its job (duplicates, images), not something the owner should fix.
const routineSkip = /duplicate|same content|not a page|not html/i;

// Failures that say nothing about whether the page still exists: network and TLS errors, timeouts,
// rate limits and server errors. A 404 or 410 does say so, and a refused address never changes.
// (The crawler writes "503 Service Unavailable"; robots.txt refusals say "(HTTP 503)".)
const transientFailure =
  /^(?:408|425|429|5\d\d)\b|HTTP (?:408|425|429|5\d\d)\b|timed out|timeout|ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket|fetch failed|other side closed|certificate|TLS|SSL/i;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
