import type { NextFunction, Request, Response } from 'express';
import type { RateLimits } from '../adapters/ratelimit/port.js';
import { rateLimitHeaders, tooManyRequestsMessage } from './rate-limit-headers.js';
import { requestIdOf } from './request-id.js';

/**
 * Counts every request against its client address before anything else runs. A refused call to
 * /trpc gets tRPC's own error shape (code TOO_MANY_REQUESTS), so tRPC clients and the widget read it
 * as a typed error; anything else gets the same message as JSON.
 */
export function limitByIp(rateLimits: RateLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    let decision: Awaited<ReturnType<RateLimits['consume']>>;
    try {
      decision = await rateLimits.consume('ip', req.ip ?? 'unknown');
    } catch (error) {
      // The limiter's store failed with no insurance: serve rather than refuse everyone.
      console.error(`[ratelimit] ${requestIdOf(req)} could not count this request`, error);
      return next();
    }
    res.set(rateLimitHeaders(decision));
    if (decision.allowed) return next();
    const message = tooManyRequestsMessage('from your address', decision);
    res.status(429);
    if (!req.path.startsWith('/trpc/')) return res.json({ error: { code: 'TOO_MANY_REQUESTS', message } });
    const error = (path: string) => ({
      error: { message, code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path } },
    });
    const paths = req.path.slice('/trpc/'.length).split(',');
    return res.json(req.query.batch ? paths.map(error) : error(paths[0] ?? ''));
  };
}
