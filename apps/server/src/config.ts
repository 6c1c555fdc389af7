import { z } from 'zod';
import { defaultLimitRules } from './adapters/ratelimit/port.js';

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()));

/** A rate-limit rule as `requests/seconds`, e.g. `600/60` for 600 requests a minute. */
const limitRule = z
  .string()
  .regex(/^\d+\/\d+$/, 'a rule is requests/seconds, e.g. 600/60')
  .transform((value) => {
    const [points, windowSeconds] = value.split('/').map(Number) as [number, number];
    return { points, windowSeconds };
  })
  .refine((rule) => rule.points > 0 && rule.windowSeconds > 0, 'both numbers must be above 0');

const authSecret = z.string().min(32, 'use at least 32 random characters, e.g. `openssl rand -base64 32`');

/**
 * Every setting Jarvis reads, with embedded defaults. Only the variables named here are read:
 * an unknown `JARVIS_*` variable is not configuration.
 */
const configSchema = z.object({
  JARVIS_DATA_DIR: z.string().min(1).default('.jarvis'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The URL visitors reach this server at; printed and used in the demo page. Defaults to http://HOST:PORT. */
  JARVIS_PUBLIC_URL: z.url().optional(),
  /** Postgres (Supabase or any) instead of the embedded PGlite database. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Hosts the crawler may reach even though they resolve to private addresses (tests, intranets). */
  JARVIS_CRAWL_ALLOW_HOSTS: commaList.default([]),
  JARVIS_CRAWL_USER_AGENT: z.string().min(1).default('JarvisBot/0.1 (+https://github.com/jarvis-ai/jarvis)'),
  /** Chromium used for pages that need JavaScript. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Create and ingest the demo bot when the database is empty. */
  JARVIS_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** OpenAI, or any server with its API (Ollama, vLLM, LM Studio) through OPENAI_BASE_URL. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  OPENAI_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
  /** Pinecone instead of pgvector for vectors; the index host comes from the Pinecone console. */
  PINECONE_API_KEY: z.string().min(1).optional(),
  PINECONE_INDEX_HOST: z.string().min(1).optional(),
  /** Who writes answers: `openai` (default when OPENAI_API_KEY or OPENAI_BASE_URL is set) or the offline `extractive`. */
  JARVIS_ANSWERER: z.enum(['openai', 'extractive']).optional(),
  /** Who embeds: `openai` (default when OPENAI_API_KEY is set) or the offline `local`. Changing it needs a re-sync. */
  JARVIS_EMBEDDINGS: z.enum(['openai', 'local']).optional(),
  /** Redis for rate-limit counters shared by several servers; in memory without it. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be like redis://host:6379' }).optional(),
  /** Rate limits as requests/seconds: per client address, per secret API key, per bot (all its visitors), and wrong keys per address. */
  JARVIS_RATE_LIMIT_IP: limitRule.default(defaultLimitRules.ip),
  JARVIS_RATE_LIMIT_API_KEY: limitRule.default(defaultLimitRules.apiKey),
  JARVIS_RATE_LIMIT_BOT: limitRule.default(defaultLimitRules.bot),
  JARVIS_RATE_LIMIT_FAILED_AUTH: limitRule.default(defaultLimitRules.failedAuth),
  /** Password sign-ins per account and per address, and second-factor codes per address. */
  JARVIS_RATE_LIMIT_SIGN_IN: limitRule.default(defaultLimitRules.signIn),
  JARVIS_RATE_LIMIT_MFA: limitRule.default(defaultLimitRules.mfa),
  /**
   * Signs session cookies and encrypts TOTP secrets (32+ characters, e.g. `openssl rand -base64 32`).
   * Unset, embedded mode keeps a generated one in JARVIS_DATA_DIR/auth-secret; several servers must share one.
   */
  JARVIS_AUTH_SECRET: authSecret.optional(),
  /** better-auth's own name for JARVIS_AUTH_SECRET, read when that is unset. */
  BETTER_AUTH_SECRET: authSecret.optional(),
  /**
   * Supabase Auth instead of built-in accounts: the project URL (https://<ref>.supabase.co). Users sign
   * in with supabase-js; the server verifies their access tokens against the project's signing keys.
   */
  SUPABASE_URL: z
    .url({
      protocol: /^https?$/,
      error: 'SUPABASE_URL must be the project URL, e.g. https://abcd.supabase.co',
    })
    .optional(),
  /** The project's legacy JWT secret, only for projects whose tokens are still signed with HS256. */
  SUPABASE_JWT_SECRET: z
    .string()
    .min(32, 'the JWT secret is at least 32 characters (Project settings → API)')
    .optional(),
  /** Also refuse new passwords found in Have I Been Pwned (k-anonymity range API; needs the network). */
  JARVIS_HIBP: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /** Where the range API lives (`{url}/range/{first 5 hex of SHA-1}`); a mirror or a test server. */
  JARVIS_HIBP_URL: z.url({ protocol: /^https?$/ }).default('https://api.pwnedpasswords.com'),
  /**
   * Behind a load balancer or proxy: which X-Forwarded-For hops to trust for the client's address
   * (Express's `trust proxy`: `true`, a hop count, or addresses/subnets such as `loopback`).
   * Off by default, so a client cannot pick its own address for rate limits.
   */
  JARVIS_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string =>
      value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
    ),
});

/** Validated settings, read once at start. */
export type Config = z.infer<typeof configSchema> & { publicUrl: string };

/** Thrown when a setting is invalid; the message names each bad variable and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads settings from `env` (process.env by default), throwing ConfigError with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(env[name])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const settings = parsed.data;
  const openaiConfigured = Boolean(settings.OPENAI_API_KEY || settings.OPENAI_BASE_URL);
  settings.JARVIS_ANSWERER ??= openaiConfigured ? 'openai' : 'extractive';
  settings.JARVIS_EMBEDDINGS ??= settings.OPENAI_API_KEY ? 'openai' : 'local';
  if (settings.PINECONE_API_KEY && !settings.PINECONE_INDEX_HOST) {
    throw new ConfigError(
      'Invalid configuration:\n  PINECONE_API_KEY is set but PINECONE_INDEX_HOST is not: copy the index host from the Pinecone console.',
    );
  }
  if (
    (settings.JARVIS_ANSWERER === 'openai' || settings.JARVIS_EMBEDDINGS === 'openai') &&
    !openaiConfigured
  ) {
    throw new ConfigError(
      'Invalid configuration:\n  JARVIS_ANSWERER/JARVIS_EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local model server).',
    );
  }
  if (settings.SUPABASE_JWT_SECRET && !settings.SUPABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  SUPABASE_JWT_SECRET is set but SUPABASE_URL is not: set the project URL to turn Supabase Auth on.',
    );
  }
  const host = settings.HOST.includes(':') ? `[${settings.HOST}]` : settings.HOST;
  return { ...settings, publicUrl: settings.JARVIS_PUBLIC_URL ?? `http://${host}:${settings.PORT}` };
}
