import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { PageFetcher } from '../../adapters/browser/port.js';
import { queryRows } from '../../adapters/db/port.js';
import {
  chunks,
  documents,
  pageErrors,
  type ResyncInterval,
  type SourceOptions,
  sourceFiles,
  sources,
} from '../../db/schema.js';
import { loadKnownPages } from './conditional-request.js';
import {
  claimNextJob,
  enqueueJob,
  finishJob,
  type Job,
  reportJobProgress,
  requeueStaleJobs,
} from './job-queue.js';
import { refreshLexemeStats } from './lexeme-stats.js';
import { readAhead } from './read-ahead.js';
import { nextSyncAfterNow, queueDueResyncs } from './resync-schedule.js';
import { readSource } from './source-pages.js';
import { type PageToStore, type StorePageDeps, storePages } from './store-page.js';

export interface IngestDeps extends StorePageDeps {
  fetcher: PageFetcher;
  /** A real browser for pages whose content needs JavaScript, when one is installed. */
  renderer?: PageFetcher;
  crawl: { userAgent: string };
}

export interface NewSource {
  kind: 'site' | 'url' | 'sitemap' | 'folder' | 'file' | 'text';
  location: string;
  options?: SourceOptions;
  resync?: ResyncInterval;
  /** The bytes of an uploaded file (`kind: 'file'`, `location` its name), kept for the worker. */
  file?: { bytes: Uint8Array; contentType?: string | undefined };
}

/** Where an ingest job has got to; sent to the CLI and stored on the job row (`jobs.progress`). */
export interface IngestProgress {
  /** Pages found so far (links in scope, sitemap entries, files). */
  discovered: number;
  /** Pages read: `stored` plus `unchanged`. */
  fetched: number;
  /** Pages new or changed, chunked and embedded. */
  stored: number;
  /** Pages the server answered 304 for, or whose text had not changed: kept as they were. */
  unchanged: number;
  /** Pages that could not be used; the reasons are in the source's page errors. */
  failed: number;
  /** Chunks embedded. */
  chunks: number;
  currentUrl?: string;
}

/** Records a source and queues the job that ingests it. Nothing is fetched until a worker claims it. */
export async function addSource(
  deps: Pick<IngestDeps, 'orm'>,
  botId: string,
  source: NewSource,
): Promise<{ sourceId: string; jobId: string }> {
  // One transaction: a source is never left without its file or its job.
  return deps.orm.transaction(async (tx) => {
    const [row] = await tx
      .insert(sources)
      .values({
        botId,
        kind: source.kind,
        location: source.location,
        options: source.options ?? {},
        status: 'queued',
        pageCount: 0,
        chunkCount: 0,
        resync: source.resync ?? 'off',
        nextSyncAt: nextSyncAfterNow(source.resync ?? 'off'),
      })
      .returning({ id: sources.id });
    if (source.file) {
      const { bytes, contentType } = source.file;
      await tx
        .insert(sourceFiles)
        .values({ sourceId: row!.id, name: source.location, contentType, content: bytes });
    }
    const jobId = await enqueueJob(tx, 'ingest-source', botId, { sourceId: row!.id });
    return { sourceId: row!.id, jobId };
  });
}

/** Turns a CLI argument into a source: an existing path is a folder (or one file), anything else a URL. */
export async function sourceFromArgument(argument: string, options: SourceOptions = {}): Promise<NewSource> {
  const path = isAbsolute(argument) ? argument : resolve(argument);
  const info = await stat(path).catch(() => undefined);
  if (info) return { kind: 'folder', location: path, options };
  let url: URL;
  try {
    url = new URL(argument);
  } catch {
    throw new Error(
      `"${argument}" is neither an existing file or folder nor a URL (e.g. https://example.com/docs/).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Only http and https URLs can be crawled, not ${url.protocol}`);
  }
  // `…/sitemap.xml`, `…/sitemap_index.xml.gz`: read the pages it lists instead of crawling links.
  if (/\.xml(\.gz)?$/i.test(url.pathname)) return { kind: 'sitemap', location: url.href, options };
  return { kind: options.maxPages === 1 ? 'url' : 'site', location: url.href, options };
}

/** Crawl events read ahead of storing at most (about half of them pages). */
const readAheadEvents = 32;
/**
 * A round of statements costs the embedded database a few milliseconds whatever its size, so a
 * round waits briefly for about a dozen pages rather than storing each page as it comes
 * (bench:ingest: rounds of one or two pages were a fifth of the ingest's time).
 */
const gatherEvents = { items: 24, ms: 150 };

/** Thrown inside a job when the owner cancels it. */
class JobCancelledError extends Error {}

/** Runs one claimed ingest job to the end, marking the source ready or failed. */
export async function runIngestJob(
  deps: IngestDeps,
  job: Job,
  onProgress?: (progress: IngestProgress) => void,
  signal?: AbortSignal,
): Promise<IngestProgress> {
  const sourceId = String(job.payload.sourceId);
  const [source] = await deps.orm.select().from(sources).where(eq(sources.id, sourceId));
  if (!source) {
    await finishJob(deps.orm, job.id, 'The source was deleted before it was ingested.');
    throw new Error(`Source ${sourceId} no longer exists`);
  }
  await deps.orm.update(sources).set({ status: 'running', error: null }).where(eq(sources.id, source.id));
  await deps.orm.delete(pageErrors).where(eq(pageErrors.sourceId, source.id));
  // One signal for everything the job does: the caller's (shutdown, Ctrl-C) or the owner's cancel.
  const abort = new AbortController();
  const stopOnSignal = () => abort.abort(signal?.reason);
  signal?.addEventListener('abort', stopOnSignal, { once: true });
  const progress: IngestProgress = {
    discovered: 0,
    fetched: 0,
    stored: 0,
    unchanged: 0,
    failed: 0,
    chunks: 0,
  };
  const seenUrls: string[] = [];
  // Set when part of the source could not be reached; see removeVanishedPages.
  let reachedEverything = true;
  let firstProblem: string | undefined;
  let lastReport = 0;
  const report = async (force = false) => {
    onProgress?.({ ...progress });
    if (force || Date.now() - lastReport > 500) {
      lastReport = Date.now();
      const status = await reportJobProgress(deps.orm, job.id, { ...progress });
      if (status === 'cancelled') abort.abort(new JobCancelledError('Cancelled by the owner.'));
    }
  };

  try {
    const readers = {
      fetcher: deps.fetcher,
      renderer: deps.renderer,
      userAgent: deps.crawl.userAgent,
      orm: deps.orm,
      knownPages: await loadKnownPages(deps.orm, source.id),
    };
    // Pages that arrive while others are being stored are stored together, in one round of
    // statements, while the crawl goes on fetching and extracting.
    for await (const batch of readAhead(
      readSource(readers, source, abort.signal),
      readAheadEvents,
      gatherEvents,
    )) {
      const pages: PageToStore[] = [];
      for (const event of batch) {
        if (event.type === 'discovered') progress.discovered = event.count;
        else if (event.type === 'problem') {
          progress.failed += 1;
          if (event.transient) reachedEverything = false;
          firstProblem ??= event.reason;
          await deps.orm
            .insert(pageErrors)
            .values({ sourceId: source.id, url: event.url, reason: event.reason });
        } else if (event.type === 'unchanged') {
          progress.currentUrl = event.url;
          seenUrls.push(event.url);
          progress.fetched += 1;
          progress.unchanged += 1;
        } else {
          progress.currentUrl = event.url;
          seenUrls.push(event.url);
          progress.fetched += 1;
          const { type, ...page } = event;
          pages.push({ ...page, sourceId: source.id, botId: source.botId });
        }
      }
      for (const stored of await storePages(deps, pages, abort.signal)) {
        if (stored === 'unchanged') progress.unchanged += 1;
        else {
          progress.stored += 1;
          progress.chunks += stored;
        }
      }
      await report();
    }
    abort.signal.throwIfAborted();
    // A sync that could not reach part of the source (the host was down, a certificate had
    // expired) removes nothing: the pages it did not see may still exist, and an outage must not
    // empty the index. The next complete sync removes what has really gone.
    if (reachedEverything) await removeVanishedPages(deps, source.botId, source.id, seenUrls);
    await refreshLexemeStats(deps.orm, source.botId);
    delete progress.currentUrl;
    const counts = await queryRows<{ pages: number; chunks: number }>(
      deps.orm,
      sql`
      select count(distinct d.id)::int as pages, count(c.id)::int as chunks
      from documents d left join chunks c on c.document_id = d.id where d.source_id = ${source.id}::uuid`,
    );
    const { pages = 0, chunks: chunkCount = 0 } = counts[0] ?? {};
    const error =
      pages === 0
        ? source.kind === 'file' && firstProblem
          ? firstProblem
          : 'No pages with text were found. Check the URL or path and the include/exclude patterns.'
        : null;
    await deps.orm
      .update(sources)
      .set({
        status: error ? 'failed' : 'ready',
        error,
        pageCount: pages,
        chunkCount,
        lastSyncedAt: sql`now()`,
      })
      .where(eq(sources.id, source.id));
    await report(true);
    await finishJob(deps.orm, job.id, error ?? undefined);
    return progress;
  } catch (error) {
    const reason = abort.signal.reason;
    const message =
      reason instanceof JobCancelledError
        ? reason.message
        : abort.signal.aborted
          ? 'Stopped before it finished; it resumes on the next start.'
          : errorMessage(error);
    // What was stored before the stop stays searchable; the next sync skips those unchanged pages.
    await refreshLexemeStats(deps.orm, source.botId);
    await deps.orm.update(sources).set({ status: 'failed', error: message }).where(eq(sources.id, source.id));
    await finishJob(deps.orm, job.id, message);
    if (reason instanceof JobCancelledError) return progress;
    throw error;
  } finally {
    signal?.removeEventListener('abort', stopOnSignal);
  }
}

/** Deletes pages a completed re-sync no longer found, so answers never cite a page that is gone. */
async function removeVanishedPages(
  deps: IngestDeps,
  botId: string,
  sourceId: string,
  seenUrls: string[],
): Promise<void> {
  const vanished =
    seenUrls.length > 0
      ? and(eq(documents.sourceId, sourceId), notInArray(documents.url, seenUrls))
      : eq(documents.sourceId, sourceId);
  const chunkRows = await deps.orm
    .select({ id: chunks.id })
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(vanished);
  // Vector stores outside Postgres are told first; rows in Postgres then go by cascade.
  await deps.vectors.remove(
    botId,
    chunkRows.map((row) => row.id),
  );
  await deps.orm.delete(documents).where(vanished);
}

/**
 * Polls the job table and runs ingest jobs until `signal` aborts. Several workers (processes) may run
 * this loop against one database.
 */
export async function runIngestWorker(deps: IngestDeps, signal: AbortSignal, pollMs = 1000): Promise<void> {
  let nextScheduleCheck = 0;
  while (!signal.aborted) {
    if (Date.now() >= nextScheduleCheck) {
      nextScheduleCheck = Date.now() + 60_000;
      await queueDueResyncs(deps.orm).catch((error) =>
        console.error('[ingest] could not queue re-syncs', error),
      );
      // Jobs whose worker died (another machine, a killed process) go back in the queue.
      await requeueStaleJobs(deps.orm).catch((error) =>
        console.error('[ingest] could not requeue stale jobs', error),
      );
    }
    const job = await claimNextJob(deps.orm).catch((error) => {
      console.error('[ingest] could not claim a job', error);
      return undefined;
    });
    if (!job) {
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
      continue;
    }
    await runIngestJob(deps, job, undefined, signal).catch((error) =>
      console.error(`[ingest] job ${job.id} failed: ${errorMessage(error)}`),
    );
  }
}

/** Claims one specific job and runs it in this process (the CLI's `jarvis ingest`). */
export async function runJobNow(
  deps: IngestDeps,
  jobId: string,
  onProgress?: (progress: IngestProgress) => void,
  signal?: AbortSignal,
): Promise<IngestProgress> {
  const job = await claimNextJob(deps.orm, jobId);
  if (!job) throw new Error(`Job ${jobId} is not waiting in the queue (another worker may have taken it).`);
  return runIngestJob(deps, job, onProgress, signal);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
