import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main.js';
import { startServerWithBot } from '../../test-support/server-with-bot.js';
import {
  type RouteHandler,
  type StaticSite,
  serveStaticSite,
} from '../../test-support/static-site-server.js';
import { answerText, askOverHttp, type TestClient, waitForJob } from '../../test-support/trpc-test-client.js';
import type { AppRouter } from '../../trpc/app-router.js';

let server: RunningServer;
let site: StaticSite;
let dir: string;
let owner: TestClient;
let visitor: TestClient;
let botId: string;
let botKey: string;

const fixture = (name: string) => readFile(new URL(`./test-fixtures/${name}`, import.meta.url));
const page = (title: string, body: string, links: string[] = []) =>
  `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</main></body></html>`;
const html =
  (body: string): RouteHandler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(body);
    return true;
  };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-sources-files-'));
  site = await serveStaticSite(dir, {
    routes: {
      '/': html(
        page('Delivery', 'Parcels to Belgium arrive within three working days.', [
          'loop',
          'huge.html',
          'returns.html',
        ]),
      ),
      '/returns.html': html(page('Returns', 'Returns are free for thirty days after delivery.')),
      '/loop': (_request, response) => {
        response.writeHead(302, { location: '/loop' }).end();
        return true;
      },
      '/huge.html': html(`<p>${'Filler text. '.repeat(600_000)}</p>`),
    },
  });
  ({ server, botId, botKey, owner, visitor } = await startServerWithBot(
    { JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1' },
    { slug: 'office', name: 'Office' },
  ));
});

afterAll(async () => {
  await server?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(name: string, bytes: Buffer, contentType?: string) {
  return owner.sources.add.mutate({
    botId,
    source: {
      kind: 'file',
      name,
      contentBase64: bytes.toString('base64'),
      ...(contentType ? { contentType } : {}),
    },
  });
}

async function refusal(promise: Promise<unknown>) {
  return (await promise.then(
    () => undefined,
    (error: unknown) => error,
  )) as TRPCClientError<AppRouter> | undefined;
}

describe('uploaded files over the owner API', () => {
  it('reads an uploaded PDF page by page and cites the page an answer comes from', async () => {
    const { jobId, sourceId } = await upload(
      'handbook.pdf',
      await fixture('handbook.pdf'),
      'application/pdf',
    );
    expect(await waitForJob(owner, jobId)).toMatchObject({ status: 'done', progress: { stored: 2 } });
    expect(await owner.sources.get.query({ sourceId })).toMatchObject({
      kind: 'file',
      location: 'handbook.pdf',
      status: 'ready',
      pageCount: 2,
    });
    const answer = await askOverHttp(visitor, {
      botKey,
      question: 'How many days of paid leave do employees get?',
    });
    expect(answerText(answer)).toContain('27 days');
    const cited = answer.flatMap((chunk) => (chunk.type === 'sources-ready' ? chunk.sources : []));
    expect(cited[0]).toMatchObject({ url: 'file:handbook.pdf#page=1', title: 'Staff handbook, page 1' });
  });

  it('reads an uploaded Word document', async () => {
    const { jobId } = await upload('onboarding.docx', await fixture('onboarding.docx'));
    expect((await waitForJob(owner, jobId)).status).toBe('done');
    const answer = await askOverHttp(visitor, { botKey, question: 'Where are laptops handed out?' });
    expect(answerText(answer)).toContain('IT desk on floor 3');
  });

  it('reads a "PDF" that is really an HTML page as HTML', async () => {
    const { jobId, sourceId } = await upload(
      'opening-hours.pdf',
      Buffer.from(page('Opening hours', 'The showroom opens at 10 on Saturdays.')),
      'application/pdf',
    );
    expect((await waitForJob(owner, jobId)).status).toBe('done');
    expect(await owner.sources.get.query({ sourceId })).toMatchObject({ status: 'ready', pageCount: 1 });
  });

  it('refuses a file it cannot read, and one over 10 MB, before storing anything', async () => {
    const before = (await owner.sources.list.query({ botId })).length;
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const binary = await refusal(upload('logo.pdf', png, 'application/pdf'));
    expect(binary?.data?.code).toBe('BAD_REQUEST');
    expect(binary?.message).toBe('logo.pdf is not a PDF, Word (.docx), HTML, Markdown or plain-text file.');
    const huge = await refusal(upload('huge.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a')));
    expect(huge?.data?.code).toBe('BAD_REQUEST');
    expect(huge?.message).toContain('the file must be at most 10 MB');
    expect(await owner.sources.list.query({ botId })).toHaveLength(before);
  });
});

describe('a site with bad pages', () => {
  let sourceId: string;

  it('finishes the crawl, storing the good pages and listing the bad ones', async () => {
    const added = await owner.sources.add.mutate({
      botId,
      source: { kind: 'site', location: `${site.url}/`, options: {} },
    });
    sourceId = added.sourceId;
    expect(await waitForJob(owner, added.jobId)).toMatchObject({
      status: 'done',
      progress: { stored: 2, failed: 2 },
    });
    const source = await owner.sources.get.query({ sourceId });
    expect(source).toMatchObject({ status: 'ready', pageCount: 2 });
    expect(
      Object.fromEntries(source.pageErrors.map((error) => [new URL(error.url).pathname, error.reason])),
    ).toEqual({
      '/loop': `More than 5 redirects from ${site.url}/loop`,
      '/huge.html': 'larger than the 5 MB limit per page; not read',
    });
  });

  it('keeps every page already indexed when a re-sync finds the site down', async () => {
    await site.close();
    const { jobId } = await owner.sources.resync.mutate({ sourceId });
    expect((await waitForJob(owner, jobId)).progress).toMatchObject({ stored: 0, failed: 1 });
    const source = await owner.sources.get.query({ sourceId });
    expect(source).toMatchObject({ status: 'ready', pageCount: 2 });
    expect(source.pageErrors[0]?.reason).toMatch(/^robots\.txt could not be read \(.*ECONNREFUSED/);
    const answer = await askOverHttp(visitor, { botKey, question: 'Are returns free?' });
    expect(answerText(answer)).toContain('thirty days');
  });
});
