import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverFolder = fileURLToPath(new URL('..', import.meta.url));
const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const fixture = (name: string) => new URL(`./modules/ingest/test-fixtures/${name}`, import.meta.url);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-cli-files-'));
  await copyFile(fixture('handbook.pdf'), join(dir, 'handbook.pdf'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI (through tsx) off a TTY. */
async function runCli(args: string[]) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    cwd: serverFolder,
  });
  return stdout;
}

// Each run of the CLI starts tsx and opens an embedded database: seconds, not milliseconds.
describe('jarvis ingest with a PDF', { timeout: 120_000 }, () => {
  it('reads the PDF page by page, and answers citing the page', async () => {
    const dataDir = join(dir, 'data');
    const ingested = JSON.parse(
      await runCli(['ingest', join(dir, 'handbook.pdf'), '--bot', 'handbook', '--data-dir', dataDir]),
    );
    expect(ingested).toMatchObject({ stored: 2, failed: 0 });
    const answer = JSON.parse(
      await runCli([
        'ask',
        'How many days of paid leave?',
        '--bot',
        'handbook',
        '--json',
        '--data-dir',
        dataDir,
      ]),
    );
    expect(answer.answer).toContain('27 days of paid leave');
    expect(answer.sources[0]).toEqual({
      url: `file://${join(dir, 'handbook.pdf')}#page=1`,
      title: 'Staff handbook, page 1',
    });
  });
});
