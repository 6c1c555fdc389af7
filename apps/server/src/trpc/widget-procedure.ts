import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { findBotByPublishableKey, isOriginAllowed } from '../modules/bots/bot-service.js';
import { enforceLimit } from './enforce-limit.js';
import { publicProcedure } from './init.js';

/** Response headers the widget may read on another site's page. */
const widgetExposedHeaders =
  'retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, x-request-id';

/** The bot's publishable key, as the widget's `bot` attribute holds it. */
export const botKeySchema = z
  .string({ error: 'botKey is required: the bot’s publishable key (pk_…)' })
  .regex(/^pk_[A-Za-z0-9_-]{8,64}$/, 'botKey must be a publishable key like pk_…');

/**
 * Procedures the public widget calls. The publishable key names the bot; the page's Origin must be on
 * the bot's allowlist, so a key copied from a page is useless on another site's pages, and only such
 * a page gets the CORS header that lets the browser read the answer.
 */
export const widgetProcedure = publicProcedure
  .meta({ widget: true })
  .input(z.object({ botKey: botKeySchema }))
  .use(async ({ ctx, input, next }) => {
    const bot = await findBotByPublishableKey(ctx.services.orm, input.botKey);
    if (!bot) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'No bot has this publishable key. Check the bot attribute.',
      });
    }
    if (!isOriginAllowed(bot, ctx.origin)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This bot does not accept requests from ${ctx.origin}. Add it to the bot's allowed origins.`,
      });
    }
    // CORS per bot: only a page on the bot's allowlist may read the answer (its 429s included).
    if (ctx.origin) {
      ctx.setHeader('access-control-allow-origin', ctx.origin);
      ctx.setHeader('access-control-expose-headers', widgetExposedHeaders);
    }
    // One bot's visitors share its allowance, so a flood against one site cannot starve the others.
    await enforceLimit(ctx, 'bot', bot.id, 'for this bot right now');
    return next({ ctx: { bot } });
  });
