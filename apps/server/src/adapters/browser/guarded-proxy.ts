import {
  Agent,
  createServer,
  request as forwardRequest,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { assertUrlAllowed, createGuardedLookup } from '../../modules/ingest/ssrf-guard.js';

/** A forward proxy on 127.0.0.1 that a browser sends all its traffic through. */
export interface GuardedProxy {
  /** `http://127.0.0.1:<port>`, for the browser's proxy setting. */
  url: string;
  close(): Promise<void>;
}

/** Header on the proxy's refusal, so the fetcher can tell a block from the site's own 403. */
export const blockedHeader = 'x-jarvis-ssrf-blocked';

// Headers that describe one connection, not the message; a proxy must not forward them.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Starts the SSRF wall for a real browser. Chromium's request interception does not see redirect
 * hops and Chromium resolves names itself, so a page could redirect or rebind its way to a private
 * address past any URL check. Routed through this proxy, every connection (plain HTTP, HTTPS
 * tunnels, redirects, subresources) is checked by the same rules and the same connect-time DNS
 * lookup as the plain HTTP fetcher.
 */
export async function startGuardedProxy(allowHosts: readonly string[]): Promise<GuardedProxy> {
  const lookup = createGuardedLookup(allowHosts);
  const agent = new Agent({ keepAlive: true, lookup });
  const sockets = new Set<Socket>();

  const server = createServer((incoming, response) => {
    let target: URL;
    try {
      target = assertUrlAllowed(incoming.url ?? '', allowHosts);
    } catch (error) {
      refuse(response, error);
      return;
    }
    const outgoing = forwardRequest(
      target,
      { method: incoming.method, headers: endToEnd(incoming.headers), agent },
      (upstream) => {
        response.writeHead(upstream.statusCode ?? 502, endToEnd(upstream.headers));
        upstream.pipe(response);
      },
    );
    outgoing.on('error', (error) => refuse(response, error));
    incoming.pipe(outgoing);
  });

  // HTTPS (and WebSocket) traffic arrives as CONNECT host:port tunnels.
  server.on('connect', (incoming, client: Socket, head: Buffer) => {
    const authority = incoming.url ?? '';
    let target: URL;
    try {
      target = assertUrlAllowed(`https://${authority}`, allowHosts);
    } catch (error) {
      client.end(tunnelRefusal(error));
      return;
    }
    const upstream = connect({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(target.port || 443),
      lookup,
    });
    let established = false;
    upstream.once('connect', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (established) client.destroy();
      else client.end(tunnelRefusal(error));
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

function isBlocked(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ERR_SSRF_BLOCKED';
}

function refuse(response: ServerResponse, error: unknown): void {
  const message = headerSafe(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const blocked = isBlocked(error);
  response
    .writeHead(blocked ? 403 : 502, {
      'content-type': 'text/plain',
      ...(blocked ? { [blockedHeader]: message } : {}),
    })
    .end(message);
}

function tunnelRefusal(error: unknown): string {
  return isBlocked(error)
    ? `HTTP/1.1 403 Forbidden\r\n${blockedHeader}: ${headerSafe(error)}\r\n\r\n`
    : 'HTTP/1.1 502 Bad Gateway\r\n\r\n';
}

function headerSafe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\x20-\x7e]/g, ' ');
}
