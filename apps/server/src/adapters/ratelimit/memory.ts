import { RateLimiterMemory } from 'rate-limiter-flexible';
import { consumePoint, peekPoints } from './limiter-decision.js';
import type { LimitName, LimitRules, RateLimits } from './port.js';

/** Counts in this process: right for one server, and Redis's insurance when it is down. */
export function createMemoryRateLimits(rules: LimitRules): RateLimits {
  const limiters = memoryLimiters(rules);
  return {
    kind: 'memory',
    consume: (limit, key) => consumePoint(limiters[limit], key),
    peek: (limit, key) => peekPoints(limiters[limit], key),
    close: async () => {},
  };
}

export function memoryLimiters(rules: LimitRules): Record<LimitName, RateLimiterMemory> {
  const limiter = (name: LimitName) =>
    new RateLimiterMemory({
      keyPrefix: name,
      points: rules[name].points,
      duration: rules[name].windowSeconds,
    });
  return {
    ip: limiter('ip'),
    apiKey: limiter('apiKey'),
    bot: limiter('bot'),
    failedAuth: limiter('failedAuth'),
    signIn: limiter('signIn'),
    mfa: limiter('mfa'),
  };
}
