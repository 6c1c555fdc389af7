import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../adapters/db/port.js';
import { bots, jobs, sources } from '../../db/schema.js';
import { apiKeyProcedure } from '../../trpc/api-key-procedure.js';
import { router } from '../../trpc/init.js';
import { addSource } from './ingest-service.js';
import { enqueueJob } from './job-queue.js';
import { refreshLexemeStats } from './lexeme-stats.js';
import { listPageErrors } from './page-errors.js';
import { maxFileBytes } from './parse-file.js';
import { nextSyncAfterNow } from './resync-schedule.js';
import { sniffFileType } from './sniff-file-type.js';

const webUrl = z
  .url({ protocol: /^https?$/, error: 'location must be an http(s) URL, e.g. https://example.com/docs/' })
  .max(2000);

const origin = z
  .url({ protocol: /^https?$/, error: 'mapOrigin takes http(s) origins, e.g. https://www.example.com' })
  .max(200)
  .transform((url) => new URL(url).origin);

const crawlOptions = z
  .object({
    maxPages: z.number().int().min(1).max(10_000).optional(),
    maxDepth: z.number().int().min(0).max(20).optional(),
    include: z.array(z.string().min(1).max(200)).max(50).optional(),
    exclude: z.array(z.string().min(1).max(200)).max(50).optional(),
    render: z.enum(['auto', 'never']).optional(),
    /** Fetch URLs found under `from` from `to` instead: a local mirror of a site whose sitemap names production. */
    mapOrigin: z
      .array(z.object({ from: origin, to: origin }).strict())
      .max(10)
      .optional(),
  })
  .strict()
  .default({});

/** What an owner may add over the API; folders on the server's disk are for the CLI only, files are uploaded. */
const resyncSchema = z.enum(['off', 'daily', 'weekly', 'monthly'], {
  error: "resync must be 'off', 'daily', 'weekly' or 'monthly'",
});

const tooLarge = `the file must be at most ${maxFileBytes / 1024 / 1024} MB`;

/** Base64 takes 4 characters for every 3 bytes. */
const maxUploadBase64Length = Math.ceil(maxFileBytes / 3) * 4;

/** The request body `sources.add` accepts: the largest upload as base64, and room for the rest. */
export const maxSourcesAddBodyBytes = maxUploadBase64Length + 64 * 1024;

/**
 * Checks an uploaded file's real type from its bytes before anything is stored, so an unreadable
 * file is refused at once with a message naming it, instead of failing later in the worker.
 */
function uploadedFile(source: { name: string; contentType?: string | undefined; contentBase64: string }) {
  const bytes = Buffer.from(source.contentBase64, 'base64');
  // The schema's length check allows for padding; the decoded size is what the limit is about.
  if (bytes.byteLength > maxFileBytes) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: tooLarge });
  }
  if (!sniffFileType(bytes, { name: source.name, contentType: source.contentType })) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${source.name} is not a PDF, Word (.docx), HTML, Markdown or plain-text file.`,
    });
  }
  return { bytes, contentType: source.contentType };
}

const newSourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('site'),
      location: webUrl,
      options: crawlOptions,
      resync: resyncSchema.default('off'),
    }),
    z.object({ kind: z.literal('url'), location: webUrl, resync: resyncSchema.default('off') }),
    z.object({
      kind: z.literal('sitemap'),
      location: webUrl,
      options: crawlOptions,
      resync: resyncSchema.default('off'),
    }),
    z.object({
      kind: z.literal('file'),
      name: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^/\\]+$/, 'name must be a file name without folders, e.g. handbook.pdf'),
      contentType: z.string().max(200).optional(),
      contentBase64: z
        .base64('contentBase64 must be the file encoded as base64')
        .min(1, 'the file is empty')
        .max(maxUploadBase64Length, tooLarge),
    }),
    z.object({
      kind: z.literal('text'),
      title: z.string().trim().min(1).max(200),
      text: z.string().trim().min(1, 'text must not be empty').max(1_000_000, 'text must be at most 1 MB'),
    }),
  ],
  { error: "kind must be 'site', 'url', 'sitemap', 'file' or 'text'" },
);

async function ownedBot(orm: Orm, workspaceId: string, botId: string): Promise<void> {
  const [bot] = await orm
    .select({ id: bots.id })
    .from(bots)
    .where(and(eq(bots.id, botId), eq(bots.workspaceId, workspaceId)));
  if (!bot) throw new TRPCError({ code: 'NOT_FOUND', message: 'No bot with this id in your workspace.' });
}

async function ownedSource(orm: Orm, workspaceId: string, sourceId: string) {
  const [row] = await orm
    .select({ source: sources })
    .from(sources)
    .innerJoin(bots, eq(bots.id, sources.botId))
    .where(and(eq(sources.id, sourceId), eq(bots.workspaceId, workspaceId)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No source with this id in your workspace.' });
  return row.source;
}

const sourceId = z.object({ sourceId: z.uuid('sourceId must be an id from sources.list') });

/** The owner's knowledge sources: add one (queued as a job), list, inspect, re-sync, remove. */
export const sourcesRouter = router({
  add: apiKeyProcedure
    .input(z.object({ botId: z.uuid('botId must be a bot id from bots.list'), source: newSourceSchema }))
    .mutation(async ({ ctx, input }) => {
      await ownedBot(ctx.services.orm, ctx.workspaceId, input.botId);
      const source = input.source;
      const created =
        source.kind === 'text'
          ? await addSource(ctx.services, input.botId, {
              kind: 'text',
              location: source.title,
              options: { text: source.text },
            })
          : source.kind === 'file'
            ? await addSource(ctx.services, input.botId, {
                kind: 'file',
                location: source.name,
                file: uploadedFile(source),
              })
            : await addSource(ctx.services, input.botId, {
                kind: source.kind,
                location: source.location,
                options: 'options' in source ? source.options : { maxPages: 1 },
                resync: source.resync,
              });
      return created;
    }),

  list: apiKeyProcedure
    .input(z.object({ botId: z.uuid('botId must be a bot id from bots.list') }))
    .query(async ({ ctx, input }) => {
      await ownedBot(ctx.services.orm, ctx.workspaceId, input.botId);
      return ctx.services.orm
        .select({
          id: sources.id,
          kind: sources.kind,
          location: sources.location,
          status: sources.status,
          error: sources.error,
          pageCount: sources.pageCount,
          chunkCount: sources.chunkCount,
          lastSyncedAt: sources.lastSyncedAt,
          resync: sources.resync,
          nextSyncAt: sources.nextSyncAt,
          createdAt: sources.createdAt,
        })
        .from(sources)
        .where(eq(sources.botId, input.botId))
        .orderBy(desc(sources.createdAt));
    }),

  /** One source with the pages its last sync could not use, and why. */
  get: apiKeyProcedure.input(sourceId).query(async ({ ctx, input }) => {
    const source = await ownedSource(ctx.services.orm, ctx.workspaceId, input.sourceId);
    const errors = await listPageErrors(ctx.services.orm, source.id);
    const { options, ...rest } = source;
    return { ...rest, options: { ...options, text: undefined }, pageErrors: errors };
  }),

  /** Fetches the source again; unchanged pages are skipped, vanished ones removed. */
  resync: apiKeyProcedure.input(sourceId).mutation(async ({ ctx, input }) => {
    const source = await ownedSource(ctx.services.orm, ctx.workspaceId, input.sourceId);
    if (source.status === 'queued' || source.status === 'running') {
      throw new TRPCError({ code: 'CONFLICT', message: 'This source is already being synced.' });
    }
    await ctx.services.orm.update(sources).set({ status: 'queued' }).where(eq(sources.id, source.id));
    return {
      jobId: await enqueueJob(ctx.services.orm, 'ingest-source', source.botId, { sourceId: source.id }),
    };
  }),

  /** Sets how often the worker re-syncs the source on its own. */
  schedule: apiKeyProcedure
    .input(sourceId.extend({ resync: resyncSchema }))
    .mutation(async ({ ctx, input }) => {
      const source = await ownedSource(ctx.services.orm, ctx.workspaceId, input.sourceId);
      const [updated] = await ctx.services.orm
        .update(sources)
        .set({ resync: input.resync, nextSyncAt: nextSyncAfterNow(input.resync) })
        .where(eq(sources.id, source.id))
        .returning({ resync: sources.resync, nextSyncAt: sources.nextSyncAt });
      return updated!;
    }),

  /** Removes the source with its pages, chunks and vectors. */
  remove: apiKeyProcedure.input(sourceId).mutation(async ({ ctx, input }) => {
    const source = await ownedSource(ctx.services.orm, ctx.workspaceId, input.sourceId);
    await ctx.services.orm
      .update(jobs)
      .set({ status: 'cancelled', finishedAt: sql`now()` })
      .where(
        and(sql`${jobs.payload}->>'sourceId' = ${source.id}`, inArray(jobs.status, ['queued', 'running'])),
      );
    await ctx.services.orm.delete(sources).where(eq(sources.id, source.id));
    await refreshLexemeStats(ctx.services.orm, source.botId);
    return { ok: true as const };
  }),
});
