// pnpm bench:chat — time to first token and concurrency of streamed answers, with N chunks indexed
// in the embedded database (default 100,000) and a local model server that streams instantly.
// Run `pnpm build` first. Options: --chunks N, --questions N, --concurrent N, --data-dir DIR (reused when it exists).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../apps/server/src/adapters/db/port.js';
import { createJarvis } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createBot, ensureLocalWorkspace } from '../apps/server/src/modules/bots/bot-service.js';
import { refreshLexemeStats } from '../apps/server/src/modules/ingest/lexeme-stats.js';
import { countOption } from './lib/count-option.js';
import { report } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    chunks: { type: 'string', default: '100000' },
    questions: { type: 'string', default: '300' },
    concurrent: { type: 'string', default: '500' },
    'data-dir': { type: 'string' },
  },
});
const chunkCount = countOption('chunks', values.chunks);
const questionCount = countOption('questions', values.questions);
const concurrentCount = countOption('concurrent', values.concurrent);
const dataDir = values['data-dir'] ?? join(tmpdir(), `jarvis-bench-chat-${chunkCount}`);
const root = new URL('../', import.meta.url);
const corpusPath = new URL('../shared/eval/scifact/corpus.jsonl', root);
const queriesPath = new URL('../shared/eval/scifact/queries.jsonl', root);
if (!existsSync(corpusPath)) {
  console.error('bench:chat builds its pages from ../shared/eval/scifact; it is not beside this checkout.');
  process.exit(1);
}

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const modelUrl = await startChild('npx', ['tsx', 'bench/fake-model-server.ts'], /^(http:\S+)/m);
const serverEnv = {
  OPENAI_BASE_URL: modelUrl,
  OPENAI_API_KEY: 'test-key',
  JARVIS_EMBEDDINGS: 'local',
  JARVIS_DEMO: 'false',
  // Every simulated visitor comes from 127.0.0.1 to one bot: lift the per-address and per-bot limits
  // far above the load, so the figures measure answering, not refusals.
  JARVIS_RATE_LIMIT_IP: '1000000/60',
  JARVIS_RATE_LIMIT_BOT: '1000000/60',
};
const botKey = await prepareDataset();
const serverUrl = await startChild(
  'node',
  ['apps/server/dist/cli.js', 'start', '--data-dir', dataDir, '--port', '0'],
  /running at (http:\S+)/,
  serverEnv,
);
const serverPid = children.at(-1)!.pid!;

const questions = (await readFile(queriesPath, 'utf8'))
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { text: string }).text);
await ask(questions[0]!); // warm-up: first query plans, index pages in memory

const sequential: { server: number; client: number }[] = [];
for (const question of questions.slice(1, questionCount + 1)) sequential.push(await ask(question));
const concurrent = await Promise.allSettled(
  questions.slice(0, concurrentCount).map((question, index) => ask(`${question} (${index})`)),
);
const concurrentTimes = concurrent.flatMap((result) =>
  result.status === 'fulfilled' ? [result.value.client] : [],
);
const errors = concurrent.filter((result) => result.status === 'rejected');
if (errors.length) console.error('first error:', (errors[0] as PromiseRejectedResult).reason);
const peakRssMb = await peakRss(serverPid);

const serverTimes = sequential.map((sample) => sample.server);
const clientTimes = sequential.map((sample) => sample.client);
report(
  'chat',
  [
    {
      measure: 'server TTFT, one at a time',
      p50_ms: pct(serverTimes, 50),
      p95_ms: pct(serverTimes, 95),
      p99_ms: pct(serverTimes, 99),
      n: serverTimes.length,
    },
    {
      measure: 'client TTFT over HTTP, one at a time',
      p50_ms: pct(clientTimes, 50),
      p95_ms: pct(clientTimes, 95),
      p99_ms: pct(clientTimes, 99),
      n: clientTimes.length,
    },
    {
      measure: `client TTFT, ${values.concurrent} at once`,
      p50_ms: pct(concurrentTimes, 50),
      p95_ms: pct(concurrentTimes, 95),
      p99_ms: pct(concurrentTimes, 99),
      n: concurrentTimes.length,
    },
  ],
  {
    chunks: chunkCount,
    ttft_p50_ms: pct(serverTimes, 50),
    ttft_p95_ms: pct(serverTimes, 95),
    concurrent: concurrentCount,
    errors: errors.length,
    ttft_p99_ms_concurrent: pct(concurrentTimes, 99),
    peak_rss_mb: peakRssMb,
  },
);
process.exit(0);

/** Asks over real HTTP (tRPC SSE) and returns the server's and the client's time to first token. */
async function ask(question: string): Promise<{ server: number; client: number }> {
  const started = performance.now();
  const input = encodeURIComponent(JSON.stringify({ botKey, question: question.slice(0, 1900) }));
  const response = await fetch(`${serverUrl}/trpc/chat.send?input=${input}`, {
    headers: { accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let client: number | undefined;
  let buffer = '';
  for await (const piece of response.body.pipeThrough(new TextDecoderStream())) {
    buffer += piece;
    client ??= buffer.includes('"type":"text-delta"') ? performance.now() - started : undefined;
    const end = buffer.match(/"type":"answer-end".*"timeToFirstTokenMs":(\d+)/);
    if (end) return { server: Number(end[1]), client: client ?? performance.now() - started };
    if (buffer.includes('"type":"error"') || buffer.includes('serialized-error'))
      throw new Error(buffer.slice(-300));
  }
  throw new Error('stream ended without answer-end');
}

/** Fills a data folder with a bot and N chunks built from SciFact abstracts, embedded by the local embedder. */
async function prepareDataset(): Promise<string> {
  const marker = join(dataDir, 'bench.json');
  if (existsSync(marker)) {
    console.error(`reusing ${dataDir}`);
    return (JSON.parse(await readFile(marker, 'utf8')) as { botKey: string }).botKey;
  }
  const jarvis = await createJarvis(loadConfig({ ...serverEnv, JARVIS_DATA_DIR: dataDir }));
  const orm = jarvis.database.orm;
  const bot = await createBot(orm, {
    workspaceId: await ensureLocalWorkspace(orm),
    slug: 'bench',
    name: 'Bench',
  });
  const corpus = (await readFile(corpusPath, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { title: string; text: string });
  const sentences = corpus.map((doc) => doc.text.split(/(?<=[.!?])\s+/));
  const [source] = await queryRows<{ id: string }>(
    orm,
    sql`insert into sources (bot_id, kind, location, status) values (${bot.id}::uuid, 'site', 'bench://scifact', 'ready') returning id`,
  );
  const sourceId = source!.id;
  // Building the HNSW index once after loading is much faster than growing it row by row.
  for (const { indexname } of await queryRows<{ indexname: string }>(
    orm,
    sql`select indexname from pg_indexes where indexname like 'chunk_embeddings_hnsw_%'`,
  )) {
    await orm.execute(sql.raw(`drop index ${indexname}`));
  }
  const started = performance.now();
  const perDocument = 10;
  for (let start = 0; start < chunkCount; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, chunkCount - start) }, (_, offset) => {
      const n = start + offset;
      const doc = corpus[n % corpus.length]!;
      const own = sentences[n % corpus.length]!;
      const other = sentences[(n * 7919) % corpus.length]!;
      const content = [
        ...own.slice(Math.floor(n / corpus.length) % Math.max(1, own.length - 2)).slice(0, 3),
        other[n % other.length],
      ].join(' ');
      return { n, title: doc.title, content };
    });
    const vectors = await jarvis.services.embedder.embed(
      batch.map((item) => `${item.title}\n${item.content}`),
    );
    await orm.transaction(async (tx) => {
      for (let i = 0; i < batch.length; i += perDocument) {
        const group = batch.slice(i, i + perDocument);
        const [document] = await queryRows<{ id: string }>(
          tx as unknown as Orm,
          sql`insert into documents (source_id, bot_id, url, title, content_hash)
          values (${sourceId}::uuid, ${bot.id}::uuid, ${`https://scifact.example/page/${group[0]!.n}`}, ${group[0]!.title}, 'bench')
          returning id`,
        );
        const inserted = await queryRows<{ id: string; ordinal: number }>(
          tx as unknown as Orm,
          sql`insert into chunks (document_id, bot_id, ordinal, heading_path, content, token_count)
          values ${sql.join(
            group.map(
              (item, ordinal) =>
                sql`(${document!.id}::uuid, ${bot.id}::uuid, ${ordinal}, '{}', ${item.content}, ${Math.ceil(item.content.length / 4)})`,
            ),
            sql`, `,
          )}
          returning id, ordinal`,
        );
        await tx.execute(sql`
          insert into chunk_embeddings (chunk_id, bot_id, model, embedding)
          values ${sql.join(
            inserted.map(
              (row) =>
                sql`(${row.id}::uuid, ${bot.id}::uuid, ${jarvis.services.embedder.model}, ${`[${vectors[i + row.ordinal]!.join(',')}]`}::vector)`,
            ),
            sql`, `,
          )}`);
      }
    });
    if ((start / 1000) % 10 === 0)
      console.error(
        `indexed ${start + batch.length}/${chunkCount} chunks, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  console.error(`building the HNSW index, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await orm.execute(sql`set maintenance_work_mem = '1GB'`);
  await jarvis.services.vectors.prepare?.();
  await refreshLexemeStats(orm, bot.id);
  await orm.execute(sql`analyze`);
  await jarvis.close();
  await writeFile(marker, JSON.stringify({ botKey: bot.publishableKey }));
  console.error(`dataset ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return bot.publishableKey;
}

function startChild(
  command: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (data) => {
      output += data;
      const match = output.match(ready);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${output}`)),
    );
  });
}

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmHWM:\s+(\d+)/)![1]) / 1024);
}

function pct(values: number[], percentile: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]! * 10) /
    10
  );
}
