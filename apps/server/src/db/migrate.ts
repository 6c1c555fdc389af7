import { readdir, readFile } from 'node:fs/promises';
import { type Database, queryRows } from '../adapters/db/port.js';

const migrationsDir = new URL('./migrations/', import.meta.url);

/**
 * Applies the numbered SQL files in `db/migrations` that have not run yet, each in its own
 * transaction with its bookkeeping row, so a failed migration leaves nothing half-applied.
 * Returns the names applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.runScript(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = await queryRows<{ name: string }>(database.orm, 'select name from schema_migrations');
  const done = new Set(applied.map((row) => row.name));
  const files = (await readdir(migrationsDir)).filter((file) => file.endsWith('.sql')).sort();
  const ran: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const script = await readFile(new URL(file, migrationsDir), 'utf8');
    // The advisory lock keeps two servers starting together from running the same migration.
    await database.runScript(
      `begin;\nselect pg_advisory_xact_lock(7270101);\n${script}\ninsert into schema_migrations (name) values ('${file.replace(/'/g, "''")}');\ncommit;`,
    );
    ran.push(file);
  }
  return ran;
}
