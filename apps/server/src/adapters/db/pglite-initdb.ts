import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Whether `dataDir` already holds a database cluster (initdb writes PG_VERSION first thing). */
export function hasCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

// Plain CommonJS for `node -e`: it runs without the TypeScript loader, from sources or built.
const initdbScript = `
const [pgliteModule, dataDir] = process.argv.slice(1);
require(pgliteModule).PGlite.create({ dataDir }).then((db) => db.close()).catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});`;

/**
 * Creates the database cluster in `dataDir` in a Node process of its own. PGlite's initdb grows its
 * WASM memory to some 850 MB, which a process never gives back: done in the server's own process, a
 * first start kept about 770 MB resident for good; opened afterwards, the cluster costs about 270.
 */
export async function initdbInChildProcess(dataDir: string): Promise<void> {
  const pgliteModule = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  try {
    await promisify(execFile)(process.execPath, ['-e', initdbScript, pgliteModule, dataDir], {
      // Only what the script needs, not the loaders or flags of the process that started it.
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the embedded database in ${dataDir}: ${stderr || String(error)}`);
  }
}
