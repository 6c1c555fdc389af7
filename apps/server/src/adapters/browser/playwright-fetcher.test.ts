import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaywrightFetcher } from './playwright-fetcher.js';

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const fetchOptions = { timeoutMs: 15_000, maxBytes: 1_000_000, userAgent: 'JarvisTest/1.0' };

if (!haveChromium) {
  console.warn(`Skipping the Playwright fetcher tests: no Chromium at ${chromiumPath} (set CHROME_PATH).`);
}

describe.skipIf(!haveChromium)(`createPlaywrightFetcher (needs Chromium at ${chromiumPath})`, () => {
  let server: Server;
  let base: string;
  let port: number;
  const hits = new Map<string, number>();
  const fetcher = createPlaywrightFetcher({ executablePath: chromiumPath, allowHosts: ['127.0.0.1'] });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const html = (body: string) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (path === '/app') {
        html(`<!doctype html><title>App</title><div id="root"></div><img src="/photo.png">
<script>
  fetch('/api/answer').then((r) => r.text()).then((text) => {
    document.getElementById('root').innerHTML = '<h1>Rendered by JavaScript</h1><p>' + text + '</p>';
  });
</script>`);
      } else if (path === '/api/answer') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('The answer is 42.'), 100);
      } else if (path === '/leaky') {
        html(`<!doctype html><div id="out">waiting</div>
<script>
  fetch('/bounce').then((r) => r.text(), () => 'request failed')
    .then((text) => { document.getElementById('out').textContent = text; });
</script>`);
      } else if (path === '/bounce') {
        res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
      } else if (path === '/secret') {
        res.writeHead(200, { 'access-control-allow-origin': '*' }).end('TOP SECRET');
      } else if (path === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (path.startsWith('/tab')) {
        // window.name lives as long as the tab: it tells whether a page was rendered in a fresh one.
        html(`<!doctype html><div id="tab"></div>
<script>
  if (!window.name) window.name = 'tab-' + Math.random().toString(36).slice(2);
  document.getElementById('tab').textContent = window.name;
</script>`);
      } else if (path === '/hang') {
        // Never answers: only an abort or the timeout ends the fetch.
      } else {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await fetcher.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the HTML that JavaScript wrote, without loading images', async () => {
    const page = await fetcher.fetchPage(`${base}/app`, fetchOptions);
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${base}/app`);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Rendered by JavaScript</h1><p>The answer is 42.</p>');
    expect(hits.get('/photo.png')).toBeUndefined();
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    await expect(fetcher.fetchPage(`${base}/to-metadata`, fetchOptions)).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
      message: expect.stringContaining('169.254.169.254'),
    });
  });

  it('refuses a name that resolves to loopback when only 127.0.0.1 is allowed', async () => {
    await expect(fetcher.fetchPage(`http://localhost:${port}/app`, fetchOptions)).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
      message: expect.stringMatching(/localhost resolves to/),
    });
  });

  it("stops a script's request that a redirect sends to a forbidden host", async () => {
    const page = await fetcher.fetchPage(`${base}/leaky`, fetchOptions);
    expect(hits.get('/bounce')).toBe(1);
    expect(hits.get('/secret')).toBeUndefined();
    expect(page.body).toContain('request failed');
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by the user')), 300);
    await expect(
      fetcher.fetchPage(`${base}/hang`, { ...fetchOptions, signal: controller.signal }),
    ).rejects.toThrow('stopped by the user');
  });

  it('gives up at the timeout', async () => {
    await expect(fetcher.fetchPage(`${base}/hang`, { ...fetchOptions, timeoutMs: 500 })).rejects.toThrow(
      /Timeout 500ms exceeded/,
    );
  });

  it("renders a site's next page in the tab the last one used, but never in a tab that failed", async () => {
    const tabOf = async (path: string) =>
      /id="tab">([^<]+)</.exec((await fetcher.fetchPage(`${base}${path}`, fetchOptions)).body)?.[1];
    const first = await tabOf('/tab?page=1');
    expect(first).toMatch(/^tab-/);
    expect(await tabOf('/tab?page=2')).toBe(first);
    await expect(fetcher.fetchPage(`${base}/hang`, { ...fetchOptions, timeoutMs: 500 })).rejects.toThrow();
    const afterFailure = await tabOf('/tab?page=3');
    expect(afterFailure).toMatch(/^tab-/);
    expect(afterFailure).not.toBe(first);
  });
});
