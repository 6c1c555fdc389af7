import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../main.js';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from '../test-support/redis-server.js';
import { startServerWithBot } from '../test-support/server-with-bot.js';
import type { AppRouter } from '../trpc/app-router.js';

// Each scenario speaks from its own client address through X-Forwarded-For, which the server
// trusts from loopback (JARVIS_TRUST_PROXY), so the per-address limit of one does not spill into the next.
const limits = {
  JARVIS_TRUST_PROXY: 'loopback',
  JARVIS_RATE_LIMIT_IP: '8/60',
  JARVIS_RATE_LIMIT_BOT: '5/60',
  JARVIS_RATE_LIMIT_API_KEY: '4/60',
  JARVIS_RATE_LIMIT_FAILED_AUTH: '3/60',
};

const startLimitedServer = (extra: Record<string, string> = {}) =>
  startServerWithBot({ ...limits, ...extra }, { slug: 'limited', name: 'Limited' });

const configPath = (botKey: string) =>
  `/trpc/widget.config?input=${encodeURIComponent(JSON.stringify({ botKey }))}`;

describe('rate limits over real HTTP (in memory)', () => {
  let server: RunningServer;
  let botKey: string;
  let apiKey: string;
  beforeAll(async () => {
    ({ server, botKey, apiKey } = await startLimitedServer());
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, ip: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { 'x-forwarded-for': ip, ...headers } });

  it('refuses an address past its limit with 429, Retry-After and a typed tRPC error; others go on', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await get('/widget.js', '203.0.113.1')).status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const refused = await get(configPath(botKey), '203.0.113.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-limit')).toBe('8');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');

    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { 'x-forwarded-for': '203.0.113.1' } })],
    });
    const error = await client.widget.config.query({ botKey }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('TOO_MANY_REQUESTS');
    expect((error as Error).message).toMatch(/^Too many requests from your address\. Try again in \d+ s\.$/);

    // Health checks are never limited; another address is not affected.
    expect((await get('/healthz', '203.0.113.1')).status).toBe(200);
    expect((await get(configPath(botKey), '203.0.113.2')).status).toBe(200);
  });

  it("shares a bot's allowance between all its visitors", async () => {
    const statuses = [];
    // 203.0.113.2 already asked once above.
    for (let i = 0; i < 5; i++) statuses.push((await get(configPath(botKey), `198.51.100.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const body = (await (await get(configPath(botKey), '198.51.100.9')).json()) as {
      error: { message: string; data: { code: string } };
    };
    expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toContain('Too many requests for this bot right now');
  });

  it('limits each API key, and an address that keeps sending wrong keys', async () => {
    const listBots = (key: string, ip: string) =>
      get('/trpc/bots.list', ip, { authorization: `Bearer ${key}` }).then((response) => response.status);
    const withKey = [];
    for (let i = 0; i < 5; i++) withKey.push(await listBots(apiKey, `192.0.2.${i}`));
    expect(withKey).toEqual([200, 200, 200, 200, 429]);

    const wrong = [];
    for (let i = 0; i < 4; i++)
      wrong.push(await listBots('jsk_wrongwrongwrongwrongwrongwrongwrong', '192.0.2.50'));
    expect(wrong).toEqual([401, 401, 401, 429]);
    // Locked out even with a right key now, so guessing a key cannot be tested against success.
    expect(await listBots(apiKey, '192.0.2.50')).toBe(429);
  });

  it('sends security headers and a request id on every response', async () => {
    const response = await get('/healthz', '203.0.113.7', { 'x-request-id': 'trace-123' });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('strict-transport-security')).toBeTruthy();
    expect(response.headers.get('x-powered-by')).toBeNull();
    const generated = (await get('/healthz', '203.0.113.7', { 'x-request-id': '<script>' })).headers.get(
      'x-request-id',
    );
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// Needs Debian's redis-server (apt-get install redis-server); .ci/run installs it.
describe.skipIf(!hasRedisServer)('rate limits in Redis over real HTTP (needs redis-server)', () => {
  let redis: ThrowawayRedis;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startThrowawayRedis();
    ({ server } = await startLimitedServer({ REDIS_URL: redis.url, JARVIS_RATE_LIMIT_IP: '20/60' }));
  });
  afterAll(async () => {
    await server?.close();
    await redis?.kill();
  });

  it('keeps limiting without a single 5xx when Redis dies mid-burst, and counts in Redis once it is back', async () => {
    const hit = (ip: string) =>
      fetch(`${server.url}/healthz-is-not-limited-but-this-is`, { headers: { 'x-forwarded-for': ip } }).then(
        (response) => response.status,
      );
    const look = redis.client();
    /** Sends one request from `ip` and says whether Redis now holds that address's count. */
    const countedInRedis = async (ip: string) => {
      await hit(ip);
      return look.exists(`jarvis:ratelimit:ip:${ip}`);
    };
    try {
      // Wait for the server's Redis connection: its first moments count in memory.
      await expect.poll(() => countedInRedis('203.0.113.99')).toBe(1);

      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push(await hit('203.0.113.10'));
      await redis.kill();
      for (let i = 0; i < 30; i++) statuses.push(await hit('203.0.113.10'));
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      // Memory took over with a fresh count: at most one more window's worth, then refusals again.
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(40 - 10);

      await redis.start();
      await expect
        .poll(() => countedInRedis('203.0.113.11'), {
          timeout: 10_000,
        })
        .toBe(1);
    } finally {
      look.disconnect();
    }
  });
});
