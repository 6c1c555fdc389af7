import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedJarvis, startJarvis } from '../../../scripts/start-jarvis.mjs';
import {
  askQuestion,
  createJarvisClient,
  type IngestJob,
  ingestSite,
  type JarvisClient,
  listConversations,
} from './index.js';

/** A three-page site about a made-up product, so answers can only come from the crawl. */
const pages: Record<string, string> = {
  '/': '<h1>Zorblax</h1><p>Zorblax is a harbour ferry timetable service.</p><a href="/prices">Prices</a> <a href="/hours">Hours</a>',
  '/prices': '<h1>Prices</h1><p>A Zorblax season ticket costs 42 crowns and covers every ferry line.</p>',
  '/hours': '<h1>Hours</h1><p>Zorblax ferries sail from six in the morning until midnight.</p>',
};

let site: Server;
let siteUrl: string;
let jarvis: StartedJarvis;
let client: JarvisClient;

beforeAll(async () => {
  site = createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      body
        ? `<!doctype html><html><head><title>Zorblax</title></head><body><main>${body}</main></body></html>`
        : 'not found',
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  jarvis = await startJarvis({ env: { JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1' } });
  client = createJarvisClient({ url: jarvis.url, apiKey: jarvis.apiKey });
});

afterAll(async () => {
  await jarvis?.stop();
  site?.close();
});

describe('owner helpers against a running Jarvis server', () => {
  it('ingestSite crawls a site, reports progress, and the bot then answers from it', async () => {
    const [bot] = await client.bots.list.query();
    const seen: IngestJob[] = [];
    const { sourceId, job } = await ingestSite(client, {
      botId: bot!.id,
      url: siteUrl,
      onProgress: (state) => seen.push(state),
    });

    expect(job.status).toBe('done');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)?.status).toBe('done');
    const source = await client.sources.get.query({ sourceId });
    expect(source.pageCount).toBe(3);

    let answer = '';
    for await (const chunk of askQuestion(client, {
      botKey: jarvis.botKey,
      question: 'How much is a Zorblax season ticket?',
    })) {
      if (chunk.type === 'text-delta') answer += chunk.text;
    }
    expect(answer).toContain('42 crowns');
  });

  it('ingestSite names the problem when the server refuses the URL', async () => {
    const [bot] = await client.bots.list.query();
    await expect(ingestSite(client, { botId: bot!.id, url: 'ftp://example.com/' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('http(s) URL'),
    });
  });

  it('listConversations pages through every conversation, newest first', async () => {
    for (const question of ['What is Zorblax?', 'When do ferries sail?', 'What does it cost?']) {
      for await (const _chunk of askQuestion(client, { botKey: jarvis.botKey, question })) {
        // drain
      }
    }
    const listed = [];
    for await (const conversation of listConversations(client, { pageSize: 1 })) listed.push(conversation);

    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(new Set(listed.map((conversation) => conversation.id)).size).toBe(listed.length);
    expect(listed[0]?.firstQuestion).toBe('What does it cost?');
  });
});
