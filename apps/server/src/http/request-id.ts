import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Gives each request an id, echoed in `X-Request-Id` and written beside anything logged for it: the
 * caller's own `X-Request-Id` when it is a sane token (a proxy's), else a new UUID. It is kept in
 * the request's headers, where every layer, tRPC's included, can read it.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  res.set('x-request-id', id);
  next();
}

export const requestIdOf = (req: IncomingMessage): string => String(req.headers['x-request-id'] ?? '-');
