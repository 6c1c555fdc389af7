// pnpm bench:quality — nDCG@10 and Recall@100 of the retrieval answers use (the real chunking,
// embeddings and hybrid search) on BEIR SciFact from ../shared/eval/scifact.
// Options: --queries FILE --qrels FILE (another split of the same corpus), --limit N (first N judged queries).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createJarvis } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createBot, ensureLocalWorkspace } from '../apps/server/src/modules/bots/bot-service.js';
import { retrievePassages } from '../apps/server/src/modules/chat/retrieve-passages.js';
import { addSource } from '../apps/server/src/modules/ingest/ingest-service.js';
import { refreshLexemeStats } from '../apps/server/src/modules/ingest/lexeme-stats.js';
import { storePage } from '../apps/server/src/modules/ingest/store-page.js';
import { countOption } from './lib/count-option.js';
import { report } from './lib/report.mjs';

const scifact = fileURLToPath(new URL('../../shared/eval/scifact/', import.meta.url));
const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: `${scifact}queries.jsonl` },
    qrels: { type: 'string', default: `${scifact}qrels/train.tsv` },
    limit: { type: 'string' },
  },
});
const queryLimit = values.limit === undefined ? undefined : countOption('limit', values.limit);
if (!existsSync(`${scifact}corpus.jsonl`)) {
  console.error(`bench:quality needs the SciFact corpus at ${scifact} (../shared beside the checkout).`);
  process.exit(1);
}

const jarvis = await createJarvis(loadConfig({ JARVIS_DEMO: 'false' }), { inMemory: true });
const orm = jarvis.database.orm;
const bot = await createBot(orm, {
  workspaceId: await ensureLocalWorkspace(orm),
  slug: 'scifact',
  name: 'SciFact',
});
const { sourceId } = await addSource(jarvis.ingest, bot.id, { kind: 'text', location: 'SciFact corpus' });

const corpus = (await readFile(`${scifact}corpus.jsonl`, 'utf8'))
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { _id: string; title: string; text: string });
const started = performance.now();
for (const [index, doc] of corpus.entries()) {
  // One page per abstract, title as its heading, through the same chunking and embedding as a crawl.
  await storePage(jarvis.ingest, {
    sourceId,
    botId: bot.id,
    url: `https://scifact.example/${doc._id}`,
    title: doc.title,
    markdown: `# ${doc.title}\n\n${doc.text}`,
    contentHash: doc._id,
  });
  if (index % 1000 === 999) console.error(`indexed ${index + 1}/${corpus.length} abstracts`);
}
await refreshLexemeStats(orm, bot.id);
const indexSeconds = (performance.now() - started) / 1000;

const judgments = new Map<string, Map<string, number>>();
for (const line of (await readFile(values.qrels, 'utf8')).trim().split(/\r?\n/).slice(1)) {
  const [queryId, docId, score] = line.split('\t');
  if (!queryId || !docId) continue;
  if (!judgments.has(queryId)) judgments.set(queryId, new Map());
  judgments.get(queryId)!.set(docId, Number(score));
}
const queries = (await readFile(values.queries, 'utf8'))
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { _id: string; text: string })
  .filter((query) => judgments.has(query._id))
  .slice(0, queryLimit);

let ndcgSum = 0;
let recallSum = 0;
let mrrSum = 0;
const latencies: number[] = [];
for (const query of queries) {
  const relevant = judgments.get(query._id)!;
  const askedAt = performance.now();
  const sources = await retrievePassages(jarvis.services, bot.id, query.text, {
    maxSources: 100,
    candidates: 200,
  });
  latencies.push(performance.now() - askedAt);
  const ranking = sources.map((source) => source.url.slice('https://scifact.example/'.length));
  let dcg = 0;
  ranking.slice(0, 10).forEach((docId, rank) => {
    dcg += (relevant.get(docId) ?? 0) / Math.log2(rank + 2);
  });
  const ideal = [...relevant.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, gain, rank) => sum + gain / Math.log2(rank + 2), 0);
  ndcgSum += ideal > 0 ? dcg / ideal : 0;
  recallSum += ranking.slice(0, 100).filter((docId) => relevant.has(docId)).length / relevant.size;
  const first = ranking.slice(0, 10).findIndex((docId) => relevant.has(docId));
  mrrSum += first === -1 ? 0 : 1 / (first + 1);
}
await jarvis.close();

latencies.sort((a, b) => a - b);
const figures = {
  ndcg_at_10: Number((ndcgSum / queries.length).toFixed(4)),
  recall_at_100: Number((recallSum / queries.length).toFixed(4)),
  mrr_at_10: Number((mrrSum / queries.length).toFixed(4)),
  queries: queries.length,
};
report(
  'quality',
  [
    { measure: 'nDCG@10', jarvis: figures.ndcg_at_10, 'BM25 reference (README)': 0.694 },
    { measure: 'Recall@100', jarvis: figures.recall_at_100, 'BM25 reference (README)': 0.928 },
    { measure: 'MRR@10', jarvis: figures.mrr_at_10, 'BM25 reference (README)': 0.663 },
    {
      measure: `indexing ${corpus.length} abstracts, s`,
      jarvis: indexSeconds.toFixed(0),
      'BM25 reference (README)': '',
    },
    {
      measure: 'retrieval p50 / p95, ms',
      jarvis: `${latencies[Math.floor(latencies.length / 2)]!.toFixed(1)} / ${latencies[Math.floor(latencies.length * 0.95)]!.toFixed(1)}`,
      'BM25 reference (README)': '',
    },
  ],
  { ...figures, embedder: jarvis.services.embedder.model },
);
