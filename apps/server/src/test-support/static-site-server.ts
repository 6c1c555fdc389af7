import { createReadStream, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.gz': 'application/gzip',
};

export interface StaticSite {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Paths requested so far, in order, for tests that check what was (not) fetched. */
  requests: string[];
  /** Paths answered 304 Not Modified (with `conditional`), in order. */
  notModified: string[];
  close(): Promise<void>;
}

/** Answers a request itself (return true) or lets the folder serve it (return false). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface StaticSiteOptions {
  /** Served as /robots.txt instead of the folder's own (or its absence). */
  robotsTxt?: string;
  /** Handlers or fixed text bodies by exact path, tried before the folder. */
  routes?: Record<string, RouteHandler | string>;
  /**
   * Send `ETag` and `Last-Modified` with files and answer `If-None-Match` / `If-Modified-Since`
   * with 304, as nginx does. The ETag comes from the file's size and modification time.
   */
  conditional?: boolean;
  /**
   * Read the whole folder (symbolic links followed) into memory before serving, as a busy static
   * host has its files in the page cache: a benchmark then measures the crawler rather than this
   * server's file reads, which share the crawler's cores. Files changed afterwards are not seen.
   */
  preload?: boolean;
}

/**
 * Serves a folder on 127.0.0.1 the way static hosts do (index.html for folders, a redirect to add
 * the slash, 404 for the rest, content types by extension), for crawler tests and benchmarks.
 */
export async function serveStaticSite(folder: string, options: StaticSiteOptions = {}): Promise<StaticSite> {
  const routes: Record<string, RouteHandler | string> = {
    ...(options.robotsTxt === undefined ? {} : { '/robots.txt': options.robotsTxt }),
    ...options.routes,
  };
  const requests: string[] = [];
  const notModified: string[] = [];
  // With preload: what stat says of each path in the folder, and each file's bytes.
  const stats = new Map<string, Stats>();
  const bodies = new Map<string, Buffer>();
  if (options.preload) await readFolderInto(resolve(folder), stats, bodies);
  const statOf = async (file: string) =>
    // resolve() drops the trailing slash a folder's URL leaves in the path.
    options.preload ? stats.get(resolve(file)) : await stat(file).catch(() => undefined);
  const server = createServer(async (request, response) => {
    requests.push(request.url ?? '/');
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const route = routes[path];
    if (typeof route === 'string') {
      response.writeHead(200, { 'content-type': contentTypes[extname(path)] ?? 'text/plain' }).end(route);
      return;
    }
    if (route?.(request, response)) return;
    // normalize() resolves any ../ against the leading slash, so nothing outside the folder is served.
    let file = join(folder, normalize(path));
    let info = await statOf(file);
    if (info?.isDirectory()) {
      if (!path.endsWith('/')) {
        response.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
      info = await statOf(file);
    }
    if (!info?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not found</h1>');
      return;
    }
    const validators = options.conditional
      ? {
          etag: `"${Math.floor(info.mtimeMs).toString(16)}-${info.size.toString(16)}"`,
          'last-modified': info.mtime.toUTCString(),
        }
      : undefined;
    if (validators && isNotModified(request, validators.etag, info.mtime)) {
      notModified.push(path);
      response.writeHead(304, validators).end();
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      ...validators,
    });
    const body = bodies.get(resolve(file));
    if (body) response.end(body);
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    notModified,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readFolderInto(path: string, stats: Map<string, Stats>, bodies: Map<string, Buffer>) {
  const info = await stat(path);
  stats.set(path, info);
  if (info.isFile()) bodies.set(path, await readFile(path));
  else if (info.isDirectory()) {
    for (const name of await readdir(path)) await readFolderInto(join(path, name), stats, bodies);
  }
}

/** RFC 9110: `If-None-Match` decides when present; otherwise `If-Modified-Since`, to the second. */
function isNotModified(request: IncomingMessage, etag: string, modified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
