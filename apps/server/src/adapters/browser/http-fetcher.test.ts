import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from './http-fetcher.js';

const fetchOptions = { timeoutMs: 5_000, maxBytes: 1_000_000, userAgent: 'JarvisTest/1.0' };

let server: Server;
let base: string;
let port: number;
let endlessBodyClosed: Promise<void>;
let seenUserAgent: string | undefined;
const validatorsSeen: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  let markEndlessClosed: () => void;
  endlessBodyClosed = new Promise((resolve) => {
    markEndlessClosed = resolve;
  });
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/page') {
      seenUserAgent = req.headers['user-agent'];
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Café ☕</h1>');
    } else if (path === '/hop') {
      res.writeHead(302, { location: '/page' }).end();
    } else if (path === '/hop-absolute') {
      res.writeHead(301, { location: `${base}/hop` }).end();
    } else if (path.startsWith('/loop')) {
      res.writeHead(307, { location: `/loop${path.length}` }).end();
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-localhost') {
      res.writeHead(302, { location: `http://localhost:${port}/page` }).end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (path === '/latin1') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
        .end(Buffer.from('caf\xe9', 'latin1'));
    } else if (path === '/meta-charset') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(Buffer.from('<meta charset="windows-1252"><p>na\xefve, \x93quoted\x94, 5 \x80</p>', 'latin1'));
    } else if (path === '/endless') {
      // Writes until the client hangs up: only a fetcher that stops reading lets this end.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
      };
      res.on('drain', pump);
      res.on('close', () => markEndlessClosed());
      pump();
    } else if (path === '/gzipped') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
        .end(gzipSync('<h1>Squeezed</h1>'));
    } else if (path === '/sitemap.xml.gz') {
      res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync('<urlset></urlset>'));
    } else if (path === '/bomb') {
      res
        .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(5_000_000, 'a')));
    } else if (path === '/versioned' || path === '/to-versioned') {
      validatorsSeen.push({
        path,
        ifNoneMatch: req.headers['if-none-match'],
        ifModifiedSince: req.headers['if-modified-since'],
      });
      if (path === '/to-versioned') res.writeHead(302, { location: '/versioned' }).end();
      else if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else
        res
          .writeHead(200, {
            'content-type': 'text/html',
            etag: '"v1"',
            'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT',
          })
          .end('<h1>Version 1</h1>');
    } else if (path === '/slow') {
      setTimeout(() => res.end('too late'), 10_000).unref();
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createHttpFetcher', () => {
  const fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });
  afterAll(() => fetcher.close());

  it('returns the page with its status, content type and UTF-8 text, sending the user agent', async () => {
    const page = await fetcher.fetchPage(`${base}/page`, fetchOptions);
    expect(page).toEqual({
      url: `${base}/page`,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<h1>Café ☕</h1>',
      bytes: Buffer.from('<h1>Café ☕</h1>'),
      truncated: false,
    });
    expect(seenUserAgent).toBe('JarvisTest/1.0');
  });

  it('follows relative and absolute redirects and reports the final URL', async () => {
    const page = await fetcher.fetchPage(`${base}/hop-absolute`, fetchOptions);
    expect(page.url).toBe(`${base}/page`);
    expect(page.body).toContain('Café');
  });

  it('gives up after five redirects', async () => {
    await expect(fetcher.fetchPage(`${base}/loop`, fetchOptions)).rejects.toThrow(/More than 5 redirects/);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    await expect(fetcher.fetchPage(`${base}/to-metadata`, fetchOptions)).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
      message: expect.stringContaining('169.254.169.254'),
    });
  });

  it('refuses a redirect to a name that resolves to loopback when only 127.0.0.1 is allowed', async () => {
    await expect(fetcher.fetchPage(`${base}/to-localhost`, fetchOptions)).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
      message: expect.stringMatching(/localhost resolves to/),
    });
  });

  it('refuses a redirect to another scheme', async () => {
    await expect(fetcher.fetchPage(`${base}/to-file`, fetchOptions)).rejects.toThrow(/Only http and https/);
  });

  it('returns error statuses instead of throwing', async () => {
    const page = await fetcher.fetchPage(`${base}/missing`, fetchOptions);
    expect(page.status).toBe(404);
    expect(page.body).toContain('Not found');
  });

  it('decodes the charset named by the header or by a meta tag, windows-1252 quotes and euro sign included', async () => {
    expect((await fetcher.fetchPage(`${base}/latin1`, fetchOptions)).body).toBe('café');
    expect((await fetcher.fetchPage(`${base}/meta-charset`, fetchOptions)).body).toContain(
      'naïve, “quoted”, 5 €',
    );
  });

  it('cuts the body at maxBytes and hangs up instead of downloading the rest', async () => {
    const page = await fetcher.fetchPage(`${base}/endless`, { ...fetchOptions, maxBytes: 100_000 });
    expect(page.body).toHaveLength(100_000);
    expect(page.truncated).toBe(true);
    await endlessBodyClosed;
  });

  it('decompresses a gzip Content-Encoding and a gzip file such as sitemap.xml.gz', async () => {
    expect((await fetcher.fetchPage(`${base}/gzipped`, fetchOptions)).body).toBe('<h1>Squeezed</h1>');
    expect((await fetcher.fetchPage(`${base}/sitemap.xml.gz`, fetchOptions)).body).toBe('<urlset></urlset>');
  });

  it('cuts a compressed body at maxBytes once unpacked, so a gzip bomb stays small', async () => {
    const page = await fetcher.fetchPage(`${base}/bomb`, { ...fetchOptions, maxBytes: 100_000 });
    expect(page.body).toHaveLength(100_000);
  });

  it('returns ETag and Last-Modified, sends validators on the first hop only, and passes a 304 on', async () => {
    const first = await fetcher.fetchPage(`${base}/versioned`, fetchOptions);
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' });
    const validators = { 'if-none-match': '"v1"', 'if-modified-since': first.lastModified! };
    const again = await fetcher.fetchPage(`${base}/versioned`, { ...fetchOptions, headers: validators });
    expect(again).toMatchObject({ status: 304, body: '' });
    validatorsSeen.length = 0;
    const redirected = await fetcher.fetchPage(`${base}/to-versioned`, {
      ...fetchOptions,
      headers: validators,
    });
    expect(redirected.status).toBe(200);
    expect(validatorsSeen).toEqual([
      { path: '/to-versioned', ifNoneMatch: '"v1"', ifModifiedSince: first.lastModified },
      { path: '/versioned', ifNoneMatch: undefined, ifModifiedSince: undefined },
    ]);
  });

  it('times out with a message naming the URL', async () => {
    await expect(fetcher.fetchPage(`${base}/slow`, { ...fetchOptions, timeoutMs: 200 })).rejects.toThrow(
      /Timed out after 200 ms fetching .*\/slow/,
    );
  });

  it("stops when the caller's signal aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const pending = fetcher.fetchPage(`${base}/slow`, { ...fetchOptions, signal: controller.signal });
    controller.abort(new Error('stopped by the user'));
    await expect(pending).rejects.toThrow('stopped by the user');
  });

  it('refuses loopback entirely when no host is allowed', async () => {
    const strict = createHttpFetcher({ allowHosts: [] });
    await expect(strict.fetchPage(`${base}/page`, fetchOptions)).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
    });
    await strict.close();
  });
});
