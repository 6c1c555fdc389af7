// The RateLimits port over rate-limiter-flexible, shared by the memory and Redis adapters.
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimitDecision, type LimitName, limitNames, type RateLimits } from './port.js';

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
    firstRefusal: false,
  };
}

function decision(limiter: RateLimiterAbstract, result: RateLimiterRes, allowed: boolean): LimitDecision {
  return {
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, result.remainingPoints),
    resetMs: result.msBeforeNext,
    // Refused requests still count, so exactly one request in a window is the one past the limit.
    firstRefusal: !allowed && result.consumedPoints === limiter.points + 1,
  };
}

/** One limiter per rule, made by `make`. */
export function limitersFor<Limiter>(make: (name: LimitName) => Limiter): Record<LimitName, Limiter> {
  return Object.fromEntries(limitNames.map((name) => [name, make(name)])) as Record<LimitName, Limiter>;
}

/** The port over one rate-limiter-flexible limiter per rule, whatever store they count in. */
export function rateLimitsOver(
  kind: RateLimits['kind'],
  limiters: Record<LimitName, RateLimiterAbstract>,
  close: () => Promise<void> = async () => {},
): RateLimits {
  return {
    kind,
    consume: (limit, key) => consumePoint(limiters[limit], key),
    peek: (limit, key) => peekPoints(limiters[limit], key),
    close,
  };
}
