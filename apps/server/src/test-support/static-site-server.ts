import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
};

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Serves a folder on 127.0.0.1 like any static host (index.html for folders, 404 for the rest),
 * with optional routes first, for tests and benchmarks of the crawler.
 */
export async function serveStaticSite(
  folder: string,
  routes: Record<string, RouteHandler | string> = {},
): Promise<StaticSite> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = routes[path];
    if (typeof route === 'string') {
      res.writeHead(200, { 'content-type': contentTypes[extname(path)] ?? 'text/plain' }).end(route);
      return;
    }
    if (route?.(req, res)) return;
    let file = join(folder, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
