import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CreateJarvisOptions, createJarvis, type Jarvis } from './app.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/create-http-app.js';
import { demoDocsDir, ensureDemoBot } from './modules/bots/demo-bot.js';
import { runIngestWorker } from './modules/ingest/ingest-service.js';

export interface RunningServer {
  jarvis: Jarvis;
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** The demo bot's publishable key, when the demo is on. */
  demoBotKey?: string;
  close(): Promise<void>;
}

/**
 * Starts Jarvis: database, migrations, the demo bot on first start, the ingest worker and HTTP.
 * `PORT=0` picks a free port (tests); the real one is in the returned `url`.
 */
export async function startServer(config: Config, options: CreateJarvisOptions = {}): Promise<RunningServer> {
  // Listen first: with PORT=0 the real port, and so the public URL that account mails link to, is
  // known only then, and Jarvis is built with it.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(
        `Port ${config.PORT} is already in use. Stop the other server or set PORT to a free port.`,
      );
    }
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${port}`;
  let jarvis: Jarvis;
  try {
    jarvis = await createJarvis(config.JARVIS_PUBLIC_URL ? config : { ...config, publicUrl: url }, options);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }

  const demoBot = config.JARVIS_DEMO
    ? await ensureDemoBot(jarvis.ingest, jarvis.config.publicUrl)
    : undefined;
  const app = createHttpApp(jarvis, {
    ...(demoBot
      ? { demo: { publishableKey: demoBot.publishableKey, botName: demoBot.name, docsDir: demoDocsDir } }
      : {}),
  });
  server.on('request', app);

  const stopWorker = new AbortController();
  const worker = runIngestWorker(jarvis.ingest, stopWorker.signal);
  return {
    jarvis,
    url,
    ...(demoBot ? { demoBotKey: demoBot.publishableKey } : {}),
    async close() {
      stopWorker.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker;
      await jarvis.close();
    },
  };
}
