import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBuiltInAuthenticator } from './adapters/auth/built-in.js';
import { createSupabaseAuthenticator } from './adapters/auth/supabase.js';
import { createHttpFetcher } from './adapters/browser/http-fetcher.js';
import { createPlaywrightFetcher } from './adapters/browser/playwright-fetcher.js';
import { createPgliteDatabase } from './adapters/db/pglite.js';
import type { Database } from './adapters/db/port.js';
import { createPostgresDatabase } from './adapters/db/postgres.js';
import { createLocalHashEmbedder } from './adapters/embeddings/local-hash.js';
import { createOpenAIEmbedder } from './adapters/embeddings/openai.js';
import { createExtractiveAnswerModel } from './adapters/llm/extractive.js';
import { createOpenAIAnswerModel } from './adapters/llm/openai.js';
import { createLogMailSender } from './adapters/mail/log.js';
import type { MailSender } from './adapters/mail/port.js';
import { createMemoryRateLimits } from './adapters/ratelimit/memory.js';
import type { LimitRules } from './adapters/ratelimit/port.js';
import { createRedisRateLimits } from './adapters/ratelimit/redis.js';
import { createPgvectorStore } from './adapters/vectors/pgvector.js';
import { createPineconeStore } from './adapters/vectors/pinecone.js';
import type { Config } from './config.js';
import { migrate } from './db/migrate.js';
import { createAuth } from './modules/accounts/auth.js';
import { readOrCreateAuthSecret } from './modules/accounts/auth-secret.js';
import { ensureSupabaseUser } from './modules/accounts/new-account.js';
import type { IngestDeps } from './modules/ingest/ingest-service.js';
import { requeueStaleJobs } from './modules/ingest/job-queue.js';
import type { Services } from './trpc/context.js';
import './trpc/services.js';

/** Everything a running Jarvis holds: the one place where each port gets its adapter. */
export interface Jarvis {
  config: Config;
  database: Database;
  services: Services;
  ingest: IngestDeps;
  close(): Promise<void>;
}

export interface CreateJarvisOptions {
  /** Keep the embedded database in memory instead of the data folder (tests). */
  inMemory?: boolean;
  /** Where account mails go; the log by default (tests pass one that keeps them). */
  mailSender?: MailSender;
}

/** Builds Jarvis from validated config: opens the database, migrates it and wires every adapter. */
export async function createJarvis(config: Config, options: CreateJarvisOptions = {}): Promise<Jarvis> {
  const authSecret =
    config.JARVIS_AUTH_SECRET ??
    config.BETTER_AUTH_SECRET ??
    // In memory nothing outlives the process, sessions included; otherwise the secret is kept.
    (options.inMemory
      ? randomBytes(32).toString('base64url')
      : await readOrCreateAuthSecret(join(config.JARVIS_DATA_DIR, 'auth-secret')));
  const database = config.DATABASE_URL
    ? await createPostgresDatabase(config.DATABASE_URL)
    : await createPgliteDatabase(options.inMemory ? undefined : join(config.JARVIS_DATA_DIR, 'db'));
  try {
    await migrate(database);
    // The embedded database is locked to this process, so a job still marked running was left by a
    // process that died (a kill, a crash): resume it now rather than after the stale timeout.
    await requeueStaleJobs(database.orm, database.kind === 'pglite' ? 0 : undefined);
  } catch (error) {
    await database.close();
    throw error;
  }

  const openai = { apiKey: config.OPENAI_API_KEY ?? 'not-needed', baseURL: config.OPENAI_BASE_URL };
  const embedder =
    config.JARVIS_EMBEDDINGS === 'openai'
      ? createOpenAIEmbedder({
          ...openai,
          model: config.OPENAI_EMBEDDING_MODEL,
          dimensions: config.OPENAI_EMBEDDING_DIMENSIONS,
        })
      : createLocalHashEmbedder();
  // The local embedder is lexical and only blurs BM25's ranking (any weight lowered nDCG on SciFact,
  // bench:quality): it is the fallback when full text finds nothing, searched exactly, without an
  // index to keep up at ingest. A semantic model's ranking is fused into every answer.
  const semanticVectors = config.JARVIS_EMBEDDINGS === 'openai';
  const vectors =
    config.PINECONE_API_KEY && config.PINECONE_INDEX_HOST
      ? createPineconeStore({ apiKey: config.PINECONE_API_KEY, indexHost: config.PINECONE_INDEX_HOST })
      : createPgvectorStore(database.orm, embedder.model, embedder.dimensions, {
          approximateIndex: semanticVectors,
        });
  await vectors.prepare?.();
  const answerModel =
    config.JARVIS_ANSWERER === 'openai'
      ? createOpenAIAnswerModel({ ...openai, model: config.OPENAI_CHAT_MODEL })
      : createExtractiveAnswerModel();
  const fetcher = createHttpFetcher({ allowHosts: config.JARVIS_CRAWL_ALLOW_HOSTS });
  // Chromium renders pages whose content needs JavaScript; it starts only when the first such page comes.
  const renderer = existsSync(config.CHROMIUM_PATH)
    ? createPlaywrightFetcher({
        executablePath: config.CHROMIUM_PATH,
        allowHosts: config.JARVIS_CRAWL_ALLOW_HOSTS,
      })
    : undefined;

  const retrievalDefaults = { vectorWeight: semanticVectors ? 1 : 0 };
  const limitRules: LimitRules = {
    ip: config.JARVIS_RATE_LIMIT_IP,
    apiKey: config.JARVIS_RATE_LIMIT_API_KEY,
    bot: config.JARVIS_RATE_LIMIT_BOT,
    failedAuth: config.JARVIS_RATE_LIMIT_FAILED_AUTH,
    signIn: config.JARVIS_RATE_LIMIT_SIGN_IN,
    mfa: config.JARVIS_RATE_LIMIT_MFA,
  };
  const rateLimits = config.REDIS_URL
    ? createRedisRateLimits(config.REDIS_URL, limitRules)
    : createMemoryRateLimits(limitRules);
  const mail = options.mailSender ?? createLogMailSender();
  const auth = createAuth({
    orm: database.orm,
    rateLimits,
    mail,
    publicUrl: config.publicUrl,
    secret: authSecret,
    pwnedPasswordsUrl: config.JARVIS_HIBP ? config.JARVIS_HIBP_URL : undefined,
    logLevel: config.LOG_LEVEL,
  });
  const authenticator = config.SUPABASE_URL
    ? createSupabaseAuthenticator({
        url: config.SUPABASE_URL,
        jwtSecret: config.SUPABASE_JWT_SECRET,
        ensureUser: (user, ip) => ensureSupabaseUser(database.orm, user, ip),
      })
    : createBuiltInAuthenticator((headers) => auth.api.getSession({ headers }));
  const services: Services = {
    orm: database.orm,
    embedder,
    vectors,
    answerModel,
    retrievalDefaults,
    rateLimits,
    auth,
    authenticator,
    mail,
  };
  const ingest: IngestDeps = {
    orm: database.orm,
    embedder,
    vectors,
    fetcher,
    ...(renderer ? { renderer } : {}),
    crawl: { userAgent: config.JARVIS_CRAWL_USER_AGENT },
  };
  return {
    config,
    database,
    services,
    ingest,
    async close() {
      await fetcher.close();
      await renderer?.close();
      await rateLimits.close();
      await database.close();
    },
  };
}
