import { RateLimiterMemory } from 'rate-limiter-flexible';
import { limitersFor, rateLimitsOver } from './flexible-limits.js';
import type { LimitName, LimitRules, RateLimits } from './port.js';

/** Counts in this process: right for one server, and Redis's insurance when it is down. */
export function createMemoryRateLimits(rules: LimitRules): RateLimits {
  return rateLimitsOver('memory', memoryLimiters(rules));
}

export function memoryLimiters(rules: LimitRules): Record<LimitName, RateLimiterMemory> {
  return limitersFor(
    (name) =>
      new RateLimiterMemory({
        keyPrefix: name,
        points: rules[name].points,
        duration: rules[name].windowSeconds,
      }),
  );
}
