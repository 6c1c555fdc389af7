// One measured ingest for bench:ingest, in a process of its own running the built server as
// `jarvis ingest` does (plain Node, no TypeScript loader, no test server beside it), so its peak
// RSS is the ingest's alone. Prints one line of JSON.
// Usage: node ingest-run.mjs <data-dir> <mode: init | http | chromium | sitemap> [start-url] [mirror-origin]
// `sitemap` reads the sitemap at start-url (a production URL) with its origin mapped to the mirror,
// as `jarvis ingest <sitemap> --map-origin FROM=TO` does.
const [dataDir, mode, startUrl, mirror] = process.argv.slice(2);
const server = new URL('../../apps/server/dist/', import.meta.url).href;
const { createJarvis } = await import(`${server}app.js`);
const { loadConfig } = await import(`${server}config.js`);
const { createBot, ensureLocalWorkspace } = await import(`${server}modules/bots/bot-service.js`);
const { addSource, runJobNow } = await import(`${server}modules/ingest/ingest-service.js`);

const jarvis = await createJarvis(
  loadConfig({ JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1', JARVIS_DEMO: 'false', JARVIS_DATA_DIR: dataDir }),
);
let figures = {};
if (mode !== 'init') {
  // Chromium mode renders every page in the browser instead of fetching it plainly.
  const deps = mode === 'chromium' ? { ...jarvis.ingest, fetcher: jarvis.ingest.renderer } : jarvis.ingest;
  if (!deps.fetcher) throw new Error(`No Chromium at ${jarvis.config.CHROMIUM_PATH}`);
  const orm = jarvis.database.orm;
  const bot = await createBot(orm, { workspaceId: await ensureLocalWorkspace(orm), slug: mode, name: mode });
  const { jobId } = await addSource(
    deps,
    bot.id,
    mode === 'sitemap'
      ? {
          kind: 'sitemap',
          location: startUrl,
          options: { maxPages: 2000, mapOrigin: [{ from: new URL(startUrl).origin, to: mirror }] },
        }
      : { kind: 'site', location: startUrl, options: { maxDepth: 10, maxPages: 2000 } },
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const progress = await runJobNow(deps, jobId);
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread (extraction runs on workers): what the ingest costs whatever else
  // the machine is doing, where seconds also count waiting for a core.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  figures = {
    pages: progress.stored,
    chunks: progress.chunks,
    failed: progress.failed,
    seconds,
    cpu_seconds: cpuSeconds,
  };
}
await jarvis.close();
// The kernel's high-water mark for this process, between any two samples too.
console.log(JSON.stringify({ ...figures, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
