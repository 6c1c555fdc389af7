// pnpm bench:ingest — crawl → extract → chunk → embed → store of a real documentation site served
// on 127.0.0.1, into a fresh in-memory database. Needs ../shared/fixtures/sites beside the checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJarvis } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createBot, ensureLocalWorkspace } from '../apps/server/src/modules/bots/bot-service.js';
import { addSource, runJobNow } from '../apps/server/src/modules/ingest/ingest-service.js';
import { serveStaticSite } from '../apps/server/src/test-support/static-site-server.js';
import { report, trackPeakRss } from './lib/report.mjs';

const sites = fileURLToPath(new URL('../../shared/fixtures/sites/', import.meta.url));
if (!existsSync(sites)) {
  console.error(`bench:ingest needs the fixture sites at ${sites} (../shared beside the checkout).`);
  process.exit(1);
}

const rows = [];
const figures: Record<string, number> = {};
const memory = trackPeakRss();
for (const [name, start] of [
  ['drf', '/'],
  ['kinto', '/index.html'],
] as const) {
  const site = await serveStaticSite(`${sites}${name}`);
  const jarvis = await createJarvis(
    loadConfig({ JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1', JARVIS_DEMO: 'false' }),
    { inMemory: true },
  );
  const bot = await createBot(jarvis.database.orm, {
    workspaceId: await ensureLocalWorkspace(jarvis.database.orm),
    slug: name,
    name,
  });
  const { jobId } = await addSource(jarvis.ingest, bot.id, {
    kind: 'site',
    location: `${site.url}${start}`,
    options: { maxDepth: 10 },
  });
  const started = performance.now();
  const progress = await runJobNow(jarvis.ingest, jobId);
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    site: name,
    pages: progress.stored,
    chunks: progress.chunks,
    failed: progress.failed,
    seconds: seconds.toFixed(2),
    'pages/s': (progress.stored / seconds).toFixed(1),
    'chunks/s': (progress.chunks / seconds).toFixed(0),
  });
  figures[`${name}_pages`] = progress.stored;
  figures[`${name}_pages_per_s`] = Number((progress.stored / seconds).toFixed(1));
  figures[`${name}_chunks_per_s`] = Math.round(progress.chunks / seconds);
  await jarvis.close();
  await site.close();
}
memory.stop();
report('ingest', rows, { ...figures, peak_rss_mb: memory.peakMb() });
