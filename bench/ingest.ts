// pnpm bench:ingest — crawl → extract → chunk → embed → store of a documentation site served on
// 127.0.0.1 (bench/lib/docs-site.ts: the two real fixture sites plus generated abstract pages, over
// 200 pages) with the local embedder into the embedded database, as `jarvis ingest` does: the built
// server (`pnpm build` first), in a process of its own (bench/lib/ingest-run.mjs), one database.
// Then the Kinto part again with every page rendered in Chromium, on its own row, and the DRF site
// alone as published: its sitemap.xml.gz names https://www.django-rest-framework.org, mapped to the
// mirror on 127.0.0.1 (`--map-origin`), on a row of its own.
// The data folder is created first, in another process, as a first `jarvis start` would; its peak is
// reported as `init_peak_rss_mb`. (The server runs PGlite's initdb, some 850 MB of WASM memory, in a
// child process of its own, so that peak is the first start's server process alone.)
// The http row is measured --runs times (3 unless said), each time into a fresh copy of the new data
// folder: this machine's speed drifts by a fifth from one run to the next, so the JSON line reports
// the median pages/s (and the highest peak RSS), the table every run.
// Options: --abstracts N (generated pages, 150 unless said), --runs N, --no-chromium.
// Needs ../shared/fixtures/sites and ../shared/eval/scifact beside the checkout.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { serveStaticSite } from '../apps/server/src/test-support/static-site-server.js';
import { countOption } from './lib/count-option.js';
import { buildDocsSite } from './lib/docs-site.js';
import { report } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    abstracts: { type: 'string', default: '150' },
    runs: { type: 'string', default: '3' },
    'no-chromium': { type: 'boolean' },
  },
});
const abstracts = countOption('abstracts', values.abstracts, 0);
const httpRunCount = countOption('runs', values.runs);
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const corpus = `${shared}eval/scifact/corpus.jsonl`;
if (!existsSync(`${shared}fixtures/sites`) || !existsSync(corpus)) {
  console.error(`bench:ingest needs ${shared}fixtures/sites and ${corpus} (../shared beside the checkout).`);
  process.exit(1);
}
const runner = fileURLToPath(new URL('./lib/ingest-run.mjs', import.meta.url));
if (!existsSync(new URL('../apps/server/dist/app.js', import.meta.url))) {
  console.error('bench:ingest runs the built server: run `pnpm build` first.');
  process.exit(1);
}

interface RunFigures {
  pages: number;
  chunks: number;
  failed: number;
  seconds: number;
  /** CPU time of all the ingest's threads: steadier than seconds on a machine whose speed drifts. */
  cpu_seconds: number;
  peak_rss_mb: number;
}

/** Runs bench/lib/ingest-run.mjs in plain Node and returns the JSON line it prints. */
async function run(dataDir: string, mode: string, ...args: string[]): Promise<RunFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, [runner, dataDir, mode, ...args], {
    // A plain Node child, without the TypeScript loader this script runs under.
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as RunFigures;
}

const siteFolder = await buildDocsSite(`${shared}fixtures/sites`, corpus, abstracts);
// Both sites are served from memory, so the crawler does not share its cores with file reads.
const site = await serveStaticSite(siteFolder.folder, { preload: true });
const drfMirror = await serveStaticSite(`${shared}fixtures/sites/drf`, { preload: true });
const drfSitemap = 'https://www.django-rest-framework.org/sitemap.xml.gz';
const dataDir = await mkdtemp(join(tmpdir(), 'jarvis-bench-data-'));
const rows = [];
try {
  const init = await run(dataDir, 'init');
  const runs: [string, string, () => Promise<RunFigures>][] = [];
  for (let index = 1; index <= httpRunCount; index += 1) {
    runs.push([
      'http',
      '/',
      async () => {
        const copy = `${dataDir}-http-${index}`;
        await cp(dataDir, copy, { recursive: true });
        try {
          return await run(copy, 'http', `${site.url}/`);
        } finally {
          await rm(copy, { recursive: true, force: true });
        }
      },
    ]);
  }
  if (!values['no-chromium']) {
    runs.push([
      'chromium',
      '/kinto/index.html',
      () => run(dataDir, 'chromium', `${site.url}/kinto/index.html`),
    ]);
  }
  runs.push(['drf-sitemap', drfSitemap, () => run(dataDir, 'sitemap', drfSitemap, drfMirror.url)]);
  for (const [mode, start, measure] of runs) {
    const figures = await measure();
    rows.push({
      mode,
      start,
      pages: figures.pages,
      chunks: figures.chunks,
      failed: figures.failed,
      seconds: figures.seconds.toFixed(2),
      'pages/s': (figures.pages / figures.seconds).toFixed(1),
      'chunks/s': Math.round(figures.chunks / figures.seconds),
      'CPU s': figures.cpu_seconds.toFixed(1),
      'peak RSS MB': figures.peak_rss_mb,
      figures,
    });
  }
  // The median run by pages/s stands for the http row; peak RSS is the highest of the runs.
  const httpRuns = rows
    .filter((row) => row.mode === 'http')
    .map((row) => row.figures)
    .sort((a, b) => a.pages / a.seconds - b.pages / b.seconds);
  const http = httpRuns[Math.floor(httpRuns.length / 2)];
  const chromium = rows.find((row) => row.mode === 'chromium')?.figures;
  const drf = rows.find((row) => row.mode === 'drf-sitemap')?.figures;
  report(
    'ingest',
    rows.map(({ figures, ...row }) => row),
    {
      pages: http!.pages,
      chunks: http!.chunks,
      pages_per_s: Number((http!.pages / http!.seconds).toFixed(1)),
      chunks_per_s: Math.round(http!.chunks / http!.seconds),
      peak_rss_mb: Math.max(...httpRuns.map((figures) => figures.peak_rss_mb)),
      runs: httpRuns.length,
      pages_per_s_runs: httpRuns.map((figures) => Number((figures.pages / figures.seconds).toFixed(1))),
      ...(chromium
        ? {
            chromium_pages: chromium.pages,
            chromium_pages_per_s: Number((chromium.pages / chromium.seconds).toFixed(1)),
            chromium_peak_rss_mb: chromium.peak_rss_mb,
          }
        : {}),
      drf_pages: drf!.pages,
      drf_pages_per_s: Number((drf!.pages / drf!.seconds).toFixed(1)),
      drf_peak_rss_mb: drf!.peak_rss_mb,
      init_peak_rss_mb: init.peak_rss_mb,
    },
  );
} finally {
  await site.close();
  await drfMirror.close();
  await siteFolder.remove();
  await rm(dataDir, { recursive: true, force: true });
}
