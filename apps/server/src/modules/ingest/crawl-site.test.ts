import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from '../../adapters/browser/http-fetcher.js';
import { createPlaywrightFetcher } from '../../adapters/browser/playwright-fetcher.js';
import type { PageFetcher } from '../../adapters/browser/port.js';
import { type StaticSite, serveStaticSite } from '../../test-support/static-site-server.js';
import { type CrawlEvent, type CrawlOptions, crawlSite } from './crawl-site.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/sites/', import.meta.url));
const haveFixtures = existsSync(fixtures);
if (!haveFixtures) console.warn('Skipping crawls of the fixture sites: ../shared/fixtures is absent.');
const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });
afterAll(() => fetcher.close());

async function crawl(url: string, options: CrawlOptions = {}, using: PageFetcher = fetcher) {
  const events: CrawlEvent[] = [];
  for await (const event of crawlSite(url, options, using)) events.push(event);
  const pages = events.flatMap((event) => (event.type === 'page' ? [event] : []));
  const skipped = events.flatMap((event) => (event.type === 'skipped' ? [event] : []));
  const failed = events.flatMap((event) => (event.type === 'failed' ? [event] : []));
  return { events, pages, skipped, failed, paths: pages.map((page) => new URL(page.url).pathname).sort() };
}

const html = (title: string, links: string[], extra = '') =>
  `<html><head><title>${title}</title>${extra}</head><body><nav>${links
    .map((href) => `<a href="${href}">${href}</a>`)
    .join(
      ' ',
    )}</nav><main><h1>${title}</h1><p>${title} has its own text about ${title}.</p></main></body></html>`;

describe('crawlSite on a small site made here', () => {
  let dir: string;
  let site: StaticSite;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jarvis-site-'));
    await mkdir(join(dir, 'docs', 'private'), { recursive: true });
    const pages: Record<string, string> = {
      'docs/index.html': html('Home', [
        'a.html',
        'b.html?utm_source=x&utm_medium=y',
        'b.html#part',
        './index.html',
        'private/secret.html',
        '/outside.html',
        'copy.html',
        'file.pdf',
        'notes.txt',
        'print-a.html',
        'missing.html',
      ]),
      'docs/a.html': html('A', ['index.html', 'deep1.html']),
      'docs/b.html': html('B', ['b.html?utm_campaign=z']),
      'docs/copy.html': html('A', ['index.html']),
      'docs/print-a.html': html('A (print)', [], '<link rel="canonical" href="/docs/a.html">'),
      'docs/deep1.html': html('Deep1', ['deep2.html']),
      'docs/deep2.html': html('Deep2', []),
      'docs/file.pdf': '%PDF-1.4',
      'docs/notes.txt': 'Plain notes.',
      'docs/private/secret.html': html('Secret', []),
      'outside.html': html('Outside', []),
    };
    for (const [path, body] of Object.entries(pages)) await writeFile(join(dir, path), body);
    site = await serveStaticSite(dir, {
      robotsTxt: 'User-agent: *\nDisallow: /docs/private/\n',
      routes: {
        '/docs/to-metadata.html': (_request, response) => {
          response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return true;
        },
      },
    });
  });

  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('follows links in scope once each and says why it skipped the rest', async () => {
    const { paths, skipped, failed, events } = await crawl(`${site.url}/docs/`, { concurrency: 1 });
    expect(paths).toEqual(['/docs/', '/docs/a.html', '/docs/b.html', '/docs/deep1.html', '/docs/deep2.html']);
    expect(skipped.map((event) => [new URL(event.url).pathname, event.reason]).sort()).toEqual([
      ['/docs/copy.html', `same content as ${site.url}/docs/a.html`],
      ['/docs/notes.txt', 'not HTML (text/plain)'],
      ['/docs/print-a.html', `duplicate of its canonical URL ${site.url}/docs/a.html`],
      ['/docs/private/secret.html', 'blocked by robots.txt'],
    ]);
    expect(failed.map((event) => [new URL(event.url).pathname, event.error]).sort()).toEqual([
      [
        '/docs/file.pdf',
        expect.stringMatching(/^file\.pdf: The PDF could not be read .*damaged or incomplete\.$/),
      ],
      ['/docs/missing.html', '404 Not Found'],
    ]);
    expect(events.at(-1)).toEqual({ type: 'progress', discovered: 11, fetched: 10, queued: 0 });
  });

  it('normalises URLs: fragments, tracking parameters and index.html fetch a page once', () => {
    const requested = site.requests.filter(
      (path) => path.startsWith('/docs/b.html') || path.startsWith('/docs/index'),
    );
    expect(requested).toEqual(['/docs/b.html']);
  });

  it('fetches robots.txt once per crawl and never what it disallows', async () => {
    site.requests.length = 0;
    await crawl(`${site.url}/docs/`);
    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(site.requests).not.toContain('/docs/private/secret.html');
  });

  // One page at a time where the result depends on which duplicate (a.html or copy.html) is seen first.
  it('stops at the page limit and the depth limit', async () => {
    expect((await crawl(`${site.url}/docs/`, { maxPages: 2 })).pages).toHaveLength(2);
    const shallow = await crawl(`${site.url}/docs/`, { maxDepth: 1, concurrency: 1 });
    expect(shallow.paths).toContain('/docs/a.html');
    expect(shallow.paths).not.toContain('/docs/deep1.html');
  });

  it('applies include and exclude patterns', async () => {
    expect((await crawl(`${site.url}/docs/`, { exclude: ['deep*'], concurrency: 1 })).paths).toEqual([
      '/docs/',
      '/docs/a.html',
      '/docs/b.html',
    ]);
    expect(
      (await crawl(`${site.url}/docs/`, { include: ['/docs/a.html', 'deep'], concurrency: 1 })).paths,
    ).toEqual(['/docs/', '/docs/a.html', '/docs/deep1.html', '/docs/deep2.html']);
  });

  it('leaves the start folder only when sameOriginOnly is off', async () => {
    expect((await crawl(`${site.url}/docs/`)).paths).not.toContain('/outside.html');
    expect((await crawl(`${site.url}/docs/`, { sameOriginOnly: false })).paths).toContain('/outside.html');
  });

  it('reads a plain-text start URL as it is', async () => {
    const { pages } = await crawl(`${site.url}/docs/notes.txt`);
    expect(pages.map((page) => [page.title, page.markdown])).toEqual([['notes.txt', 'Plain notes.']]);
  });

  it('spaces requests to one host by delayMs', async () => {
    site.requests.length = 0;
    const started = Date.now();
    await crawl(`${site.url}/docs/`, { delayMs: 50, maxPages: 3, concurrency: 4 });
    // robots.txt plus at least three pages, each 50 ms after the one before.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('refuses a redirect to the cloud metadata address even with 127.0.0.1 allowed', async () => {
    const { failed, pages } = await crawl(`${site.url}/docs/to-metadata.html`);
    expect(pages).toEqual([]);
    expect(failed).toEqual([
      {
        type: 'failed',
        url: `${site.url}/docs/to-metadata.html`,
        error: expect.stringMatching(/^169\.254\.169\.254 is a private or reserved address/),
      },
    ]);
  });

  it('refuses loopback when the operator has not allowed it', async () => {
    const strict = createHttpFetcher({ allowHosts: [] });
    const { skipped, pages } = await crawl(`${site.url.replace('127.0.0.1', 'localhost')}/docs/`, {}, strict);
    await strict.close();
    expect(pages).toEqual([]);
    expect(skipped[0]?.reason).toMatch(
      /robots\.txt could not be read \(localhost resolves to .* private or reserved/,
    );
  });

  it('stops promptly when aborted, throwing the reason', async () => {
    const controller = new AbortController();
    const events: CrawlEvent[] = [];
    const run = async () => {
      for await (const event of crawlSite(
        `${site.url}/docs/`,
        { signal: controller.signal, concurrency: 1 },
        fetcher,
      )) {
        events.push(event);
        if (event.type === 'page') controller.abort(new Error('stopped by the user'));
      }
    };
    await expect(run()).rejects.toThrow('stopped by the user');
    expect(events.filter((event) => event.type === 'page')).toHaveLength(1);
  });

  it('reports robots.txt that the server cannot serve, and fetches nothing else', async () => {
    const down = await serveStaticSite(dir, {
      routes: {
        '/robots.txt': (_request, response) => {
          response.writeHead(503).end();
          return true;
        },
      },
    });
    const { skipped, pages } = await crawl(`${down.url}/docs/`);
    expect(pages).toEqual([]);
    expect(skipped).toEqual([
      { type: 'skipped', url: `${down.url}/docs/`, reason: 'robots.txt is unavailable (HTTP 503)' },
    ]);
    expect(down.requests).toEqual(['/robots.txt']);
    await down.close();
  });
});

describe.skipIf(!existsSync(chromiumPath))(
  `crawlSite with a renderer (needs Chromium at ${chromiumPath})`,
  () => {
    it('renders an app-shell page in the browser and keeps what JavaScript wrote', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'jarvis-app-'));
      await writeFile(
        join(dir, 'index.html'),
        `<html><head><title>App</title></head><body><div id="root"></div><script>
document.getElementById('root').innerHTML = '<main><h1>Pricing</h1><p>' + 'The team plan costs 20 euros a month per seat. '.repeat(5) + '</p></main>';
</script></body></html>`,
      );
      const site = await serveStaticSite(dir);
      const renderer = createPlaywrightFetcher({ executablePath: chromiumPath, allowHosts: ['127.0.0.1'] });
      try {
        const plain = await crawl(`${site.url}/`);
        expect(plain.pages).toEqual([]);
        const rendered = await crawl(`${site.url}/`, { renderer });
        expect(rendered.pages[0]?.title).toBe('Pricing');
        expect(rendered.pages[0]?.markdown).toContain('The team plan costs 20 euros a month per seat.');
      } finally {
        await renderer.close();
        await site.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);

describe.skipIf(!haveFixtures)('crawlSite on the real fixture sites (needs ../shared)', () => {
  let drf: StaticSite;
  let kinto: StaticSite;

  beforeAll(async () => {
    drf = await serveStaticSite(join(fixtures, 'drf'));
    kinto = await serveStaticSite(join(fixtures, 'kinto'));
  });

  afterAll(async () => {
    await drf?.close();
    await kinto?.close();
  });

  it('reaches the 68 linked pages of the DRF docs from /', async () => {
    const { pages, failed } = await crawl(`${drf.url}/`, { maxDepth: 10 });
    expect(pages).toHaveLength(68);
    expect(failed).toEqual([]);
    expect(pages.map((page) => new URL(page.url).pathname)).toContain('/api-guide/serializers/');
    expect(pages.every((page) => page.markdown.startsWith(`# ${page.title}`))).toBe(true);
  });

  it('reaches the 59 linked pages of the Kinto docs from /index.html and reports its 4 broken links', async () => {
    const { pages, failed, skipped } = await crawl(`${kinto.url}/index.html`, { maxDepth: 10 });
    // 77 HTML files: 14 are include fragments (api/1.x/_details-*, _status-*) and 4 index pages no
    // link reaches (genindex, search, py-modindex, http-routingtable).
    expect(pages).toHaveLength(59);
    expect(failed).toHaveLength(4);
    expect(failed.every((event) => event.error === '404 Not Found')).toBe(true);
    // "View page source" links to the reST sources; they would duplicate the rendered pages.
    expect(skipped.filter((event) => event.reason === 'not HTML (text/plain)').length).toBeGreaterThan(40);
  });

  it('honours maxPages and exclude on a real site', async () => {
    expect((await crawl(`${drf.url}/`, { maxPages: 10 })).pages).toHaveLength(10);
    const { pages } = await crawl(`${drf.url}/`, { exclude: ['/community/'], maxDepth: 10 });
    expect(pages.length).toBeLessThan(68);
    expect(pages.some((page) => page.url.includes('/community/'))).toBe(false);
  });

  it('honours a robots.txt Disallow on a real site', async () => {
    const guarded = await serveStaticSite(join(fixtures, 'drf'), {
      robotsTxt: 'User-agent: *\nDisallow: /api-guide/\n',
    });
    try {
      const { pages, skipped } = await crawl(`${guarded.url}/`, { maxDepth: 10 });
      expect(pages.some((page) => page.url.includes('/api-guide/'))).toBe(false);
      expect(skipped.some((event) => event.reason === 'blocked by robots.txt')).toBe(true);
      expect(guarded.requests.some((path) => path.startsWith('/api-guide/'))).toBe(false);
    } finally {
      await guarded.close();
    }
  });
});
