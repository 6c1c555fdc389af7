import type { NextFunction, Request, Response } from 'express';
import { appRouter } from '../trpc/app-router.js';
import type { ProcedureMeta } from '../trpc/init.js';

// CORS on /trpc for the widget's procedures only (those built on widgetProcedure, marked
// `meta({ widget: true })`). The answer to a call becomes readable on another site's page only when
// widgetProcedure has found the bot and accepted the page's origin: it sets Access-Control-Allow-Origin
// itself. This file holds what the HTTP layer adds around that.

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;

/** Whether `path` names a procedure built on widgetProcedure. */
export function isWidgetProcedure(path: string): boolean {
  return Object.hasOwn(procedures, path) && procedures[path]?._def.meta?.widget === true;
}

/** Whether every call in a request (one, or a batch) is a widget procedure. */
export function isWidgetCall(paths: readonly string[]): boolean {
  return paths.length > 0 && paths.every(isWidgetProcedure);
}

const widgetProcedureNames = Object.keys(procedures).filter(isWidgetProcedure).sort().join(', ');

/**
 * A response-header setter for a call's context that drops CORS headers unless every call in the
 * request is a widget procedure. A batch such as `widget.config,bots.list` needs no preflight when it
 * is a GET, and the widget procedure in it would otherwise make its neighbours' answers readable.
 */
export function widgetOnlyCorsHeaders(
  paths: readonly string[],
  setHeader: (name: string, value: string) => void,
): (name: string, value: string) => void {
  const widgetOnly = isWidgetCall(paths);
  return (name, value) => {
    if (!widgetOnly && name.toLowerCase().startsWith('access-control-')) return;
    setHeader(name, value);
  };
}

/**
 * `Vary: Origin` on every tRPC answer, appended to tRPC's own Vary (a tRPC `responseMeta`): whether an
 * answer carries Access-Control-Allow-Origin depends on the page that asked.
 */
export function varyByOrigin(): { headers: Headers } {
  return { headers: new Headers({ vary: 'origin' }) };
}

/**
 * Answers CORS preflights on /trpc. A preflight carries no body, so it cannot say which bot it is for:
 * it is allowed from any page when every procedure in the path is a widget procedure (the call itself
 * is then checked against the bot's allowed origins). Any other preflight is refused with 403 and no
 * CORS headers: no page on this server's own origin ever sends one, and 403 tells whoever reads the
 * browser's network panel that the server refused, not that it forgot a header.
 */
export function answerWidgetPreflight(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'OPTIONS') {
    next();
    return;
  }
  res.vary('origin');
  const origin = req.headers.origin;
  if (origin !== undefined && isWidgetCall(procedurePathsOf(req.path))) {
    res.set({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      // No `trpc-accept`: a streamed batch (httpBatchStreamLink) sends its headers before the bot has
      // been checked, so it could never carry the per-bot header; refusing it here makes that plain.
      'access-control-allow-headers': 'content-type, last-event-id',
      'access-control-max-age': '600',
    });
    res.status(204).end();
    return;
  }
  res.status(403).json({
    error: `Only the widget's procedures (${widgetProcedureNames}) may be called from another site's page.`,
  });
}

/** The procedure paths in a /trpc URL path (`/a.b,c.d`); none when it is not valid percent-encoding. */
function procedurePathsOf(urlPath: string): string[] {
  try {
    return decodeURIComponent(urlPath.slice(1)).split(',');
  } catch {
    return [];
  }
}
