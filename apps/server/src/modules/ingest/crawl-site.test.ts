import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from '../../adapters/browser/http-fetcher.js';
import { type StaticSite, serveStaticSite } from '../../test-support/static-site-server.js';
import { type CrawlEvent, type CrawlOptions, crawlSite } from './crawl-site.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/sites/', import.meta.url));
const haveFixtures = existsSync(fixtures);
const fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });

async function crawl(url: string, options: CrawlOptions = {}) {
  const events: CrawlEvent[] = [];
  for await (const event of crawlSite(url, { concurrency: 4, ...options }, fetcher)) events.push(event);
  const pages = events.filter((event) => event.type === 'page');
  return { events, pages, urls: pages.map((page) => new URL(page.url).pathname) };
}

describe('crawlSite on a small site made here', () => {
  let dir: string;
  let site: StaticSite;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jarvis-site-'));
    const page = (title: string, links: string[], body = `${title} has its own text about ${title}.`) =>
      `<html><head><title>${title}</title></head><body><nav>${links.map((href) => `<a href="${href}">${href}</a>`).join('')}</nav><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
    await mkdir(join(dir, 'docs', 'private'), { recursive: true });
    await writeFile(
      join(dir, 'docs', 'index.html'),
      page('Home', [
        'a.html',
        'b.html?utm_source=x',
        'private/secret.html',
        '/outside.html',
        'copy.html',
        'file.pdf',
        'b.html#part',
      ]),
    );
    await writeFile(join(dir, 'docs', 'a.html'), page('A', ['index.html', 'deep1.html']));
    await writeFile(join(dir, 'docs', 'b.html'), page('B', []));
    await writeFile(join(dir, 'docs', 'copy.html'), page('A', ['index.html']));
    await writeFile(join(dir, 'docs', 'deep1.html'), page('Deep1', ['deep2.html']));
    await writeFile(join(dir, 'docs', 'deep2.html'), page('Deep2', []));
    await writeFile(join(dir, 'docs', 'file.pdf'), '%PDF-1.4');
    await writeFile(join(dir, 'docs', 'private', 'secret.html'), page('Secret', []));
    await writeFile(join(dir, 'outside.html'), page('Outside', []));
    site = await serveStaticSite(dir, {
      '/robots.txt': 'User-agent: *\nDisallow: /docs/private/\n',
      '/docs/to-metadata.html': (_req, res) => {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return true;
      },
    });
  });

  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('follows links in scope once each, honouring robots.txt and skipping duplicates and non-pages', async () => {
    const { urls, events } = await crawl(`${site.url}/docs/`);
    expect(urls.sort()).toEqual([
      '/docs/',
      '/docs/a.html',
      '/docs/b.html',
      '/docs/deep1.html',
      '/docs/deep2.html',
    ]);
    const skipped = events
      .filter((event) => event.type === 'skipped')
      .map((event) => event.type === 'skipped' && event.reason);
    expect(skipped).toContain('disallowed by robots.txt');
    expect(skipped).toContain('same content as another page');
    expect(skipped.some((reason) => String(reason).startsWith('not a page'))).toBe(true);
    expect(events.some((event) => event.type === 'progress')).toBe(true);
  });

  it('stops at the page and depth limits and applies exclude patterns', async () => {
    expect((await crawl(`${site.url}/docs/`, { maxPages: 2 })).pages).toHaveLength(2);
    expect((await crawl(`${site.url}/docs/`, { maxDepth: 1 })).urls).not.toContain('/docs/deep2.html');
    expect((await crawl(`${site.url}/docs/`, { exclude: ['deep*'] })).urls).not.toContain('/docs/deep1.html');
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const { events } = await crawl(`${site.url}/docs/to-metadata.html`);
    const failure = events.find((event) => event.type === 'failed');
    expect(failure?.type === 'failed' && failure.error).toMatch(
      /169\.254\.169\.254 is a private or reserved address/,
    );
  });

  it('refuses loopback when the operator has not allowed it', async () => {
    const strict = createHttpFetcher({ allowHosts: [] });
    const events: CrawlEvent[] = [];
    for await (const event of crawlSite(`${site.url.replace('127.0.0.1', 'localhost')}/docs/`, {}, strict))
      events.push(event);
    const failure = events.find((event) => event.type === 'failed');
    expect(failure?.type === 'failed' && failure.error).toMatch(/private or reserved/);
    await strict.close();
  });

  it('stops promptly when aborted', async () => {
    const controller = new AbortController();
    const events: CrawlEvent[] = [];
    await expect(async () => {
      for await (const event of crawlSite(
        `${site.url}/docs/`,
        { signal: controller.signal, concurrency: 1 },
        fetcher,
      )) {
        events.push(event);
        if (event.type === 'page') controller.abort();
      }
    }).rejects.toThrow();
    expect(events.filter((event) => event.type === 'page')).toHaveLength(1);
  });
});

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

  it('reaches the 68 linked pages of the DRF docs', async () => {
    const { pages } = await crawl(`${drf.url}/`, { maxDepth: 10 });
    expect(pages.length).toBeGreaterThanOrEqual(66);
    expect(pages.length).toBeLessThanOrEqual(68);
  });

  it('crawls the Kinto docs from index.html and reports its broken links', async () => {
    const { pages, events } = await crawl(`${kinto.url}/index.html`, { maxDepth: 10 });
    expect(pages.length).toBeGreaterThan(60);
    expect(events.some((event) => event.type === 'failed' && event.error === 'HTTP 404')).toBe(true);
  });
});
