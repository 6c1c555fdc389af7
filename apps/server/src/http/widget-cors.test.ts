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
    expect(allowed.headers.get('cache-control')).toBe('no-store');

    const refused = await query('widget.config', { botKey: shopBotKey }, { origin: stranger });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
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
    for (const path of [
      'bots.update',
      'accounts.keys.create',
      'widget.config,bots.list',
      'no.such.procedure',
    ]) {
      const owner = await preflight(path, stranger);
      expect(owner.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('never gives owner procedures CORS headers, even with a valid key', async () => {
    const answer = await query('bots.list', undefined, {
      origin: stranger,
      authorization: `Bearer ${setup.apiKey}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
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
