import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './adapters/db/port.js';
import { createJarvis, type Jarvis } from './app.js';
import { loadConfig } from './config.js';
import { createBot, ensureLocalWorkspace } from './modules/bots/bot-service.js';
import { addSource, runIngestWorker, runJobNow } from './modules/ingest/ingest-service.js';
import { type RouteHandler, type StaticSite, serveStaticSite } from './test-support/static-site-server.js';

const serverFolder = fileURLToPath(new URL('..', import.meta.url));
const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const env = { ...process.env, JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1' };

const page = (title: string, text: string, links: string[] = []) =>
  `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p>${links
    .map((href) => `<a href="${href}">${href}</a>`)
    .join(' ')}</main></body></html>`;

/** Starts the real CLI (through tsx) with stdout and stderr piped, so it is not on a TTY. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { cwd: serverFolder, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function runCli(args: string[]) {
  const run = startCli(args);
  const [code] = await run.exited;
  return { code, ...run.output() };
}

let dir: string;
const dataDirs: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-cli-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
  for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
});

async function newDataDir() {
  const dataDir = await mkdtemp(join(tmpdir(), 'jarvis-cli-data-'));
  dataDirs.push(dataDir);
  return dataDir;
}

// Each run of the CLI starts tsx and opens an embedded database: seconds, not milliseconds.
describe('jarvis ingest off a TTY', { timeout: 120_000 }, () => {
  let site: StaticSite;
  let dataDir: string;

  beforeAll(async () => {
    await writeFile(
      join(dir, 'index.html'),
      page('Pricing', 'The Pro plan costs 29 euros a month.', [
        'plans.html',
        'missing.html',
        'private/x.html',
      ]),
    );
    await writeFile(join(dir, 'plans.html'), page('Plans', 'The Team plan costs 99 euros a month.'));
    site = await serveStaticSite(dir, {
      robotsTxt: 'User-agent: *\nDisallow: /private/\n',
      conditional: true,
    });
    dataDir = await newDataDir();
  });

  afterAll(() => site?.close());

  /** `jarvis ingest <site> --bot shop` into this block's data folder. */
  const ingestShopSite = () => runCli(['ingest', `${site.url}/`, '--data-dir', dataDir, '--bot', 'shop']);

  it('prints plain progress lines, then the counts and each failed page with its reason', async () => {
    const { code, stdout, stderr } = await ingestShopSite();
    expect(code).toBe(0);
    expect(stderr).toContain(`Ingesting ${site.url}/ into bot "shop"`);
    expect(stderr).toMatch(
      /^\d+ pages fetched of \d+ found so far, \d+ failed, \d+ chunks embedded, [\d.]+ pages\/s$/m,
    );
    expect(stderr).not.toContain('\x1b');
    expect(stderr).toContain('Done: 2 pages stored');
    const summary = stderr.slice(stderr.indexOf('Failed pages:')).split('\n');
    expect(summary).toEqual(
      expect.arrayContaining([
        `  ${site.url}/missing.html  404 Not Found`,
        `  ${site.url}/private/x.html  blocked by robots.txt`,
      ]),
    );
    expect(JSON.parse(stdout)).toMatchObject({ bot: 'shop', stored: 2, failed: 2 });
  });

  it('re-syncs the same source when run again, with conditional requests', async () => {
    site.notModified.length = 0;
    const { code, stderr, stdout } = await ingestShopSite();
    expect(code).toBe(0);
    expect(stderr).toContain(`Re-syncing ${site.url}/`);
    expect(JSON.parse(stdout)).toMatchObject({ stored: 0, unchanged: 2, chunks: 0 });
    expect(site.notModified.sort()).toEqual(['/', '/plans.html']);
  });
});

describe('resuming an ingest after the process is killed', { timeout: 180_000 }, () => {
  const pageCount = 40;
  let site: StaticSite;
  let clean: { documents: number; chunks: number };

  beforeAll(async () => {
    // Every page answers after 250 ms, so a crawl of 41 pages (ten rounds of four requests) is still
    // running when it is killed half-way, and the pages fetched first have been stored by then.
    const routes: Record<string, RouteHandler> = {};
    const slow =
      (html: string): RouteHandler =>
      (_request, response) => {
        setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(html), 250);
        return true;
      };
    const names = Array.from({ length: pageCount }, (_, index) => `page-${index}.html`);
    routes['/'] = slow(page('Handbook', 'The handbook of the shop.', names));
    names.forEach((name, index) => {
      const text = `Section ${index} explains rule ${index * 7} of the shop. `.repeat(40);
      routes[`/${name}`] = slow(page(`Section ${index}`, text));
    });
    site = await serveStaticSite(dir, { routes });

    const jarvis = await createJarvis(loadConfig(env), { inMemory: true });
    try {
      const orm = jarvis.database.orm;
      const bot = await createBot(orm, {
        workspaceId: await ensureLocalWorkspace(orm),
        slug: 'kb',
        name: 'kb',
      });
      const { jobId } = await addSource(jarvis.ingest, bot.id, { kind: 'site', location: `${site.url}/` });
      await runJobNow(jarvis.ingest, jobId);
      clean = (await countIndex(jarvis)).totals;
    } finally {
      await jarvis.close();
    }
    expect(clean.documents).toBe(pageCount + 1);
  });

  afterAll(() => site?.close());

  /** Starts `jarvis ingest` on the slow site and SIGKILLs it once it is part-way through. */
  async function ingestUntilKilled(dataDir: string) {
    site.requests.length = 0;
    const run = startCli(['ingest', `${site.url}/`, '--data-dir', dataDir, '--bot', 'kb']);
    children.push(run.child);
    await expect
      .poll(() => site.requests.filter((path) => path.startsWith('/page-')).length, {
        timeout: 60_000,
        interval: 20,
      })
      .toBeGreaterThanOrEqual(20);
    run.child.kill('SIGKILL');
    const [, signal] = await run.exited;
    expect(signal).toBe('SIGKILL');
    // It died holding the data folder: its lock file is still there, naming a dead process.
    const lockOwner = Number(await readFile(join(dataDir, 'db', 'jarvis.lock'), 'utf8'));
    expect(lockOwner).toBe(run.child.pid);
    return site.requests.filter((path) => path.startsWith('/page-')).length;
  }

  it('a worker started on the same data folder finishes the job, every page indexed exactly once', async () => {
    const dataDir = await newDataDir();
    const fetchedBeforeKill = await ingestUntilKilled(dataDir);
    expect(fetchedBeforeKill).toBeLessThan(pageCount);

    const jarvis = await createJarvis(loadConfig({ ...env, JARVIS_DATA_DIR: dataDir }));
    const stopWorker = new AbortController();
    try {
      const worker = runIngestWorker(jarvis.ingest, stopWorker.signal, 100);
      await expect
        .poll(async () => (await jobsOf(jarvis))[0]?.status, { timeout: 120_000, interval: 200 })
        .toBe('done');
      stopWorker.abort();
      await worker;
      const [job] = await jobsOf(jarvis);
      // The same job, claimed a second time; the pages stored before the kill were not embedded again.
      expect(job).toMatchObject({ attempts: 2 });
      expect(job!.progress.unchanged).toBeGreaterThan(0);
      const index = await countIndex(jarvis);
      expect(index.totals).toEqual(clean);
      expect(index.duplicates).toEqual({ urls: 0, ordinals: 0, embeddings: 0, chunksWithoutEmbedding: 0 });
    } finally {
      stopWorker.abort();
      await jarvis.close();
    }
  });

  it('running jarvis ingest again resumes the interrupted job instead of starting over', async () => {
    const dataDir = await newDataDir();
    await ingestUntilKilled(dataDir);
    const { code, stderr, stdout } = await runCli([
      'ingest',
      `${site.url}/`,
      '--data-dir',
      dataDir,
      '--bot',
      'kb',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(`Resuming the interrupted ingest of ${site.url}/`);
    expect(JSON.parse(stdout).unchanged).toBeGreaterThan(0);
    const jarvis = await createJarvis(loadConfig({ ...env, JARVIS_DATA_DIR: dataDir }));
    try {
      expect((await jobsOf(jarvis)).map((job) => job.status)).toEqual(['done']);
      const index = await countIndex(jarvis);
      expect(index.totals).toEqual(clean);
      expect(index.duplicates).toEqual({ urls: 0, ordinals: 0, embeddings: 0, chunksWithoutEmbedding: 0 });
    } finally {
      await jarvis.close();
    }
  });
});

function jobsOf(jarvis: Jarvis) {
  return queryRows<{ status: string; attempts: number; progress: Record<string, number> }>(
    jarvis.database.orm,
    sql`select status, attempts, progress from jobs order by created_at`,
  );
}

/** What the index holds, and every way a page could have been indexed twice. */
async function countIndex(jarvis: Jarvis) {
  const [row] = await queryRows<Record<string, number>>(
    jarvis.database.orm,
    sql`select
      (select count(*)::int from documents) as documents,
      (select count(*)::int from chunks) as chunks,
      (select count(*)::int - count(distinct (source_id, url))::int from documents) as urls,
      (select count(*)::int - count(distinct (document_id, ordinal))::int from chunks) as ordinals,
      (select count(*)::int - count(distinct chunk_id)::int from chunk_embeddings) as embeddings,
      (select count(*)::int from chunks c where not exists
        (select 1 from chunk_embeddings e where e.chunk_id = c.id)) as chunks_without_embedding`,
  );
  return {
    totals: { documents: row!.documents!, chunks: row!.chunks! },
    duplicates: {
      urls: row!.urls!,
      ordinals: row!.ordinals!,
      embeddings: row!.embeddings!,
      chunksWithoutEmbedding: row!.chunks_without_embedding!,
    },
  };
}
