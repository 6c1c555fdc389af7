import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { bots } from '../../db/schema.js';
import { apiKeyProcedure } from '../../trpc/api-key-procedure.js';
import { router } from '../../trpc/init.js';
import { identitySecretOf, rotateIdentitySecret } from './visitor-identity.js';
import { widgetStringNames } from './widget-strings.js';

const originSchema = z.union([
  z.literal('*'),
  z
    .url('each allowed origin must be like https://www.example.com, or *')
    .refine(
      (value) => new URL(value).origin === value,
      'an allowed origin has no path: https://www.example.com',
    ),
]);

const colourSchema = (name: string) =>
  z.string().regex(/^#[0-9a-fA-F]{6}$/, `${name} must be a colour like #4f46e5`);

/** Every setting an owner may change; unknown keys are refused rather than stored. */
const botSettingsSchema = z
  .object({
    greeting: z.string().max(500),
    starterQuestions: z.array(z.string().trim().min(1).max(200)).max(6, 'at most 6 starter questions'),
    fallbackMessage: z.string().trim().min(1).max(500),
    accentColor: colourSchema('accentColor'),
    accentTextColor: z.union([z.literal(''), colourSchema('accentTextColor')]),
    avatarUrl: z.union([
      z.literal(''),
      z.url({ protocol: /^https?$/, error: 'avatarUrl must be an http(s) URL of an image' }).max(2000),
    ]),
    strings: z.record(
      z
        .string()
        .regex(/^[a-z]{2,3}$/, 'strings are keyed by language code, e.g. { "en": { "send": "Ask" } }'),
      z
        .partialRecord(z.enum(widgetStringNames), z.string().trim().min(1).max(200))
        .refine(
          (strings) => Object.keys(strings).length > 0,
          'give at least one string for each language listed',
        ),
    ),
    placeholder: z.string().max(100),
    instructions: z.string().max(4000),
    model: z.string().trim().min(1).max(100),
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().min(16).max(8000),
    language: z.string().trim().min(2).max(40),
  })
  .partial()
  .strict();

const botIdSchema = z.uuid('botId must be a bot id from bots.list');

/** The owner's bots. */
export const botsRouter = router({
  list: apiKeyProcedure.query(({ ctx }) =>
    ctx.services.orm
      .select({
        id: bots.id,
        slug: bots.slug,
        name: bots.name,
        publishableKey: bots.publishableKey,
        allowedOrigins: bots.allowedOrigins,
        settings: bots.settings,
      })
      .from(bots)
      .where(eq(bots.workspaceId, ctx.workspaceId))
      .orderBy(bots.createdAt),
  ),

  /** Changes a bot's name, allowed origins or settings; settings given are merged over the stored ones. */
  update: apiKeyProcedure
    .input(
      z
        .object({
          botId: botIdSchema,
          name: z.string().trim().min(1).max(200).optional(),
          allowedOrigins: z.array(originSchema).max(50).optional(),
          settings: botSettingsSchema.optional(),
        })
        // Said here rather than found out by the database: an update with nothing in it has no SQL.
        .refine((input) => input.name ?? input.allowedOrigins ?? input.settings, {
          message: 'Nothing to change: give at least one of name, allowedOrigins or settings.',
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const [updated] = await ctx.services.orm
        .update(bots)
        .set({
          ...(input.name ? { name: input.name } : {}),
          ...(input.allowedOrigins ? { allowedOrigins: input.allowedOrigins } : {}),
          ...(input.settings
            ? { settings: sql`${bots.settings} || ${JSON.stringify(input.settings)}::jsonb` }
            : {}),
        })
        .where(and(eq(bots.id, input.botId), eq(bots.workspaceId, ctx.workspaceId)))
        .returning({
          id: bots.id,
          name: bots.name,
          allowedOrigins: bots.allowedOrigins,
          settings: bots.settings,
        });
      if (!updated)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No bot with this id in your workspace.' });
      return updated;
    }),

  /** The secret the owner's server signs user ids with for the widget's identify(): hex(HMAC-SHA256(secret, id)). */
  identitySecret: apiKeyProcedure.input(z.object({ botId: botIdSchema })).query(async ({ ctx, input }) => ({
    identitySecret: await identitySecretOf(ctx.services.orm, input.botId, ctx.workspaceId),
  })),

  /** Replaces the identity secret (e.g. after a leak); identities signed with the old one stop verifying. */
  rotateIdentitySecret: apiKeyProcedure
    .input(z.object({ botId: botIdSchema }))
    .mutation(async ({ ctx, input }) => ({
      identitySecret: await rotateIdentitySecret(ctx.services.orm, ctx.workspaceId, input.botId),
    })),
});
