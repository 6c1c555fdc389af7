import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { jobs, sources } from '../../db/schema.js';
import { addSource, type NewSource } from './ingest-service.js';
import { enqueueJob } from './job-queue.js';

/** How `addOrResumeSource` went: a new source, the unfinished job of an earlier run, or a re-sync. */
export type IngestStart = { sourceId: string; jobId: string; mode: 'new' | 'resume' | 'resync' };

/**
 * Adds a source, or, when the bot already has this one (same kind and location), picks it up
 * again instead of indexing the same pages twice: the job an interrupted run left in the queue is
 * resumed, otherwise a re-sync is queued, which fetches unchanged pages conditionally. The
 * source's options are replaced with the new ones. This is what makes `jarvis ingest` safe to run
 * again after a crash, a kill or a Ctrl-C.
 */
export async function addOrResumeSource(
  deps: { orm: Orm },
  botId: string,
  source: NewSource,
): Promise<IngestStart> {
  const [existing] = await deps.orm
    .select({ id: sources.id })
    .from(sources)
    .where(
      and(eq(sources.botId, botId), eq(sources.kind, source.kind), eq(sources.location, source.location)),
    );
  if (!existing) return { ...(await addSource(deps, botId, source)), mode: 'new' };

  const unfinished = await deps.orm
    .select({ id: jobs.id, status: jobs.status })
    .from(jobs)
    .where(
      and(sql`${jobs.payload}->>'sourceId' = ${existing.id}`, inArray(jobs.status, ['queued', 'running'])),
    )
    .orderBy(asc(jobs.createdAt));
  if (unfinished.some((job) => job.status === 'running')) {
    throw new Error(
      `${source.location} is being ingested by another worker right now; wait for it to finish or cancel its job.`,
    );
  }
  await deps.orm
    .update(sources)
    .set({ options: source.options ?? {}, status: 'queued' })
    .where(eq(sources.id, existing.id));
  const waiting = unfinished[0];
  if (waiting) return { sourceId: existing.id, jobId: waiting.id, mode: 'resume' };
  const jobId = await enqueueJob(deps.orm, 'ingest-source', botId, { sourceId: existing.id });
  return { sourceId: existing.id, jobId, mode: 'resync' };
}
