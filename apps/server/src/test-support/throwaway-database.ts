import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../adapters/db/port.js';
import { createPostgresDatabase } from '../adapters/db/postgres.js';

/** A new, empty database on the Postgres server at `serverUrl`, dropped again when it is closed. */
export async function createThrowawayDatabase(serverUrl: string): Promise<Database> {
  const name = `jarvis_test_${randomBytes(8).toString('hex')}`;
  const runOnServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await runOnServer(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createPostgresDatabase(url.toString());
  return {
    ...database,
    async close() {
      await database.close();
      await runOnServer(`drop database if exists ${name} with (force)`);
    },
  };
}
