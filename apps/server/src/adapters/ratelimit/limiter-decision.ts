import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitDecision } from './port.js';

/**
 * Consumes a point and turns rate-limiter-flexible's answer into a decision. The library rejects
 * with a RateLimiterRes when the limit is reached and with an Error when its store failed; a store
 * failure without insurance is rethrown, since allowing everything silently would hide it.
 */
export async function consumePoint(limiter: RateLimiterAbstract, key: string): Promise<LimitDecision> {
  try {
    return decision(limiter, await limiter.consume(key), true);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return decision(limiter, rejection, false);
    throw rejection;
  }
}

/** Where `key` stands, without consuming a point. */
export async function peekPoints(limiter: RateLimiterAbstract, key: string): Promise<LimitDecision> {
  const result = await limiter.get(key);
  const consumed = result?.consumedPoints ?? 0;
  return {
    allowed: consumed < limiter.points,
    limit: limiter.points,
    remaining: Math.max(0, limiter.points - consumed),
    resetMs: result?.msBeforeNext ?? 0,
  };
}

function decision(limiter: RateLimiterAbstract, result: RateLimiterRes, allowed: boolean): LimitDecision {
  return {
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, result.remainingPoints),
    resetMs: result.msBeforeNext,
  };
}
