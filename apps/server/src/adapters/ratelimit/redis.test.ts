import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from '../../test-support/redis-server.js';
import { defaultLimitRules, type LimitRules, type RateLimits } from './port.js';
import { createRedisRateLimits } from './redis.js';

const rules: LimitRules = { ...defaultLimitRules, ip: { points: 10, windowSeconds: 60 } };

// Needs Debian's redis-server (apt-get install redis-server); .ci/run installs it.
describe.skipIf(!hasRedisServer)('rate limits in Redis (needs redis-server)', () => {
  let redis: ThrowawayRedis;
  const opened: RateLimits[] = [];
  /** A limiter whose connection is up: until then (a new server's first moments) it counts in memory. */
  const limits = async () => {
    const created = createRedisRateLimits(redis.url, rules);
    opened.push(created);
    await countsInRedis(created);
    return created;
  };
  async function countsInRedis(limiter: RateLimits) {
    const look = redis.client();
    try {
      await expect
        .poll(
          async () => {
            const key = `probe-${Math.random()}`;
            await limiter.consume('ip', key);
            return look.exists(`jarvis:ratelimit:ip:${key}`);
          },
          { timeout: 10_000 },
        )
        .toBe(1);
    } finally {
      look.disconnect();
    }
  }
  beforeAll(async () => {
    redis = await startThrowawayRedis();
  });
  afterAll(async () => {
    for (const limiter of opened) await limiter.close();
    await redis?.kill();
  });

  async function burst(limiter: RateLimits, key: string, requests: number) {
    const decisions = [];
    for (let i = 0; i < requests; i++) decisions.push(await limiter.consume('ip', key));
    return decisions;
  }

  it('shares one count between servers', async () => {
    const [first, second] = [await limits(), await limits()];
    const decisions = [...(await burst(first, 'shared', 6)), ...(await burst(second, 'shared', 6))];
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    // One first refusal across both servers (the 11th request), for callers that log it once.
    expect(decisions.map((decision) => decision.firstRefusal).indexOf(true)).toBe(10);
    expect(decisions.filter((decision) => decision.firstRefusal)).toHaveLength(1);
    const refused = await first.consume('ip', 'shared');
    expect(refused).toMatchObject({ allowed: false, limit: 10, remaining: 0, firstRefusal: false });
    expect(refused.resetMs).toBeGreaterThan(50_000);
  });

  it('keeps limiting in memory while Redis is down, and counts in Redis again once it is back', async () => {
    const limiter = await limits();
    expect((await burst(limiter, 'outage', 4)).every((decision) => decision.allowed)).toBe(true);

    await redis.kill();
    // No error reaches the caller, and the insurance limiter still refuses past the limit.
    const duringOutage = await burst(limiter, 'outage', 15);
    expect(duringOutage.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(duringOutage.at(-1)?.allowed).toBe(false);

    await redis.start();
    // ioredis reconnects on its own; counts land in the new, empty Redis again.
    await countsInRedis(limiter);
  });
});
