import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '../../db/schema.js';
import { lockDataDir } from './data-dir-lock.js';
import { hasCluster, initdbInChildProcess } from './pglite-initdb.js';
import type { Database, Orm } from './port.js';
import { vectorSearchSettings } from './vector-search-settings.js';

/**
 * Postgres's own cache of table and index pages. PGlite keeps it in WASM memory, which a process
 * never gives back, so the default 128 MB stays resident for good; the files it caches are in the
 * kernel's page cache anyway (shared, and reclaimable under pressure). 32 MB took about 100 MB off
 * an ingest's peak RSS without slowing it down (bench:ingest).
 */
const sharedBuffers = '32MB';

/**
 * Embedded Postgres 17 (WASM) with pgvector. `dataDir` undefined keeps everything in memory (tests).
 * One process per data folder, enforced by a lock file (PGlite has no lock of its own). A new data
 * folder's cluster is created in a process of its own (see pglite-initdb.ts).
 */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  let unlock = async () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    if (dataDir && !hasCluster(dataDir)) await initdbInChildProcess(dataDir);
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
    });
    await client.exec(vectorSearchSettings);
  } catch (error) {
    await unlock();
    throw error;
  }
  const orm = drizzle(client, { schema }) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    async runScript(script) {
      await client.exec(script);
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
      await unlock();
    },
  };
}
