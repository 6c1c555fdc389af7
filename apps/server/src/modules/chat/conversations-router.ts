import { z } from 'zod';
import { apiKeyProcedure } from '../../trpc/api-key-procedure.js';
import { router } from '../../trpc/init.js';
import { beforeCursorSchema } from '../../trpc/page-cursor.js';
import { getConversation, listConversations, listCoverageGaps } from './conversation-queries.js';

const botFilter = z.uuid('botId must be a bot id from bots.list').optional();

/** The owner's read access to what visitors asked and how the bots answered. */
export const conversationsRouter = router({
  list: apiKeyProcedure
    .input(
      z
        .object({
          botId: botFilter,
          limit: z.number().int().min(1).max(100).default(20),
          before: beforeCursorSchema.optional(),
        })
        .default({ limit: 20 }),
    )
    .query(({ ctx, input }) => listConversations(ctx.services.orm, ctx.workspaceId, input)),

  get: apiKeyProcedure
    .input(z.object({ conversationId: z.uuid('conversationId must be an id from conversations.list') }))
    .query(({ ctx, input }) => getConversation(ctx.services.orm, ctx.workspaceId, input.conversationId)),

  /** Unanswered questions and weakly grounded answers: what the site's content does not cover. */
  gaps: apiKeyProcedure
    .input(
      z
        .object({ botId: botFilter, limit: z.number().int().min(1).max(200).default(50) })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listCoverageGaps(ctx.services.orm, ctx.workspaceId, input)),
});
