import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, ensureLocalWorkspace } from '../modules/bots/bot-service.js';
import { type ServerWithBot, startServerWithBot } from '../test-support/server-with-bot.js';
import { appRouter } from '../trpc/app-router.js';

// CORS over real HTTP: only the widget's procedures answer other sites' pages, and only pages on the
// bot's allowlist may read the answers.

const shop = 'https://shop.example';
const stranger = 'https://stranger.example';
let setup: ServerWithBot;
let shopBotKey: string;

beforeAll(async () => {
  setup = await startServerWithBot({ LOG_LEVEL: 'error' }, { slug: 'open', name: 'Open to all' });
  const orm = setup.server.jarvis.database.orm;
  const bot = await createBot(orm, {
    workspaceId: await ensureLocalWorkspace(orm),
    slug: 'shop',
    name: 'Shop',
    allowedOrigins: [shop],
  });
  shopBotKey = bot.publishableKey;
});

afterAll(async () => {
  await setup?.server.close();
});

function query(path: string, input: unknown, headers: Record<string, string>) {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${setup.server.url}/trpc/${path}${search}`, { headers });
}

/** A GET batch, as httpBatchLink sends queries: no preflight, one answer for all the calls. */
function batchQuery(paths: string[], inputs: unknown[], headers: Record<string, string>) {
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(inputs.map((value, i) => [i, value]))));
  return fetch(`${setup.server.url}/trpc/${paths.join(',')}?batch=1&input=${input}`, { headers });
}

function preflight(path: string, origin: string) {
  return fetch(`${setup.server.url}/trpc/${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

describe('CORS for the widget, per bot', () => {
  it("lets a page on the bot's allowlist read the answer, and no other page", async () => {
    const allowed = await query('widget.config', { botKey: shopBotKey }, { origin: shop });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    expect(allowed.headers.get('vary')).toMatch(/\borigin\b/i);

    const refused = await query('widget.config', { botKey: shopBotKey }, { origin: stranger });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('vary')).toMatch(/\borigin\b/i);
    // The browser hides this body from the page; a caller outside a browser still reads why.
    const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('FORBIDDEN');
    expect(body.error.message).toBe(
      `This bot does not accept requests from ${stranger}. Add it to the bot's allowed origins.`,
    );
  });

  it("lets a page on the bot's allowlist read a batch of widget calls, GET and POST", async () => {
    const batch = await batchQuery(
      ['widget.config', 'chat.history'],
      [
        { botKey: shopBotKey },
        { botKey: shopBotKey, conversationId: '00000000-0000-4000-8000-000000000000' },
      ],
      { origin: shop },
    );
    expect(batch.headers.get('access-control-allow-origin')).toBe(shop);
    const [config] = (await batch.json()) as [{ result: { data: { name: string } } }];
    expect(config.result.data.name).toBe('Shop');

    const posted = await fetch(`${setup.server.url}/trpc/chat.feedback?batch=1`, {
      method: 'POST',
      headers: { origin: shop, 'content-type': 'application/json' },
      body: JSON.stringify({
        0: { botKey: shopBotKey, messageId: '00000000-0000-4000-8000-000000000000', rating: 'up' },
      }),
    });
    expect(posted.headers.get('access-control-allow-origin')).toBe(shop);

    const refused = await batchQuery(
      ['widget.config', 'widget.config'],
      [{ botKey: shopBotKey }, { botKey: shopBotKey }],
      {
        origin: stranger,
      },
    );
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives no CORS header to a batch that mixes a widget call with an owner call', async () => {
    // A GET batch needs no preflight, so only the answer's headers keep bots.list from the page.
    const mixed = await batchQuery(['widget.config', 'bots.list'], [{ botKey: setup.botKey }, undefined], {
      origin: stranger,
      authorization: `Bearer ${setup.apiKey}`,
    });
    expect(mixed.status).toBe(200);
    expect(mixed.headers.get('access-control-allow-origin')).toBeNull();
    expect(mixed.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('lets any page read the answers of a bot open to all (*)', async () => {
    const answer = await query('widget.config', { botKey: setup.botKey }, { origin: stranger });
    expect(answer.headers.get('access-control-allow-origin')).toBe(stranger);
  });

  it("allows the streamed answer (chat.send over SSE) on the bot's own pages", async () => {
    const controller = new AbortController();
    const stream = await fetch(
      `${setup.server.url}/trpc/chat.send?input=${encodeURIComponent(JSON.stringify({ botKey: shopBotKey, question: 'Hello?' }))}`,
      { headers: { origin: shop, accept: 'text/event-stream' }, signal: controller.signal },
    );
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(stream.headers.get('access-control-allow-origin')).toBe(shop);
    expect(stream.headers.get('access-control-expose-headers')).toMatch(/ratelimit-remaining/);
    expect(stream.headers.get('vary')).toMatch(/\borigin\b/i);
    controller.abort();
    const elsewhere = new AbortController();
    const refused = await fetch(
      `${setup.server.url}/trpc/chat.send?input=${encodeURIComponent(JSON.stringify({ botKey: shopBotKey, question: 'Hello?' }))}`,
      { headers: { origin: stranger, accept: 'text/event-stream' }, signal: elsewhere.signal },
    );
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    elsewhere.abort();
  });

  it('answers preflights for widget procedures only', async () => {
    const widget = await preflight('chat.feedback', stranger);
    expect(widget.status).toBe(204);
    expect(widget.headers.get('access-control-allow-origin')).toBe(stranger);
    expect(widget.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(widget.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    // A streamed batch (trpc-accept: application/jsonl) sends its headers before the bot is checked,
    // so it could never carry the per-bot header: its preflight says so at once.
    expect(widget.headers.get('access-control-allow-headers')).not.toMatch(/trpc-accept/);
    expect(widget.headers.get('vary')).toMatch(/\borigin\b/i);
    expect((await preflight('widget.config,chat.history', stranger)).status).toBe(204);
    for (const path of [
      'bots.update',
      'accounts.keys.create',
      'widget.config,bots.list',
      'no.such.procedure',
      'widget.config%zz',
    ]) {
      const owner = await preflight(path, stranger);
      expect(owner.status, path).toBe(403);
      expect(owner.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(owner.headers.get('access-control-allow-methods'), path).toBeNull();
    }
  });

  it('never gives owner procedures CORS headers, even with a valid key', async () => {
    const answer = await query('bots.list', undefined, {
      origin: stranger,
      authorization: `Bearer ${setup.apiKey}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-expose-headers')).toBeNull();
  });

  it("serves the widget's own files to every site's pages", async () => {
    const stub = await fetch(`${setup.server.url}/widget.js`, { headers: { origin: stranger } });
    expect(stub.headers.get('access-control-allow-origin')).toBe('*');
    const [chunkPath] = (await stub.text()).match(/\.\/widget\/[^"]+\.js/) ?? [];
    const chunk = await fetch(new URL(chunkPath!, `${setup.server.url}/widget.js`), {
      headers: { origin: stranger },
    });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('marks exactly the procedures built on widgetProcedure as widget procedures', () => {
    const marked = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { widget?: boolean } } }>,
    )
      .filter(([, procedure]) => procedure._def.meta?.widget)
      .map(([path]) => path)
      .sort();
    expect(marked).toEqual(['chat.feedback', 'chat.history', 'chat.send', 'widget.config']);
  });
});
