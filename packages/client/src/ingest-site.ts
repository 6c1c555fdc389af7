import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { JarvisClient } from './create-jarvis-client.js';
import { JarvisError } from './jarvis-error.js';
import type { AppRouter } from './server-types.js';
import { iterateSubscription } from './subscription-iterator.js';

/** An ingest job as the server reports it: status, counters, and the error if it failed. */
export type IngestJob = inferRouterOutputs<AppRouter>['jobs']['get'];

/** Crawl settings for a site: page and depth limits, include/exclude URL patterns. */
export type CrawlOptions = Extract<
  inferRouterInputs<AppRouter>['sources']['add']['source'],
  { kind: 'site' }
>['options'];

export interface WatchJobOptions {
  jobId: string;
  /** Stops watching (the job itself keeps running; cancel it with `client.jobs.cancel`). */
  signal?: AbortSignal;
}

/**
 * Yields a job's state each time it changes, until it is done, failed or cancelled. Needs a client
 * made with an owner `apiKey`.
 */
export function watchJob(client: JarvisClient, options: WatchJobOptions): AsyncGenerator<IngestJob, void> {
  return iterateSubscription<IngestJob>(
    (handlers) => client.jobs.progress.subscribe({ jobId: options.jobId }, handlers),
    options.signal,
  );
}

export interface IngestSiteOptions {
  /** The bot to teach, from `client.bots.list`. */
  botId: string;
  /** Where the crawl starts; links within this URL's scope are followed. */
  url: string;
  crawl?: CrawlOptions;
  /** Called with each new state of the job while it runs. */
  onProgress?: (job: IngestJob) => void;
  /** Stops waiting (the crawl keeps running on the server). */
  signal?: AbortSignal;
}

/** What `ingestSite` resolves to: the source it created and the job's final state. */
export interface IngestSiteResult {
  sourceId: string;
  job: IngestJob;
}

/**
 * Adds a website as a source of a bot and waits until it is crawled and indexed, reporting progress
 * on the way. Throws a `JarvisError` if the server refuses the source or the job fails.
 *
 * ```ts
 * const { job } = await ingestSite(client, { botId, url: 'https://example.com/docs/',
 *   onProgress: (job) => console.log(job.progress) });
 * ```
 */
export async function ingestSite(
  client: JarvisClient,
  options: IngestSiteOptions,
): Promise<IngestSiteResult> {
  const { sourceId, jobId } = await client.sources.add.mutate({
    botId: options.botId,
    source: { kind: 'site', location: options.url, options: options.crawl ?? {} },
  });
  let job: IngestJob | undefined;
  for await (const state of watchJob(client, {
    jobId,
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    job = state;
    options.onProgress?.(state);
  }
  job ??= await client.jobs.get.query({ jobId });
  if (job.status === 'failed') {
    throw new JarvisError(
      'INGEST_FAILED',
      `Ingesting ${options.url} failed: ${job.error ?? 'unknown error'}`,
    );
  }
  return { sourceId, job };
}
