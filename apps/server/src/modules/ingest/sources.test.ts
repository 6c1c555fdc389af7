import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main.js';
import { startServerWithBot } from '../../test-support/server-with-bot.js';
import { type StaticSite, serveStaticSite } from '../../test-support/static-site-server.js';
import { answerText, askOverHttp, type TestClient, waitForJob } from '../../test-support/trpc-test-client.js';
import type { AppRouter } from '../../trpc/app-router.js';

let server: RunningServer;
let site: StaticSite;
let dir: string;
let owner: TestClient;
let visitor: TestClient;
let botId: string;
let botKey: string;

const page = (title: string, body: string, links: string[] = []) =>
  `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</main></body></html>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-sources-'));
  await writeFile(
    join(dir, 'index.html'),
    page('Pricing', 'The Pro plan costs 29 euros a month and includes priority support.', [
      'plans.html',
      'missing.html',
      'private/x.html',
    ]),
  );
  await writeFile(
    join(dir, 'plans.html'),
    page('Plans', 'The Team plan costs 99 euros a month for ten seats.'),
  );
  site = await serveStaticSite(dir, {
    robotsTxt: 'User-agent: *\nDisallow: /private/\n',
    routes: {
      '/slow.html': (_request, response) => {
        setTimeout(
          () => response.writeHead(200, { 'content-type': 'text/html' }).end(page('Slow', 'Slow page.')),
          3000,
        );
        return true;
      },
    },
  });
  ({ server, botId, botKey, owner, visitor } = await startServerWithBot(
    { JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1' },
    { slug: 'shop', name: 'Shop' },
  ));
});

afterAll(async () => {
  await server?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sources and jobs over the owner API', () => {
  it('crawls a site as a job with live progress, and answers from it', async () => {
    const { jobId, sourceId } = await owner.sources.add.mutate({
      botId,
      source: { kind: 'site', location: `${site.url}/`, options: {} },
    });
    const job = await waitForJob(owner, jobId);
    // Pages found (index, plans, missing, private), fetched, failed, and the chunks embedded.
    expect(job).toMatchObject({
      status: 'done',
      progress: { discovered: 4, fetched: 2, stored: 2, failed: 2, chunks: expect.any(Number) },
    });
    expect(job.progress.chunks).toBeGreaterThan(0);
    const source = await owner.sources.get.query({ sourceId });
    expect(source).toMatchObject({ status: 'ready', pageCount: 2 });
    expect(source.pageErrors.map((error) => error.reason)).toEqual(
      expect.arrayContaining(['404 Not Found', 'blocked by robots.txt']),
    );
    const answer = await askOverHttp(visitor, { botKey, question: 'How much does the Team plan cost?' });
    expect(answerText(answer)).toContain('99 euros');
  });

  it('re-syncs without re-embedding unchanged pages', async () => {
    const [source] = await owner.sources.list.query({ botId });
    const { jobId } = await owner.sources.resync.mutate({ sourceId: source!.id });
    expect((await waitForJob(owner, jobId)).progress).toMatchObject({ stored: 0, unchanged: 2 });
  });

  it('adds raw text as a source', async () => {
    const { jobId } = await owner.sources.add.mutate({
      botId,
      source: {
        kind: 'text',
        title: 'Opening hours',
        text: 'Our support desk is open from 9 to 17 on weekdays.',
      },
    });
    expect((await waitForJob(owner, jobId)).status).toBe('done');
    const answer = await askOverHttp(visitor, { botKey, question: 'When is the support desk open?' });
    expect(answerText(answer)).toContain('9 to 17');
  });

  it('cancels a running job, keeping what was already stored', async () => {
    const { jobId, sourceId } = await owner.sources.add.mutate({
      botId,
      source: { kind: 'url', location: `${site.url}/slow.html` },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await owner.jobs.cancel.mutate({ jobId });
    expect((await waitForJob(owner, jobId)).status).toBe('cancelled');
    await expect
      .poll(async () => (await owner.sources.get.query({ sourceId })).error, { timeout: 8000 })
      .toBe('Cancelled by the owner.');
  });

  it('refuses a private address with a per-page error, and bad input with a clear message', async () => {
    const { jobId, sourceId } = await owner.sources.add.mutate({
      botId,
      source: { kind: 'url', location: 'http://169.254.169.254/latest/' },
    });
    expect((await waitForJob(owner, jobId)).status).toBe('failed');
    const source = await owner.sources.get.query({ sourceId });
    expect(source.pageErrors[0]?.reason).toMatch(/private or reserved/);
    const bad = await owner.sources.add
      .mutate({ botId, source: { kind: 'site', location: 'ftp://example.com', options: {} } })
      .catch((error: unknown) => error as TRPCClientError<AppRouter>);
    expect((bad as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    expect((bad as Error).message).toContain('http(s) URL');
  });

  it('removes a source with its pages, so answers no longer use it', async () => {
    const sources = await owner.sources.list.query({ botId });
    const text = sources.find((source) => source.kind === 'text')!;
    await owner.sources.remove.mutate({ sourceId: text.id });
    const answer = await askOverHttp(visitor, { botKey, question: 'When is the support desk open?' });
    expect(answerText(answer)).not.toContain('9 to 17');
  });
});
