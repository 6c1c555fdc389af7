import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJarvis, type Jarvis } from '../../app.js';
import { loadConfig } from '../../config.js';
import { chunks, documents } from '../../db/schema.js';
import { type StaticSite, serveStaticSite } from '../../test-support/static-site-server.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';
import { addSource, runJobNow } from './ingest-service.js';
import { enqueueJob } from './job-queue.js';

let jarvis: Jarvis;
let site: StaticSite;
let dir: string;
let botId: string;
let sourceId: string;

const page = (title: string, text: string, links: string[] = []) =>
  `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p>${links
    .map((href) => `<a href="${href}">${href}</a>`)
    .join(' ')}</main></body></html>`;

/** Writes a page with a modification time `secondsAgo` in the past, as a deploy would leave it. */
async function writePage(name: string, html: string, secondsAgo = 60) {
  await writeFile(join(dir, name), html);
  const time = new Date(Date.now() - secondsAgo * 1000);
  await utimes(join(dir, name), time, time);
}

/** Runs one sync of the source and returns its progress, with what the server sent in full and as 304. */
async function sync() {
  site.requests.length = 0;
  site.notModified.length = 0;
  const jobId = await enqueueJob(jarvis.database.orm, 'ingest-source', botId, { sourceId });
  const progress = await runJobNow(jarvis.ingest, jobId);
  const pageRequests = site.requests.filter((path) => path !== '/robots.txt');
  return {
    progress,
    full: pageRequests.filter((path) => !site.notModified.includes(path)).sort(),
    notModified: [...site.notModified].sort(),
  };
}

async function storedChunks() {
  return jarvis.database.orm
    .select({ id: chunks.id, url: documents.url, content: chunks.content })
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(eq(documents.sourceId, sourceId))
    .orderBy(asc(documents.url), asc(chunks.ordinal));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-conditional-'));
  await writePage('index.html', page('Home', 'Welcome to the shop.', ['a.html', 'b.html', 'c.html']));
  await writePage('a.html', page('Shipping', 'Parcels leave within two days.', ['deep.html']));
  await writePage('b.html', page('Returns', 'Returns are free for 30 days.'));
  await writePage('c.html', page('Warranty', 'Every product has a two-year warranty.'));
  // Reached only through a.html: after a 304 for a.html the crawl must still find it.
  await writePage('deep.html', page('Gift cards', 'Gift cards never expire.'));
  site = await serveStaticSite(dir, { conditional: true });
  jarvis = await createJarvis(loadConfig({ JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1' }), { inMemory: true });
  const orm = jarvis.database.orm;
  botId = (await createBot(orm, { workspaceId: await ensureLocalWorkspace(orm), slug: 'shop', name: 'Shop' }))
    .id;
  const added = await addSource(jarvis.ingest, botId, { kind: 'site', location: `${site.url}/` });
  sourceId = added.sourceId;
  await runJobNow(jarvis.ingest, added.jobId);
});

afterAll(async () => {
  await jarvis?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('conditional re-sync (ETag / Last-Modified)', () => {
  it('asks with the stored validators, gets 304 for every page and re-embeds nothing', async () => {
    const before = await storedChunks();
    expect(before.map((chunk) => new URL(chunk.url).pathname)).toEqual(
      expect.arrayContaining(['/', '/a.html', '/b.html', '/c.html', '/deep.html']),
    );
    const { progress, full, notModified } = await sync();
    expect(full).toEqual([]);
    expect(notModified).toEqual(['/', '/a.html', '/b.html', '/c.html', '/deep.html']);
    expect(progress).toMatchObject({ fetched: 5, unchanged: 5, stored: 0, chunks: 0, failed: 0 });
    // Same chunk rows: nothing was deleted, re-chunked or re-embedded, and every page is still indexed.
    expect(await storedChunks()).toEqual(before);
  });

  it('downloads and re-embeds only the page that changed', async () => {
    await writePage('b.html', page('Returns', 'Returns are free for 60 days now.'), 0);
    const { progress, full, notModified } = await sync();
    expect(full).toEqual(['/b.html']);
    expect(notModified).toEqual(['/', '/a.html', '/c.html', '/deep.html']);
    expect(progress).toMatchObject({ fetched: 5, unchanged: 4, stored: 1, failed: 0 });
    const texts = (await storedChunks()).map((chunk) => chunk.content).join('\n');
    expect(texts).toContain('60 days now');
    expect(texts).not.toContain('30 days');
  });

  it('still removes a page that is gone, while its neighbours stay 304', async () => {
    await rm(join(dir, 'c.html'));
    const { progress, full } = await sync();
    expect(full).toEqual(['/c.html']);
    expect(progress).toMatchObject({ fetched: 4, unchanged: 4, failed: 1 });
    const urls = new Set((await storedChunks()).map((chunk) => new URL(chunk.url).pathname));
    expect([...urls].sort()).toEqual(['/', '/a.html', '/b.html', '/deep.html']);
  });
});
