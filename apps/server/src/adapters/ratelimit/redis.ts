import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { limitersFor, rateLimitsOver } from './flexible-limits.js';
import { memoryLimiters } from './memory.js';
import type { LimitRules, RateLimits } from './port.js';

/**
 * Counts in Redis (`REDIS_URL`), shared by every server. While Redis is unreachable each server
 * counts in memory instead (the insurance limiter), so limits keep holding and no request fails
 * for it; when Redis is back the counts go there again. ioredis reconnects on its own.
 */
export function createRedisRateLimits(url: string, rules: LimitRules): RateLimits {
  const client = new Redis(url, {
    // Fail a command at once while disconnected, so the insurance limiter answers without waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // Once per distinct problem, not once per reconnection attempt.
    if (error.message === lastError) return;
    lastError = error.message;
    console.warn(`[ratelimit] Redis unavailable (${error.message}); counting in memory until it is back.`);
  });
  client.on('ready', () => {
    if (lastError) console.warn('[ratelimit] Redis is back; counting there again.');
    lastError = '';
  });
  const insurance = memoryLimiters(rules);
  const limiters = limitersFor(
    (name) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `jarvis:ratelimit:${name}`,
        points: rules[name].points,
        duration: rules[name].windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: insurance[name],
      }),
  );
  return rateLimitsOver('redis', limiters, async () => {
    client.disconnect();
  });
}
