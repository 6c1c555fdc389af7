import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHibpServer {
  url: string;
  /** The five-hex-digit prefixes asked for, in order: what left the server under test. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A local server that speaks Have I Been Pwned's range API (`GET /range/{5 hex}` answers
 * `SUFFIX:COUNT` lines, padded with zero-count lines) for the given breached passwords.
 */
export async function startFakeHibpServer(breached: Record<string, number>): Promise<FakeHibpServer> {
  const hashes = Object.entries(breached).map(([password, count]) => ({
    hash: createHash('sha1').update(password).digest('hex').toUpperCase(),
    count,
  }));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const prefix = req.url?.match(/^\/range\/([0-9A-Fa-f]{5})$/)?.[1]?.toUpperCase();
    if (!prefix) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('The hash prefix was not in a valid format');
      return;
    }
    requests.push(prefix);
    const lines = hashes
      .filter((item) => item.hash.startsWith(prefix))
      .map((item) => `${item.hash.slice(5)}:${item.count}`);
    // Padding, as with Add-Padding: true.
    lines.push('0000000000000000000000000000000000A:0', '0000000000000000000000000000000000B:0');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
