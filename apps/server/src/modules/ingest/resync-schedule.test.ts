import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from '../../adapters/db/pglite.js';
import { type Database, queryRows } from '../../adapters/db/port.js';
import { migrate } from '../../db/migrate.js';
import { jobs, sources } from '../../db/schema.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';
import { addSource } from './ingest-service.js';
import { queueDueResyncs } from './resync-schedule.js';

let database: Database;

beforeAll(async () => {
  database = await createPgliteDatabase();
  await migrate(database);
});
afterAll(async () => {
  await database.close();
});

describe('scheduled re-sync', () => {
  it('queues a source once when its time has come and moves its next sync on', async () => {
    const orm = database.orm;
    const bot = await createBot(orm, {
      workspaceId: await ensureLocalWorkspace(orm),
      slug: 'fresh',
      name: 'Fresh',
    });
    const { sourceId, jobId } = await addSource({ orm }, bot.id, {
      kind: 'site',
      location: 'https://example.com/',
      resync: 'weekly',
    });
    const [created] = await queryRows<{ days: number }>(
      orm,
      sql`select extract(day from next_sync_at - now())::int as days from sources where id = ${sourceId}::uuid`,
    );
    expect(created!.days).toBeGreaterThanOrEqual(6);
    await orm.update(jobs).set({ status: 'done' }).where(eq(jobs.id, jobId));
    await orm
      .update(sources)
      .set({ status: 'ready', nextSyncAt: sql`now() - interval '1 minute'` })
      .where(eq(sources.id, sourceId));

    expect(await queueDueResyncs(orm)).toBe(1);
    expect(await queueDueResyncs(orm)).toBe(0);
    const queued = await orm.select().from(jobs).where(eq(jobs.status, 'queued'));
    expect(queued.map((job) => job.payload.sourceId)).toEqual([sourceId]);
  });

  it('leaves sources without a schedule alone', async () => {
    const orm = database.orm;
    const bot = await createBot(orm, {
      workspaceId: await ensureLocalWorkspace(orm),
      slug: 'manual',
      name: 'Manual',
    });
    const { sourceId } = await addSource({ orm }, bot.id, { kind: 'site', location: 'https://example.org/' });
    const [row] = await orm.select().from(sources).where(eq(sources.id, sourceId));
    expect(row).toMatchObject({ resync: 'off', nextSyncAt: null });
  });
});
