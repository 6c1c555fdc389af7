import { TRPCError } from '@trpc/server';
import type { LimitDecision, LimitName } from '../adapters/ratelimit/port.js';
import { rateLimitHeaders, tooManyRequestsMessage } from '../http/rate-limit-headers.js';
import type { Context } from './context.js';

/**
 * Counts one request against a limit, sets the rate-limit headers, and throws TOO_MANY_REQUESTS
 * (HTTP 429 with Retry-After) once the limit is reached. `who` finishes "Too many requests …".
 */
export async function enforceLimit(ctx: Context, limit: LimitName, key: string, who: string): Promise<void> {
  refuseWhenLimited(ctx, await ctx.services.rateLimits.consume(limit, key), who);
}

/** Sets the rate-limit headers for a decision and throws TOO_MANY_REQUESTS when it refuses. */
export function refuseWhenLimited(ctx: Context, decision: LimitDecision, who: string): void {
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) ctx.setHeader(name, value);
  if (!decision.allowed)
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: tooManyRequestsMessage(who, decision) });
}
