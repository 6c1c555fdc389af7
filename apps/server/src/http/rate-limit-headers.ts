import type { LimitDecision } from '../adapters/ratelimit/port.js';

/**
 * The headers a rate-limited response carries: the IETF draft's RateLimit-* (limit, what is left,
 * seconds until the window resets) and, when refused, Retry-After in seconds.
 */
export function rateLimitHeaders(decision: LimitDecision): Record<string, string> {
  const resetSeconds = String(Math.max(1, Math.ceil(decision.resetMs / 1000)));
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': resetSeconds,
    ...(decision.allowed ? {} : { 'retry-after': resetSeconds }),
  };
}

/** What a person reads when refused: who is limited and when to try again. */
export function tooManyRequestsMessage(who: string, decision: LimitDecision): string {
  const seconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
  return `Too many requests ${who}. Try again in ${seconds} s.`;
}
