import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { toNodeHandler } from 'better-auth/node';
import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Jarvis } from '../app.js';
import { clientIpHeader } from '../modules/accounts/auth.js';
import { maxSourcesAddBodyBytes } from '../modules/ingest/sources-router.js';
import { appRouter } from '../trpc/app-router.js';
import type { Context } from '../trpc/context.js';
import { demoStylesheet, renderDemoPage } from './demo-page.js';
import { limitByIp } from './limit-by-ip.js';
import { requestId, requestIdOf } from './request-id.js';
import { answerWidgetPreflight, varyByOrigin, widgetOnlyCorsHeaders } from './widget-cors.js';

export interface HttpAppOptions {
  /** The demo bot shown at `/`; without one `/` explains how to add a bot. */
  demo?: { publishableKey: string; botName: string; docsDir: string };
}

/** The HTTP surface: /trpc, /widget.js, /healthz, /readyz and the demo page. */
export function createHttpApp(jarvis: Jarvis, options: HttpAppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', jarvis.config.JARVIS_TRUST_PROXY);
  app.use(requestId);
  app.use(
    helmet({
      // The widget's script and API are used from other sites' pages.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      // Nothing here is a page but the demo, which sets its own.
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await jarvis.database.ping();
      res.json({ status: 'ready', database: jarvis.database.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: jarvis.database.kind });
    }
  });

  // Health checks stay outside the limits: load balancers poll them.
  app.use(limitByIp(jarvis.services.rateLimits));

  // The widget's CDN build: /widget.js is a stub of a few bytes that imports the content-hashed chunks
  // in /widget/. The chunks never change under their names, so browsers keep them for a year; the
  // stub is revalidated hourly, so a new widget reaches every site within the hour.
  // Module scripts are fetched with CORS, so any site may load them.
  const anyOrigin = { 'access-control-allow-origin': '*' };
  const cdnFile = (name: string) =>
    join(dirname(createRequire(import.meta.url).resolve('@jarvis/chat/cdn')), name);
  // Gzip or brotli as the browser asks (the widget is a third of its size compressed); not for /trpc,
  // whose event streams must reach the browser as they are written.
  app.use(['/widget.js', '/widget/'], compression());
  app.get('/widget.js', (_req, res, next) => {
    // Resolved per request so the server starts (and says why /widget.js fails) before the widget is built.
    const headers = { ...anyOrigin, 'cache-control': 'public, max-age=3600, stale-while-revalidate=86400' };
    res.sendFile(cdnFile('jarvis-chat.js'), { headers }, (error) => error && next(error));
  });
  app.get('/widget/:chunk', (req, res, next) => {
    const headers = { ...anyOrigin, 'cache-control': 'public, max-age=31536000, immutable' };
    // An unknown chunk falls through to a plain 404.
    res.sendFile(req.params.chunk, { root: cdnFile('widget'), headers }, (error) => error && next());
  });

  // Accounts (better-auth): sign-up, sign-in, sessions, two-factor. It reads the client's address
  // from a header set here, from Express's answer under JARVIS_TRUST_PROXY, never from the client.
  const authHandler = toNodeHandler(jarvis.services.auth);
  app.all('/api/auth/*path', (req, res) => {
    if (jarvis.services.authenticator.mode === 'supabase') {
      res.status(404).json({
        message: 'Accounts are managed by Supabase Auth on this server: sign in with supabase-js.',
      });
      return;
    }
    req.headers[clientIpHeader] = req.ip ?? 'unknown';
    return authHandler(req, res);
  });

  // Answers are per caller (and, for the widget, per page): no shared cache may keep one.
  app.use('/trpc', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  app.use('/trpc', answerWidgetPreflight);
  const trpcHandler = (maxBodySize: number) =>
    createExpressMiddleware({
      router: appRouter,
      maxBodySize,
      createContext: ({ req, res, info }): Context => ({
        services: jarvis.services,
        origin: req.headers.origin,
        // Browsers' EventSource cannot send headers, so subscriptions may carry the key in tRPC's
        // connection params instead.
        authorization: req.headers.authorization ?? stringParam(info.connectionParams?.authorization),
        headers: requestHeaders(req),
        ip: req.ip ?? 'unknown',
        setHeader: widgetOnlyCorsHeaders(
          info.calls.map((call) => call.path),
          (name, value) => {
            if (!res.headersSent) res.setHeader(name, value);
          },
        ),
      }),
      responseMeta: varyByOrigin,
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`[trpc] ${requestIdOf(req)} ${path ?? '?'} failed`, error.cause ?? error);
      },
    });
  // An uploaded file (sources.add, unbatched) may be megabytes of base64; every other call stays small.
  const trpcCall = trpcHandler(256 * 1024);
  const trpcUpload = trpcHandler(maxSourcesAddBodyBytes);
  app.use('/trpc', (req, res, next) => (req.path === '/sources.add' ? trpcUpload : trpcCall)(req, res, next));

  const demo = options.demo;
  if (demo) {
    const strictPage = {
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    };
    app.get('/', (_req, res) => {
      res
        .set(strictPage)
        .type('html')
        .send(
          renderDemoPage({
            publishableKey: demo.publishableKey,
            apiUrl: jarvis.config.publicUrl,
            botName: demo.botName,
          }),
        );
    });
    app.get('/demo.css', (_req, res) => {
      res.type('css').send(demoStylesheet);
    });
    // The demo bot's sources link here, so its citations open in the browser.
    app.use(
      '/demo-docs',
      express.static(demo.docsDir, {
        setHeaders: (res) => res.set('content-type', 'text/plain; charset=utf-8'),
      }),
    );
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('Jarvis is running. Add a bot with `pnpm jarvis ingest <url>` and embed it with /widget.js.');
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[http] request failed', error);
    res.status(500).json({ error: 'Something went wrong on the server. It has been logged.' });
  });
  return app;
}

/** A Fetch `Headers` copy of a Node request's headers, as better-auth reads them. */
function requestHeaders(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
