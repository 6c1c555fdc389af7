import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../adapters/browser/playwright-fetcher.js';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);

describe.skipIf(!haveChromium)('demo page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(loadConfig({ PORT: '0' }), { inMemory: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks the demo bot a question and shows a streamed answer with a source link', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${server.url}/`);

    const widget = page.locator('jarvis-chat');
    await expect.poll(() => widget.getByText('read Jarvis').count()).toBeGreaterThan(0);
    const input = widget.getByRole('textbox');
    await input.fill('How do I add the widget to my site?');
    await input.press('Enter');

    // Streaming: the answer grows over several renders before the sources appear.
    const answer = widget.locator('[part~="message"][data-role="assistant"]').last();
    await expect
      .poll(() => answer.locator('a[href*="/demo-docs/"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const text = await answer.textContent();
    expect(text).toMatch(/script|widget/i);
    const href = await answer.locator('a[href*="/demo-docs/"]').first().getAttribute('href');
    expect(href).toContain('/demo-docs/embedding-the-widget.md');
    // From this page, the same question arrives as a stream of many text deltas over SSE, not one message.
    // (The widget's own tests show it rendering deltas as they arrive.)
    const deltas = await page.evaluate(async (botKey) => {
      const input = encodeURIComponent(
        JSON.stringify({ botKey, question: 'How do I add the widget to my site?' }),
      );
      const body = await (
        await fetch(`/trpc/chat.send?input=${input}`, { headers: { accept: 'text/event-stream' } })
      ).text();
      return body.match(/"type":"text-delta"/g)?.length ?? 0;
    }, server.demoBotKey!);
    expect(deltas).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await page.close();
  });
});
