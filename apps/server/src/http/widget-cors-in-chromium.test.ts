import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../adapters/browser/playwright-fetcher.js';
import { createBot, ensureLocalWorkspace } from '../modules/bots/bot-service.js';
import { type ServerWithBot, startServerWithBot } from '../test-support/server-with-bot.js';

// The same rules as widget-cors.test.ts, enforced by a real browser: the widget on a page whose origin
// the bot allows works, and another site's page can read neither the widget's answers nor the owner API.

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** A site on its own origin whose one page carries the widget for `botKey`. */
async function startSite(jarvisUrl: () => string, botKey: () => string) {
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Shop</title>
<script type="module" src="${jarvisUrl()}/widget.js"></script>
<jarvis-chat bot="${botKey()}" api="${jarvisUrl()}"></jarvis-chat>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!existsSync(chromiumPath))('widget CORS in Chromium', () => {
  let setup: ServerWithBot;
  let browser: Browser;
  let shopBotKey = '';
  const sites: Awaited<ReturnType<typeof startSite>>[] = [];

  beforeAll(async () => {
    setup = await startServerWithBot({ LOG_LEVEL: 'error' }, { slug: 'open', name: 'Open to all' });
    const jarvisUrl = () => setup.server.url;
    sites.push(await startSite(jarvisUrl, () => shopBotKey), await startSite(jarvisUrl, () => shopBotKey));
    const orm = setup.server.jarvis.database.orm;
    const bot = await createBot(orm, {
      workspaceId: await ensureLocalWorkspace(orm),
      slug: 'shop',
      name: 'Shop',
      allowedOrigins: [sites[0]!.url],
    });
    shopBotKey = bot.publishableKey;
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    for (const site of sites) await site.close();
    await setup?.server.close();
  });

  /** Runs fetch in the page; resolves to the answer's status and body, or 'blocked' when CORS hid it. */
  function fetchFrom(page: Page, url: string, init: RequestInit = {}) {
    return page.evaluate(
      async ([url, init]) => {
        try {
          const response = await fetch(url, init);
          return { status: response.status, body: await response.text() };
        } catch {
          return 'blocked' as const;
        }
      },
      [url, init] as const,
    );
  }

  it("answers the widget on a page of the bot's allowed origin, preflighted calls included", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(sites[0]!.url);

    const widget = page.locator('jarvis-chat');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    const input = widget.getByRole('textbox');
    await input.fill('What do you sell?');
    await input.press('Enter');
    const answer = widget.locator('[part~="message"][data-role="assistant"]').last();
    // The bot has no sources, so the server's answer, streamed over SSE, is its "not found" reply.
    await expect.poll(() => answer.textContent()).toMatch(/couldn't find that on this site/);

    // A JSON POST is preflighted; the preflight and the answer both pass the browser's check.
    const feedback = await fetchFrom(page, `${setup.server.url}/trpc/chat.feedback?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        0: { botKey: shopBotKey, messageId: '00000000-0000-4000-8000-000000000000', rating: 'up' },
      }),
    });
    expect(feedback).not.toBe('blocked');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hides the widget's answers from another site's page, and the owner API from every page", async () => {
    const page = await browser.newPage();
    await page.goto(sites[1]!.url);
    const config = `${setup.server.url}/trpc/widget.config?input=${encodeURIComponent(JSON.stringify({ botKey: shopBotKey }))}`;
    expect(await fetchFrom(page, config)).toBe('blocked');

    const ownerCall = { headers: { authorization: `Bearer ${setup.apiKey}` } };
    expect(await fetchFrom(page, `${setup.server.url}/trpc/bots.list`, ownerCall)).toBe('blocked');
    // Even next to a widget call of a bot open to all, in one batch that needs no preflight.
    const batch = `${setup.server.url}/trpc/widget.config,bots.list?batch=1&input=${encodeURIComponent(
      JSON.stringify({ 0: { botKey: setup.botKey } }),
    )}`;
    expect(await fetchFrom(page, batch)).toBe('blocked');
    await page.close();
  });
});
