import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from '../../adapters/db/pglite.js';
import type { Database } from '../../adapters/db/port.js';
import { migrate } from '../../db/migrate.js';
import { jobs } from '../../db/schema.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';
import { claimNextJob, enqueueJob, finishJob, getJob, requeueStaleJobs } from './job-queue.js';

let database: Database;
let botId: string;

beforeAll(async () => {
  database = await createPgliteDatabase();
  await migrate(database);
  const bot = await createBot(database.orm, {
    workspaceId: await ensureLocalWorkspace(database.orm),
    slug: 'jobs',
    name: 'Jobs',
  });
  botId = bot.id;
});

afterAll(async () => {
  await database.close();
});

describe('job queue', () => {
  it('migrations run once and are recorded', async () => {
    expect(await migrate(database)).toEqual([]);
  });

  it('hands each job to one claimer, oldest first', async () => {
    const first = await enqueueJob(database.orm, 'test', botId, { n: 1 });
    const second = await enqueueJob(database.orm, 'test', botId, { n: 2 });
    const claims = await Promise.all([
      claimNextJob(database.orm),
      claimNextJob(database.orm),
      claimNextJob(database.orm),
    ]);
    const ids = claims.map((job) => job?.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([first, second]);
    expect(claims[0]?.attempts).toBe(1);
    await finishJob(database.orm, first);
    await finishJob(database.orm, second, 'boom');
    expect((await getJob(database.orm, first))?.status).toBe('done');
    expect(await getJob(database.orm, second)).toMatchObject({ status: 'failed', error: 'boom' });
  });

  it('puts a job whose worker died back in the queue', async () => {
    const id = await enqueueJob(database.orm, 'test', botId, {});
    await claimNextJob(database.orm, id);
    await database.orm
      .update(jobs)
      .set({ lockedAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, id));
    expect(await requeueStaleJobs(database.orm, 120)).toBe(1);
    const again = await claimNextJob(database.orm, id);
    expect(again?.attempts).toBe(2);
  });
});
