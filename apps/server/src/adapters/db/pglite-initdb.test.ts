import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from './pglite.js';
import { hasCluster, initdbInChildProcess } from './pglite-initdb.js';

const folders: string[] = [];
const newFolder = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'jarvis-initdb-'));
  folders.push(folder);
  return folder;
};

/** This process's peak resident memory so far, in MB. */
const peakRssMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('the embedded database in a new data folder', () => {
  it("is created by another process, so initdb's memory is not this one's", async () => {
    const dataDir = join(await newFolder(), 'db');
    const peakBefore = peakRssMb();
    const database = await createPgliteDatabase(dataDir);
    try {
      expect(hasCluster(dataDir)).toBe(true);
      await database.ping();
      // initdb in this process would raise its peak by some 800 MB.
      expect(peakRssMb() - peakBefore).toBeLessThan(400);
    } finally {
      await database.close();
    }
    // Opened again, the cluster is used as it is.
    const again = await createPgliteDatabase(dataDir);
    await again.close();
  });

  it('says which folder it could not create the database in', async () => {
    const notAFolder = join(await newFolder(), 'file');
    await writeFile(notAFolder, 'not a folder');
    await expect(initdbInChildProcess(notAFolder)).rejects.toThrow(
      `Could not create the embedded database in ${notAFolder}`,
    );
  });
});
