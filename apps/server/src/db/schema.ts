import { boolean, customType, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WidgetStringName } from '../modules/bots/widget-strings.js';

/**
 * Typed view of the tables that `db/migrations/*.sql` creates. The SQL files are the source of
 * truth (they run unchanged on PGlite, Postgres and Supabase); this file only lets queries be typed.
 */

export * from './auth-schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Options a source was added with: crawl scope and limits. */
export interface SourceOptions {
  maxPages?: number;
  maxDepth?: number;
  include?: string[];
  exclude?: string[];
  render?: 'auto' | 'always' | 'never';
  /** The text itself, for `text` sources. */
  text?: string;
  /** Folder sources: the URL the files are published under, so citations link there. */
  baseUrl?: string;
  /** Origins fetched from another origin (a local mirror of a site whose sitemap names production). */
  mapOrigin?: { from: string; to: string }[];
}

/** A source as cited beside an answer. */
export interface CitedSource {
  number: number;
  url: string;
  title: string;
}

/** Per-bot settings stored as JSON; every field has a default in the bots module. */
export interface BotSettings {
  greeting?: string;
  starterQuestions?: string[];
  fallbackMessage?: string;
  accentColor?: string;
  /** Text and icons drawn on the accent colour; the widget picks black or white when empty. */
  accentTextColor?: string;
  /** The bot's picture beside its answers and in the header (http or https URL). */
  avatarUrl?: string;
  placeholder?: string;
  /** The owner's wording of the widget's built-in strings, per language: `{ en: { send: 'Ask' } }`. */
  strings?: Record<string, Partial<Record<WidgetStringName, string>>>;
  instructions?: string;
  /** Chat model for this bot (OpenAI-compatible answerer only); the server default otherwise. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** `auto` replies in the visitor's language; otherwise a language name, e.g. `French`. */
  language?: string;
}

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Members must have two-factor authentication on to use the workspace. */
  requireMfa: boolean('require_mfa').notNull().default(false),
});

export const bots = pgTable('bots', {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  slug: text().notNull(),
  name: text().notNull(),
  publishableKey: text('publishable_key').notNull(),
  allowedOrigins: text('allowed_origins').array().notNull(),
  settings: jsonb().$type<BotSettings>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sources = pgTable('sources', {
  id: uuid().primaryKey().defaultRandom(),
  botId: uuid('bot_id').notNull(),
  kind: text().$type<'url' | 'site' | 'sitemap' | 'folder' | 'file' | 'text'>().notNull(),
  location: text().notNull(),
  options: jsonb().$type<SourceOptions>().notNull(),
  status: text().$type<'queued' | 'running' | 'ready' | 'failed'>().notNull(),
  error: text(),
  pageCount: integer('page_count').notNull(),
  chunkCount: integer('chunk_count').notNull(),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  resync: text().$type<ResyncInterval>().notNull().default('off'),
  nextSyncAt: timestamp('next_sync_at', { withTimezone: true }),
});

/** How often the worker re-syncs a source on its own. */
export type ResyncInterval = 'off' | 'daily' | 'weekly' | 'monthly';

export const documents = pgTable('documents', {
  id: uuid().primaryKey().defaultRandom(),
  sourceId: uuid('source_id').notNull(),
  botId: uuid('bot_id').notNull(),
  url: text().notNull(),
  title: text().notNull(),
  contentHash: text('content_hash').notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  etag: text(),
  lastModified: text('last_modified'),
  /** Links found on the page, followed again when a re-sync gets 304 Not Modified for it. */
  links: text().array(),
});

export const chunks = pgTable('chunks', {
  id: uuid().primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  botId: uuid('bot_id').notNull(),
  ordinal: integer().notNull(),
  headingPath: text('heading_path').array().notNull(),
  content: text().notNull(),
  tokenCount: integer('token_count').notNull(),
  searchText: tsvector('search_text'),
});

export const conversations = pgTable('conversations', {
  id: uuid().primaryKey().defaultRandom(),
  botId: uuid('bot_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const messages = pgTable('messages', {
  id: uuid().primaryKey().defaultRandom(),
  conversationId: uuid('conversation_id').notNull(),
  role: text().$type<'user' | 'assistant'>().notNull(),
  content: text().notNull(),
  status: text().$type<'complete' | 'unanswered' | 'stopped' | 'error'>().notNull(),
  sources: jsonb().$type<CitedSource[]>().notNull(),
  timeToFirstTokenMs: integer('time_to_first_token_ms'),
  totalMs: integer('total_ms'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  replyTo: uuid('reply_to'),
  uncertain: boolean().notNull().default(false),
  promptTokens: integer('prompt_tokens'),
  completionTokens: integer('completion_tokens'),
  feedback: text().$type<'up' | 'down'>(),
  feedbackComment: text('feedback_comment'),
  feedbackAt: timestamp('feedback_at', { withTimezone: true }),
});

export const pageErrors = pgTable('page_errors', {
  id: uuid().primaryKey().defaultRandom(),
  sourceId: uuid('source_id').notNull(),
  url: text().notNull(),
  reason: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres sends a Buffer as bytea; PGlite takes any Uint8Array, Buffer included.
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** The bytes of an uploaded file source (`kind: 'file'`). */
export const sourceFiles = pgTable('source_files', {
  sourceId: uuid('source_id').primaryKey(),
  name: text().notNull(),
  contentType: text('content_type'),
  content: bytea().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a secret key may do: `read` for queries and streams, `write` for mutations. */
export const apiKeyScopes = ['read', 'write'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const apiKeys = pgTable('api_keys', {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  name: text().notNull(),
  prefix: text().notNull(),
  keyHash: text('key_hash').notNull(),
  scopes: text().array().$type<ApiKeyScope[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const jobs = pgTable('jobs', {
  id: uuid().primaryKey().defaultRandom(),
  kind: text().notNull(),
  botId: uuid('bot_id'),
  payload: jsonb().$type<Record<string, unknown>>().notNull(),
  status: text().$type<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>().notNull(),
  progress: jsonb().$type<Record<string, unknown>>().notNull(),
  attempts: integer().notNull(),
  error: text(),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
