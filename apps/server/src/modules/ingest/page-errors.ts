import { eq } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { pageErrors } from '../../db/schema.js';

/** The pages a source's last sync could not use, oldest first, with the reason ("404 Not Found", "blocked by robots.txt"). */
export async function listPageErrors(
  orm: Orm,
  sourceId: string,
  limit = 1000,
): Promise<{ url: string; reason: string; at: Date }[]> {
  return orm
    .select({ url: pageErrors.url, reason: pageErrors.reason, at: pageErrors.createdAt })
    .from(pageErrors)
    .where(eq(pageErrors.sourceId, sourceId))
    .orderBy(pageErrors.createdAt)
    .limit(limit);
}
