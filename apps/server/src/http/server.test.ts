import { TRPCClientError } from '@trpc/client';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { messages } from '../db/schema.js';
import { type RunningServer, startServer } from '../main.js';
import { createBot, ensureLocalWorkspace } from '../modules/bots/bot-service.js';
import { askOverHttp, createTestClient, type TestClient } from '../test-support/trpc-test-client.js';
import type { AppRouter } from '../trpc/app-router.js';

let server: RunningServer;
let client: TestClient;
let botKey: string;

beforeAll(async () => {
  server = await startServer(loadConfig({ PORT: '0', JARVIS_DATA_DIR: 'unused' }), { inMemory: true });
  botKey = server.demoBotKey!;
  client = createTestClient(server.url);
});

afterAll(async () => {
  await server?.close();
});

const ask = (input: { botKey: string; question: string; conversationId?: string }) =>
  askOverHttp(client, input);

async function messageCount(): Promise<number> {
  const [row] = await server.jarvis.database.orm.select({ n: count() }).from(messages);
  return row!.n;
}

describe('server over real HTTP', () => {
  it('answers health and readiness probes', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      database: server.jarvis.database.kind,
    });
  });

  it('serves the demo page with the widget and a strict CSP', async () => {
    const response = await fetch(`${server.url}/`);
    const html = await response.text();
    expect(html).toContain(`<jarvis-chat bot="${botKey}"`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves the widget as a small stub that imports content-hashed chunks cached for a year', async () => {
    const stub = await fetch(`${server.url}/widget.js`);
    expect(stub.headers.get('content-type')).toContain('javascript');
    expect(stub.headers.get('access-control-allow-origin')).toBe('*');
    expect(stub.headers.get('cache-control')).toContain('max-age=3600');
    const [chunkPath] = (await stub.text()).match(/\.\/widget\/[^"]+\.js/) ?? [];
    expect(chunkPath).toBeDefined();

    const chunk = await fetch(new URL(chunkPath!, `${server.url}/widget.js`), {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-encoding')).toBe('gzip');
    expect(chunk.headers.get('content-type')).toContain('javascript');
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect((await chunk.text()).length).toBeGreaterThan(1000);

    for (const missing of [
      '/widget/nope-123.js',
      '/widget/..%2Fjarvis-chat.js',
      '/widget/%2E%2E%2Fpackage.json',
    ]) {
      const response = await fetch(`${server.url}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(response.headers.get('cache-control') ?? '', missing).not.toContain('immutable');
    }
  });

  it('gives the widget its config', async () => {
    const config = await client.widget.config.query({ botKey });
    expect(config.name).toBe('Jarvis demo');
    expect(config.starterQuestions.length).toBeGreaterThan(0);
  });

  it('streams a cited answer from the demo docs, then sources, then the end record', async () => {
    const chunks = await ask({ botKey, question: 'How do I add the widget to my site?' });
    const types = chunks.map((chunk) => chunk.type);
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(3);
    expect(types.slice(-2)).toEqual(['sources-ready', 'answer-end']);
    const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
    expect(text).toMatch(/\[\d\]/);
    const sources = chunks.find((chunk) => chunk.type === 'sources-ready');
    expect(sources?.type === 'sources-ready' && sources.sources[0]?.url).toContain(
      '/demo-docs/embedding-the-widget.md',
    );
    const end = chunks.at(-1);
    expect(end?.type === 'answer-end' && end.status).toBe('complete');
  });

  it('continues a conversation and returns its history', async () => {
    const first = await ask({ botKey, question: 'How do I install Jarvis?' });
    const end = first.at(-1);
    if (end?.type !== 'answer-end') throw new Error('no answer-end');
    await ask({ botKey, question: 'Which settings can I change?', conversationId: end.conversationId });
    const history = await client.chat.history.query({ botKey, conversationId: end.conversationId });
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('says it does not know, with the fallback message, when the docs do not say', async () => {
    const chunks = await ask({ botKey, question: 'What is the boiling point of mercury in kelvin?' });
    const end = chunks.at(-1);
    expect(end?.type === 'answer-end' && end.status).toBe('unanswered');
    const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
    expect(text).toContain("couldn't find");
  });

  it('refuses bad input with a typed 4xx and writes nothing', async () => {
    const before = await messageCount();
    const cases: [Parameters<typeof ask>[0], string, RegExp][] = [
      [{ botKey: 'pk_doesnotexist123', question: 'hi there' }, 'NOT_FOUND', /publishable key/],
      [{ botKey, question: '   ' }, 'BAD_REQUEST', /question must not be empty/],
      [{ botKey, question: 'x'.repeat(2001) }, 'BAD_REQUEST', /at most 2000 characters/],
      [{ botKey: 'not-a-key', question: 'hi' }, 'BAD_REQUEST', /publishable key like pk_/],
      [
        { botKey, question: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' },
        'NOT_FOUND',
        /conversation does not exist/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await ask(input).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<AppRouter>).data?.code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
    expect(await messageCount()).toBe(before);
  });

  it('answers malformed requests with a typed 4xx, never a 500 or a stack', async () => {
    const queries = await Promise.all([
      fetch(`${server.url}/trpc/widget.config`),
      fetch(`${server.url}/trpc/widget.config?input=${encodeURIComponent('{not json')}`),
      fetch(`${server.url}/trpc/no.such.procedure`),
    ]);
    for (const response of queries) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    // Streams have already answered 200 when tRPC validates their input, so the typed error
    // (with its 4xx status) travels in the stream as tRPC's `serialized-error` event.
    const streams = await Promise.all([
      fetch(`${server.url}/trpc/chat.send?input=${encodeURIComponent('{not json')}`),
      fetch(`${server.url}/trpc/chat.send?input=${encodeURIComponent(JSON.stringify({ botKey: 42 }))}`),
    ]);
    for (const response of streams) {
      const body = await response.text();
      expect(body).toContain('event: serialized-error');
      expect(body).toMatch(/"code":"BAD_REQUEST","httpStatus":400/);
      expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });

  it('refuses a page origin that is not on the bot allowlist', async () => {
    const orm = server.jarvis.database.orm;
    const locked = await createBot(orm, {
      workspaceId: await ensureLocalWorkspace(orm),
      slug: 'locked',
      name: 'Locked',
      allowedOrigins: ['https://shop.example'],
    });
    const configUrl = `${server.url}/trpc/widget.config?input=${encodeURIComponent(JSON.stringify({ botKey: locked.publishableKey }))}`;
    const allowed = await fetch(configUrl, { headers: { origin: 'https://shop.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const refused = await fetch(configUrl, { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'does not accept requests from https://evil.example',
    );
  });
});
