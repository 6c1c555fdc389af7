#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createJarvis, type Jarvis } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './main.js';
import { createApiKey } from './modules/accounts/api-key-service.js';
import { type Bot, createBot, ensureLocalWorkspace, findBotBySlug } from './modules/bots/bot-service.js';
import type { AnswerChunk } from './modules/chat/answer-stream.js';
import { maxQuestionLength } from './modules/chat/chat-router.js';
import { askQuestion } from './modules/chat/chat-service.js';
import { addOrResumeSource } from './modules/ingest/add-or-resume-source.js';
import { createIngestProgressBar, formatIngestSummary } from './modules/ingest/ingest-progress-bar.js';
import { type IngestProgress, runJobNow, sourceFromArgument } from './modules/ingest/ingest-service.js';
import { type OriginMapping, parseOriginMapping } from './modules/ingest/origin-rewrite.js';
import { listPageErrors } from './modules/ingest/page-errors.js';

const usage = `Usage: jarvis <command> [options]

Commands:
  start                    start the server (demo bot on first start)
  ingest <url|path>        crawl a site (or a sitemap.xml[.gz]), or read a file or folder (Markdown,
                           text, HTML, PDF, .docx), into a bot; run it again to resume an
                           interrupted ingest or to re-sync
  ask "<question>"         answer a question from a bot's sources, streamed
  keys create [--name n] [--read-only]
                           create a secret API key for the owner's API (shown once);
                           a read-only key can list and read but not change anything

Options:
  --data-dir <dir>         data folder of the embedded database (default .jarvis, env JARVIS_DATA_DIR)
  --bot <slug>             bot to use (default demo); ingest creates it if it does not exist
  --port <n>               port for start (default 3000, env PORT)
  --max-pages <n>          ingest: most pages to crawl (default 200)
  --map-origin FROM=TO     ingest: fetch URLs under origin FROM from origin TO instead (a local
                           mirror whose sitemap names production); may be repeated
  --json                   ask: print one JSON object {answer, sources} instead of streaming
  -h, --help               show this help
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      bot: { type: 'string', default: 'demo' },
      port: { type: 'string' },
      'max-pages': { type: 'string' },
      'map-origin': { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      name: { type: 'string', default: 'CLI key' },
      'read-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig({
    ...process.env,
    ...(values['data-dir'] ? { JARVIS_DATA_DIR: values['data-dir'] } : {}),
    ...(values.port ? { PORT: values.port } : {}),
  });

  if (command === 'start') {
    const server = await startServer(config);
    process.stdout.write(`Jarvis is running at ${server.url}\n`);
    if (server.demoBotKey)
      process.stdout.write(`Demo page: ${server.url}/  (bot key ${server.demoBotKey})\n`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {});
  }

  const jarvis = await createJarvis(config);
  try {
    if (command === 'ingest')
      return await ingestCommand(jarvis, rest, values.bot, values['max-pages'], values['map-origin']);
    if (command === 'ask') return await askCommand(jarvis, rest, values.bot, values.json);
    if (command === 'keys' && rest[0] === 'create')
      return await createKeyCommand(jarvis, values.name, values['read-only']);
    throw new UsageError(`Unknown command "${command}".`);
  } finally {
    await jarvis.close();
  }
}

async function ingestCommand(
  jarvis: Jarvis,
  args: string[],
  slug: string,
  maxPages: string | undefined,
  mapOrigins: string[] | undefined,
): Promise<number> {
  const target = args[0];
  if (!target)
    throw new UsageError('ingest needs a URL or a path, e.g. jarvis ingest https://example.com/docs/');
  const pageLimit = maxPages === undefined ? undefined : Number(maxPages);
  if (pageLimit !== undefined && !(Number.isInteger(pageLimit) && pageLimit > 0)) {
    throw new UsageError('--max-pages must be a whole number above 0');
  }
  let mapOrigin: OriginMapping[] | undefined;
  try {
    mapOrigin = mapOrigins?.map(parseOriginMapping);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const source = await sourceFromArgument(target, {
    ...(pageLimit ? { maxPages: pageLimit } : {}),
    ...(mapOrigin ? { mapOrigin } : {}),
  });
  const bot = await botForIngest(jarvis, slug);
  const { jobId, sourceId, mode } = await addOrResumeSource(jarvis.ingest, bot.id, source);
  const doing = { new: 'Ingesting', resume: 'Resuming the interrupted ingest of', resync: 'Re-syncing' }[
    mode
  ];
  process.stderr.write(`${doing} ${source.location} into bot "${bot.slug}"…\n`);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  // A sitemap lists its pages up front; a crawl or a folder keeps finding more, so no ETA for those.
  const bar = createIngestProgressBar({ stream: process.stderr, totalKnown: source.kind === 'sitemap' });
  let result: IngestProgress;
  try {
    result = await runJobNow(jarvis.ingest, jobId, (progress) => bar.update(progress), abort.signal);
  } finally {
    bar.stop();
  }
  const failures = await listPageErrors(jarvis.database.orm, sourceId);
  process.stderr.write(formatIngestSummary(result, failures));
  process.stdout.write(
    `${JSON.stringify({ bot: bot.slug, publishableKey: bot.publishableKey, ...result })}\n`,
  );
  return 0;
}

async function askCommand(jarvis: Jarvis, args: string[], slug: string, json: boolean): Promise<number> {
  const question = args.join(' ').trim();
  if (!question) throw new UsageError('ask needs a question, e.g. jarvis ask "How do I install it?"');
  if (question.length > maxQuestionLength)
    throw new UsageError(`The question is longer than ${maxQuestionLength} characters.`);
  const workspaceId = await ensureLocalWorkspace(jarvis.database.orm);
  const bot = await findBotBySlug(jarvis.database.orm, workspaceId, slug);
  if (!bot)
    throw new UsageError(
      `There is no bot "${slug}" in ${jarvis.config.JARVIS_DATA_DIR}. Create it with jarvis ingest --bot ${slug} <url>.`,
    );

  let answer = '';
  let sources: Extract<AnswerChunk, { type: 'sources-ready' }>['sources'] = [];
  for await (const chunk of await askQuestion(jarvis.services, bot, { question })) {
    if (chunk.type === 'text-delta') {
      answer += chunk.text;
      if (!json) process.stdout.write(chunk.text);
    } else if (chunk.type === 'sources-ready') sources = chunk.sources;
    else if (chunk.type === 'error') throw new Error(chunk.message);
  }
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ answer, sources: sources.map(({ url, title }) => ({ url, title })) })}\n`,
    );
  } else {
    process.stdout.write('\n');
    if (sources.length > 0)
      process.stdout.write(
        `\nSources:\n${sources.map((s) => `  [${s.number}] ${s.title} – ${s.url}`).join('\n')}\n`,
      );
  }
  return 0;
}

async function createKeyCommand(jarvis: Jarvis, name: string, readOnly: boolean): Promise<number> {
  const created = await createApiKey(
    jarvis.database.orm,
    await ensureLocalWorkspace(jarvis.database.orm),
    name,
    readOnly ? ['read'] : ['read', 'write'],
  );
  process.stderr.write(
    'Keep this key secret; it is not shown again. Send it as "Authorization: Bearer <key>".\n',
  );
  process.stdout.write(`${created.key}\n`);
  return 0;
}

async function botForIngest(jarvis: Jarvis, slug: string): Promise<Bot> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) {
    throw new UsageError('--bot must be lowercase letters, digits and dashes, e.g. my-docs');
  }
  const workspaceId = await ensureLocalWorkspace(jarvis.database.orm);
  const existing = await findBotBySlug(jarvis.database.orm, workspaceId, slug);
  if (existing) return existing;
  process.stderr.write(`Created bot "${slug}".\n`);
  return createBot(jarvis.database.orm, { workspaceId, slug, name: slug });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${usage}`);
    else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
