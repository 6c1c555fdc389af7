import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../db/schema.js';
import type { Database, Orm } from './port.js';
import { vectorSearchSettings } from './vector-search-settings.js';

/**
 * Any Postgres (Supabase, RDS, Neon, a local server) through node-postgres; with pgvector for vectors
 * in the same database, or without it when Pinecone holds them.
 */
export async function createPostgresDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Awaited before the connection serves its first query (a 'connect' listener is not).
    onConnect: (client) => client.query(vectorSearchSettings).then(() => undefined),
  });
  // An idle connection that breaks (a restart, a failover) is dropped from the pool and the next query
  // opens a new one; unhandled, the event would end the process.
  pool.on('error', (error) => console.warn(`Postgres connection lost: ${error.message}`));
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
