import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../../db/schema.js';

/** Drizzle over either driver; modules only ever see this type. */
export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The system of record: PGlite embedded, or any Postgres through DATABASE_URL. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Runs a multi-statement SQL script as-is (migrations). */
  runScript(script: string): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rows of a raw SQL query. Both drivers return `{ rows }`, but Drizzle's shared type cannot say so;
 * this is the one place that knows it.
 */
export async function queryRows<Row>(orm: Orm, query: SQL | string): Promise<Row[]> {
  const result = (await orm.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
