// pnpm bench:extract — the extraction step of ingest alone (linkedom parse, the page's marked main
// content or Readability, Markdown), on one thread, over every HTML page of the bench:ingest site (bench/lib/docs-site.ts). No network,
// no database: the figure the patches in patches/ are judged by. Prints the CPU time of each round
// after a warm-up round, and a digest of everything extracted, so that a change which must not alter
// the output (a patch to a dependency, say) can be checked to give the same digest.
// Options: --abstracts N (generated pages, 150 unless said), --rounds N (measured rounds, 5).
// Needs ../shared/fixtures/sites and ../shared/eval/scifact beside the checkout.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractPage } from '../apps/server/src/modules/ingest/extract-page.js';
import { countOption } from './lib/count-option.js';
import { buildDocsSite } from './lib/docs-site.js';
import { report } from './lib/report.mjs';

const { values } = parseArgs({
  options: { abstracts: { type: 'string', default: '150' }, rounds: { type: 'string', default: '5' } },
});
const abstracts = countOption('abstracts', values.abstracts, 0);
const roundCount = countOption('rounds', values.rounds);
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const corpus = `${shared}eval/scifact/corpus.jsonl`;
if (!existsSync(`${shared}fixtures/sites`) || !existsSync(corpus)) {
  console.error(`bench:extract needs ${shared}fixtures/sites and ${corpus} (../shared beside the checkout).`);
  process.exit(1);
}

/** Every .html file under `folder`, symbolic links followed, in a stable order. */
async function htmlFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of (await readdir(folder)).sort()) {
    const path = join(folder, name);
    const info = await stat(path);
    if (info.isDirectory()) files.push(...(await htmlFiles(path)));
    else if (name.endsWith('.html')) files.push(path);
  }
  return files;
}

const site = await buildDocsSite(`${shared}fixtures/sites`, corpus, abstracts);
try {
  const pages = await Promise.all(
    (await htmlFiles(site.folder)).map(async (file) => ({
      url: `http://127.0.0.1/${relative(site.folder, file)}`,
      html: await readFile(file, 'utf8'),
    })),
  );
  const extractAll = () => {
    const digest = createHash('sha256');
    const started = process.cpuUsage();
    for (const page of pages) {
      const extracted = extractPage(page.html, page.url);
      digest.update(
        `${page.url}\n${extracted.title}\n${extracted.markdown}\n${extracted.links.join('\n')}\n`,
      );
    }
    const used = process.cpuUsage(started);
    return { ms: (used.user + used.system) / 1000, digest: digest.digest('hex').slice(0, 12) };
  };
  const warmUp = extractAll();
  const rounds = Array.from({ length: roundCount }, extractAll);
  if (rounds.some((round) => round.digest !== warmUp.digest))
    throw new Error('extraction is not deterministic');
  const sorted = rounds.map((round) => round.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  report(
    'extract',
    [warmUp, ...rounds].map((round, index) => ({
      round: index === 0 ? 'warm-up' : index,
      pages: pages.length,
      'CPU ms': Math.round(round.ms),
      'ms/page': (round.ms / pages.length).toFixed(2),
      digest: round.digest,
    })),
    {
      pages: pages.length,
      cpu_ms_median: Math.round(median),
      cpu_ms_min: Math.round(sorted[0]!),
      ms_per_page: Number((median / pages.length).toFixed(2)),
      digest: warmUp.digest,
    },
  );
} finally {
  await site.remove();
}
