import { sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import type { ResyncInterval } from '../../db/schema.js';
import { enqueueJob } from './job-queue.js';

const intervals: Record<Exclude<ResyncInterval, 'off'>, string> = {
  daily: '1 day',
  weekly: '7 days',
  monthly: '1 month',
};

/** The SQL that sets a source's next sync from its interval (null when off). */
export function nextSyncAfterNow(resync: ResyncInterval) {
  return resync === 'off' ? sql`null` : sql`now() + ${intervals[resync]}::interval`;
}

/**
 * Queues a re-sync for every source whose time has come and moves its next sync on, in one
 * statement, so two workers never queue the same source twice. Returns how many were queued.
 */
export async function queueDueResyncs(orm: Orm): Promise<number> {
  const due = await queryRows<{ id: string; bot_id: string }>(
    orm,
    sql`
    update sources set
      status = 'queued',
      next_sync_at = now() + (case resync when 'daily' then interval '1 day' when 'weekly' then interval '7 days' else interval '1 month' end)
    where next_sync_at <= now() and resync <> 'off' and status not in ('queued', 'running')
    returning id, bot_id`,
  );
  for (const source of due) await enqueueJob(orm, 'ingest-source', source.bot_id, { sourceId: source.id });
  return due.length;
}
