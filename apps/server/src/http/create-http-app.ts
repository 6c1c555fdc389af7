import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Jarvis } from '../app.js';
import { appRouter } from '../trpc/app-router.js';
import type { Context } from '../trpc/context.js';
import { demoStylesheet, renderDemoPage } from './demo-page.js';

export interface HttpAppOptions {
  /** The demo bot shown at `/`; without one `/` explains how to add a bot. */
  demo?: { publishableKey: string; botName: string; docsDir: string };
}

/** The HTTP surface: /trpc, /widget.js, /healthz, /readyz and the demo page. */
export function createHttpApp(jarvis: Jarvis, options: HttpAppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');

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

  app.get('/widget.js', async (_req, res, next) => {
    try {
      // Resolved per request so the server starts (and says why /widget.js fails) before the widget is built.
      const bundle = await readFile(createRequire(import.meta.url).resolve('@jarvis/chat/cdn'));
      // Module scripts are fetched with CORS, so any site may load the widget.
      res.set({
        'content-type': 'text/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
        'cache-control': 'public, max-age=300',
      });
      res.send(bundle);
    } catch (error) {
      next(error);
    }
  });

  app.use('/trpc', allowCrossOrigin);
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: 256 * 1024,
      createContext: ({ req, info }): Context => ({
        services: jarvis.services,
        origin: req.headers.origin,
        // Browsers' EventSource cannot send headers, so subscriptions may carry the key in tRPC's
        // connection params instead.
        authorization: req.headers.authorization ?? stringParam(info.connectionParams?.authorization),
      }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`[trpc] ${path ?? '?'} failed`, error.cause ?? error);
      },
    }),
  );

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

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The widget calls /trpc from other sites' pages. CORS lets the browser read the answer; whether the
 * origin may use a given bot is decided per bot inside the widget procedures.
 */
function allowCrossOrigin(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  if (origin) {
    res.set({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, trpc-accept, last-event-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  }
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}
