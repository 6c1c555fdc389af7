import { setTimeout as sleep } from 'node:timers/promises';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../adapters/db/port.js';
import { bots, jobs } from '../../db/schema.js';
import { apiKeyProcedure } from '../../trpc/api-key-procedure.js';
import { router } from '../../trpc/init.js';
import { cancelJob } from './job-queue.js';

const jobId = z.object({ jobId: z.uuid('jobId must be the id sources.add or sources.resync returned') });

async function ownedJob(orm: Orm, workspaceId: string, id: string) {
  const [row] = await orm
    .select({
      id: jobs.id,
      kind: jobs.kind,
      status: jobs.status,
      progress: jobs.progress,
      error: jobs.error,
      attempts: jobs.attempts,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .innerJoin(bots, eq(bots.id, jobs.botId))
    .where(and(eq(jobs.id, id), eq(bots.workspaceId, workspaceId)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No job with this id in your workspace.' });
  return row;
}

const finished = new Set(['done', 'failed', 'cancelled']);

/** Ingest jobs: where one has got to, live progress, and cancelling. */
export const jobsRouter = router({
  get: apiKeyProcedure
    .input(jobId)
    .query(({ ctx, input }) => ownedJob(ctx.services.orm, ctx.workspaceId, input.jobId)),

  /**
   * Streams the job's state every half second until it ends. It reads the job table, so it works
   * whichever process runs the job.
   */
  progress: apiKeyProcedure.input(jobId).subscription(async function* ({ ctx, input, signal }) {
    let last = '';
    for (;;) {
      const job = await ownedJob(ctx.services.orm, ctx.workspaceId, input.jobId);
      const snapshot = JSON.stringify([job.status, job.progress]);
      if (snapshot !== last) {
        last = snapshot;
        yield job;
      }
      if (finished.has(job.status)) return;
      await sleep(500, undefined, signal ? { signal } : {}).catch(() => undefined);
      if (signal?.aborted) return;
    }
  }),

  cancel: apiKeyProcedure.input(jobId).mutation(async ({ ctx, input }) => {
    await ownedJob(ctx.services.orm, ctx.workspaceId, input.jobId);
    if (!(await cancelJob(ctx.services.orm, input.jobId))) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This job has already finished.' });
    }
    return { ok: true as const };
  }),
});
