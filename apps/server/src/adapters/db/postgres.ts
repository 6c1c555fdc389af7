import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../db/schema.js';
import type { Database, Orm } from './port.js';
import { vectorSearchSettings } from './vector-search-settings.js';

/** Any Postgres with pgvector (Supabase, RDS, Neon, a local server) through node-postgres. */
export async function createPostgresDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('connect', (client) => {
    client.query(vectorSearchSettings).catch(() => undefined);
  });
  // Fail at start with the server's own message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const orm = drizzle(pool, { schema }) as unknown as Orm;
  return {
    kind: 'postgres',
    orm,
    async runScript(script) {
      await pool.query(script);
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}
