import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from '../../adapters/browser/http-fetcher.js';
import {
  type RouteHandler,
  type StaticSite,
  serveStaticSite,
} from '../../test-support/static-site-server.js';
import { crawlSite } from './crawl-site.js';
import { createOriginRewriter } from './origin-rewrite.js';
import { readSitemap } from './read-sitemap.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/sites/', import.meta.url));
const haveFixtures = existsSync(fixtures);
const fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });
afterAll(() => fetcher.close());

const urlset = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((url) => `<url><loc> ${url} </loc><lastmod>2026-01-01</lastmod></url>`)
    .join('')}</urlset>`;
/** A route answering with gzipped bytes: a .gz file, or gzip as the Content-Encoding. */
const gzipped =
  (contentType: string, text: string, contentEncoding?: string): RouteHandler =>
  (_request, response) => {
    response
      .writeHead(200, {
        'content-type': contentType,
        ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}),
      })
      .end(gzipSync(text));
    return true;
  };
const index = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((url) => `<sitemap><loc>${url}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

describe('readSitemap', () => {
  let dir: string;
  let site: StaticSite;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jarvis-sitemap-'));
    const base = 'https://docs.example';
    site = await serveStaticSite(dir, {
      routes: {
        '/sitemap.xml': urlset([
          `${base}/a`,
          `${base}/b`,
          `${base}/a`,
          'ftp://docs.example/file',
          `${base}/c?x=1&amp;y=2`,
        ]),
        '/sitemap-index.xml': index([
          '/sitemap-1.xml',
          '/sitemap-2.xml',
          '/sitemap-index.xml',
          '/missing.xml',
        ]),
        '/sitemap-1.xml': urlset([`${base}/one`, `${base}/two`]),
        '/sitemap-2.xml': urlset([`${base}/three`, `${base}/one`]),
        // Production origins throughout, as a mirrored site's sitemaps have them; gzip both ways.
        '/mirror/sitemap-index.xml.gz': gzipped(
          'application/gzip',
          index([`${base}/mirror/pages.xml.gz`, `${base}/mirror/more.xml`]),
        ),
        '/mirror/pages.xml.gz': gzipped('application/x-gzip', urlset([`${base}/p1`, `${base}/p2`])),
        '/mirror/more.xml': gzipped(
          'application/xml',
          urlset([`${base}/p3`, 'https://elsewhere.example/x']),
          'gzip',
        ),
      },
    });
  });

  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the page URLs of a sitemap once each, http(s) only, entities decoded', async () => {
    expect(await readSitemap(`${site.url}/sitemap.xml`, fetcher)).toEqual([
      'https://docs.example/a',
      'https://docs.example/b',
      'https://docs.example/c?x=1&y=2',
    ]);
  });

  it('follows a sitemap index, reading each file once and passing over one that is missing', async () => {
    expect(await readSitemap(`${site.url}/sitemap-index.xml`, fetcher)).toEqual([
      'https://docs.example/one',
      'https://docs.example/two',
      'https://docs.example/three',
    ]);
  });

  it('reads a gzipped sitemap index and gzipped sitemaps, mapping the production origin to the mirror', async () => {
    const rewriteUrl = createOriginRewriter([{ from: 'https://docs.example', to: site.url }]);
    const urls = await readSitemap(`${site.url}/mirror/sitemap-index.xml.gz`, fetcher, { rewriteUrl });
    expect(urls).toEqual([
      `${site.url}/p1`,
      `${site.url}/p2`,
      `${site.url}/p3`,
      'https://elsewhere.example/x',
    ]);
  });

  it('stops at maxUrls', async () => {
    expect(await readSitemap(`${site.url}/sitemap-index.xml`, fetcher, { maxUrls: 2 })).toHaveLength(2);
  });

  it('fails when the sitemap itself cannot be read', async () => {
    await expect(readSitemap(`${site.url}/nope.xml`, fetcher)).rejects.toThrow(
      /HTTP 404 reading the sitemap/,
    );
  });
});

describe.skipIf(!haveFixtures)('readSitemap on the DRF docs (needs ../shared)', () => {
  let drf: StaticSite;

  beforeAll(async () => {
    // The published sitemap names the production origin; served here, it names this server.
    const published = await readFile(join(fixtures, 'drf', 'sitemap.xml'), 'utf8');
    drf = await serveStaticSite(join(fixtures, 'drf'), {
      routes: {
        '/sitemap.xml': (_request, response) => {
          response
            .writeHead(200, { 'content-type': 'application/xml' })
            .end(published.replaceAll('https://www.django-rest-framework.org/', `${drf.url}/`));
          return true;
        },
      },
    });
  });

  afterAll(() => drf?.close());

  it('seeds a crawl with the pages no link reaches', async () => {
    const urls = await readSitemap(`${drf.url}/sitemap.xml`, fetcher);
    expect(urls).toHaveLength(70);
    const pages: string[] = [];
    for await (const event of crawlSite(`${drf.url}/`, { extraStartUrls: urls, maxDepth: 10 }, fetcher)) {
      if (event.type === 'page') pages.push(new URL(event.url).pathname);
    }
    expect(pages).toHaveLength(70);
    expect(pages).toContain('/topics/writable-nested-serializers/');
    expect(pages).toContain('/theme/src/');
  });
});
