import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** A local server for the benchmark's pages, with the address it listens on. */
export interface BenchServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves fixed pages by exact path and folders under URL prefixes (`/deep-chat/` → the package's
 * folder) on 127.0.0.1, with CORS open and no caching, so every fresh browser context downloads
 * everything. Anything else, such as a chat widget's calls to its dummy API host, gets a quick 404,
 * so a failed request never holds a measurement up.
 */
export async function serveBenchFiles(
  pages: Record<string, string>,
  folders: Record<string, string>,
): Promise<BenchServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    const page = pages[path];
    if (page !== undefined) {
      response.writeHead(200, { ...headers, 'content-type': contentTypes['.html'] }).end(page);
      return;
    }
    const prefix = Object.keys(folders).find((candidate) => path.startsWith(candidate));
    // normalize() resolves any ../ against the leading slash, so nothing outside the folder is served.
    const file = prefix && join(folders[prefix]!, normalize(`/${path.slice(prefix.length)}`));
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) {
      response.writeHead(404, headers).end();
      return;
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { ...headers, 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
