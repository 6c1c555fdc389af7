import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from '../../adapters/browser/http-fetcher.js';
import type { PageFetcher } from '../../adapters/browser/port.js';
import {
  type RouteHandler,
  type StaticSite,
  serveStaticSite,
} from '../../test-support/static-site-server.js';
import { type CrawlEvent, type CrawlOptions, crawlSite } from './crawl-site.js';

const page = (title: string, body: string, links: string[] = []) =>
  `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>${links
    .map((href) => `<a href="${href}">${href}</a>`)
    .join(' ')}</main></body></html>`;

/** Serves an HTML page at a path without an extension (the static server types those as text). */
const html =
  (body: string): RouteHandler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    return true;
  };

let dir: string;
let site: StaticSite;
let tls: { url: string; close(): Promise<void> };
let fetcher: PageFetcher;

/**
 * A calendar whose every month links to the next: the classic crawler trap. A hundred years of it
 * is as good as endless for a crawler that must stop long before.
 */
function calendar(): Record<string, RouteHandler> {
  const months: Record<string, RouteHandler> = {};
  for (let index = 0; index < 1200; index += 1) {
    const name = (offset: number) =>
      `${2026 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}`;
    months[`/calendar/${name(index)}`] = html(
      page(`Events in ${name(index)}`, `Nothing planned in ${name(index)}.`, [name(index + 1)]),
    );
  }
  return months;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-bad-input-'));
  const handbook = await readFile(new URL('./test-fixtures/handbook.pdf', import.meta.url));
  site = await serveStaticSite(dir, {
    routes: {
      ...calendar(),
      '/': html(
        page('Home', 'Welcome to the shop.', [
          'loop',
          'huge.html',
          'calendar/2026-01',
          'latin1.html',
          'report.pdf',
          'handbook.pdf',
          'about.html',
        ]),
      ),
      '/about.html': page('About', 'Our office is in Lyon, next to the station.'),
      '/loop': (_request, response) => {
        response.writeHead(302, { location: '/loop' }).end();
        return true;
      },
      '/huge.html': (_request, response) => {
        // 10 MB of HTML, written as fast as the crawler reads it.
        response.writeHead(200, { 'content-type': 'text/html' });
        const block = `<p>${'All work and no play. '.repeat(40)}</p>\n`;
        let sent = 0;
        const write = () => {
          while (sent < 10_000_000) {
            sent += block.length;
            if (!response.write(block)) return void response.once('drain', write);
          }
          response.end();
        };
        write();
        return true;
      },
      '/latin1.html': (_request, response) => {
        // No charset anywhere: the bytes are windows-1252, as on many old sites.
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            Buffer.from(page('Menu', 'Cr\xe8me br\xfbl\xe9e \x96 5 \x80, served \x93warm\x94.'), 'latin1'),
          );
        return true;
      },
      '/report.pdf': (_request, response) => {
        // A "PDF" link that answers with the sign-in page, as document portals do.
        response
          .writeHead(200, { 'content-type': 'application/pdf' })
          .end(page('Sign in', 'Please sign in to download the annual report.'));
        return true;
      },
      '/handbook.pdf': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/pdf' }).end(handbook);
        return true;
      },
    },
  });
  tls = await startSelfSignedHttpsServer(dir);
  fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });
});

afterAll(async () => {
  await fetcher?.close();
  await site?.close();
  await tls?.close();
  await rm(dir, { recursive: true, force: true });
});

async function crawl(start: string, options: CrawlOptions = {}) {
  const events: CrawlEvent[] = [];
  for await (const event of crawlSite(start, { concurrency: 2, timeoutMs: 5000, ...options }, fetcher)) {
    if (event.type !== 'progress') events.push(event);
  }
  const path = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.hash;
  };
  return {
    events,
    pages: events.flatMap((event) => (event.type === 'page' ? [event] : [])),
    pagePaths: events.flatMap((event) => (event.type === 'page' ? [path(event.url)] : [])),
    problems: Object.fromEntries(
      events.flatMap((event) =>
        event.type === 'failed'
          ? [[path(event.url), event.error]]
          : event.type === 'skipped'
            ? [[path(event.url), event.reason]]
            : [],
      ),
    ),
  };
}

describe('crawling bad input', () => {
  it('reports each bad page and keeps crawling the good ones', async () => {
    const { pagePaths, problems } = await crawl(`${site.url}/`, { maxDepth: 1 });
    expect(pagePaths.sort()).toEqual([
      '/',
      '/about.html',
      '/calendar/2026-01',
      '/handbook.pdf#page=1',
      '/handbook.pdf#page=2',
      '/latin1.html',
      '/report.pdf',
    ]);
    expect(problems).toEqual({
      '/loop': `More than 5 redirects from ${site.url}/loop`,
      '/huge.html': 'larger than the 5 MB limit per page; not read',
    });
  });

  it('reads a linked PDF page by page, each page citable at #page=N', async () => {
    const { pages } = await crawl(`${site.url}/`, { maxDepth: 1 });
    const handbook = pages.filter((event) => event.url.includes('handbook.pdf'));
    expect(handbook.map(({ url, title }) => ({ url, title }))).toEqual([
      { url: `${site.url}/handbook.pdf#page=1`, title: 'Staff handbook, page 1' },
      { url: `${site.url}/handbook.pdf#page=2`, title: 'Staff handbook, page 2' },
    ]);
    expect(handbook[1]!.markdown).toContain('refunded within 14 days');
  });

  it('reads a "PDF" that is really an HTML page as that page', async () => {
    const { pages } = await crawl(`${site.url}/report.pdf`);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ title: 'Sign in' });
    expect(pages[0]!.markdown).toContain('Please sign in to download the annual report.');
  });

  it('decodes a windows-1252 page that declares no charset', async () => {
    const { pages } = await crawl(`${site.url}/latin1.html`);
    expect(pages[0]!.markdown).toContain('Crème brûlée – 5 €, served “warm”.');
  });

  it('stops a calendar trap at the depth limit, and at the page limit when depth allows more', async () => {
    const byDepth = await crawl(`${site.url}/calendar/2026-01`, { maxDepth: 5 });
    expect(byDepth.pagePaths).toEqual([
      '/calendar/2026-01',
      '/calendar/2026-02',
      '/calendar/2026-03',
      '/calendar/2026-04',
      '/calendar/2026-05',
      '/calendar/2026-06',
    ]);
    const byPages = await crawl(`${site.url}/calendar/2026-01`, { maxDepth: 20, maxPages: 8 });
    expect(byPages.pagePaths).toHaveLength(8);
    expect(byPages.pagePaths.at(-1)).toBe('/calendar/2026-08');
  });

  it('reports a host that refuses connections', async () => {
    const port = await closedPort();
    const { pagePaths, problems } = await crawl(`http://127.0.0.1:${port}/`);
    expect(pagePaths).toEqual([]);
    expect(problems['/']).toMatch(/^robots\.txt could not be read \(.*ECONNREFUSED/);
  });

  it('reports a TLS certificate the crawler cannot trust', async () => {
    const { pagePaths, problems } = await crawl(`${tls.url}/`);
    expect(pagePaths).toEqual([]);
    expect(problems['/']).toMatch(/^robots\.txt could not be read \(.*self-signed certificate/);
  });

  it('refuses a URL on a private address', async () => {
    const { pagePaths, problems } = await crawl('http://10.20.30.40/intranet/');
    expect(pagePaths).toEqual([]);
    expect(problems['/intranet/']).toMatch(/10\.20\.30\.40.*private or reserved/);
  });
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An HTTPS server on 127.0.0.1 with a certificate made just now and signed by itself. */
async function startSelfSignedHttpsServer(folder: string) {
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const server = createHttpsServer(
    { key: await readFile(key), cert: await readFile(cert) },
    (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(page('Secure', 'Never seen.')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
