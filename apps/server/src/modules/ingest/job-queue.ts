import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import { jobs } from '../../db/schema.js';

export type Job = typeof jobs.$inferSelect;

/** Adds a job to the durable queue and returns its id. */
export async function enqueueJob(
  orm: Orm,
  kind: string,
  botId: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const [row] = await orm
    .insert(jobs)
    .values({
      kind,
      botId,
      payload,
      status: 'queued',
      progress: {},
      attempts: 0,
      runAfter: new Date(),
      createdAt: new Date(),
    })
    .returning({ id: jobs.id });
  return row!.id;
}

/**
 * Claims the oldest runnable job. `FOR UPDATE SKIP LOCKED` lets several workers poll the same table
 * without ever taking the same job twice.
 */
export async function claimNextJob(orm: Orm, onlyJobId?: string): Promise<Job | undefined> {
  const filter = onlyJobId ? sql`and id = ${onlyJobId}::uuid` : sql``;
  const claimed = await queryRows<{ id: string }>(
    orm,
    sql`
    update jobs set status = 'running', locked_at = now(), attempts = attempts + 1
    where id = (
      select id from jobs
      where status = 'queued' and run_after <= now() ${filter}
      order by created_at
      for update skip locked
      limit 1
    )
    returning id`,
  );
  const id = claimed[0]?.id;
  if (!id) return undefined;
  const [job] = await orm.select().from(jobs).where(eq(jobs.id, id));
  return job;
}

/**
 * Records progress so the dashboard and CLI can show it while the job runs, and returns the job's
 * status, which is how a running worker learns that the owner cancelled it.
 */
export async function reportJobProgress(
  orm: Orm,
  jobId: string,
  progress: Record<string, unknown>,
): Promise<Job['status'] | undefined> {
  const [row] = await orm
    .update(jobs)
    .set({ progress, lockedAt: sql`now()` })
    .where(eq(jobs.id, jobId))
    .returning({ status: jobs.status });
  return row?.status;
}

/** Cancels a queued or running job; a running one stops at its next progress report. */
export async function cancelJob(orm: Orm, jobId: string): Promise<boolean> {
  const cancelled = await orm
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ['queued', 'running'])))
    .returning({ id: jobs.id });
  return cancelled.length > 0;
}

export async function finishJob(orm: Orm, jobId: string, error?: string): Promise<void> {
  await orm
    .update(jobs)
    .set({ status: error ? 'failed' : 'done', error: error ?? null, finishedAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')));
}

/**
 * Puts jobs whose worker stopped reporting (a crash, a kill, a restart) back in the queue.
 * A running job refreshes `locked_at` with every progress report, so only dead ones are stale.
 */
export async function requeueStaleJobs(orm: Orm, staleAfterSeconds = 120): Promise<number> {
  const requeued = await queryRows<{ id: string }>(
    orm,
    sql`
    update jobs set status = 'queued', locked_at = null
    where status = 'running' and locked_at < now() - make_interval(secs => ${staleAfterSeconds})
    returning id`,
  );
  return requeued.length;
}

export async function getJob(orm: Orm, jobId: string): Promise<Job | undefined> {
  const [job] = await orm.select().from(jobs).where(eq(jobs.id, jobId));
  return job;
}
