/**
 * Rate limits: how many requests each kind of caller may make per window. `memory` counts in this
 * process (embedded default, one server); `redis` shares the counts between servers, with memory as
 * its insurance while Redis is unreachable.
 */
export interface RateLimits {
  readonly kind: 'memory' | 'redis';
  /** Counts one request for `key` against the `limit` rule and says whether it may go ahead. */
  consume(limit: LimitName, key: string): Promise<LimitDecision>;
  /** Where `key` stands against the rule, without counting a request. */
  peek(limit: LimitName, key: string): Promise<LimitDecision>;
  close(): Promise<void>;
}

/**
 * `ip`: every request from one address. `apiKey`: calls with one secret key. `bot`: widget calls to
 * one bot, from all its visitors. `failedAuth`: wrong API keys from one address (guessing).
 * `signIn`: password sign-in attempts, counted per account and per address. `mfa`: second-factor
 * codes tried, per address.
 */
export const limitNames = ['ip', 'apiKey', 'bot', 'failedAuth', 'signIn', 'mfa'] as const;
export type LimitName = (typeof limitNames)[number];

export interface LimitRule {
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export type LimitRules = Record<LimitName, LimitRule>;

export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Until the window resets (and, when refused, until a retry can succeed). */
  resetMs: number;
  /**
   * This request is the first the window refused (counted across servers when the count is shared),
   * so a caller can note a limit being reached once per window instead of once per refused request.
   */
  firstRefusal: boolean;
}

/** The embedded defaults: generous for people, tight for scripts guessing keys. */
export const defaultLimitRules: LimitRules = {
  ip: { points: 600, windowSeconds: 60 },
  apiKey: { points: 1200, windowSeconds: 60 },
  bot: { points: 3000, windowSeconds: 60 },
  failedAuth: { points: 20, windowSeconds: 600 },
  signIn: { points: 10, windowSeconds: 900 },
  mfa: { points: 10, windowSeconds: 900 },
};
