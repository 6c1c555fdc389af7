import { z } from 'zod';
import { router } from '../../trpc/init.js';
import { widgetProcedure } from '../../trpc/widget-procedure.js';
import { visitorIdentitySchema } from '../bots/visitor-identity.js';
import { askQuestion } from './chat-service.js';
import { conversationHistory, recordFeedback } from './conversation-store.js';

/** Longest question accepted; longer text is almost always a paste of a page, not a question. */
export const maxQuestionLength = 2000;

const conversationIdSchema = z.uuid('conversationId must be the id an earlier answer returned');

export const chatRouter = router({
  /** Streams the answer to a visitor's question over SSE: text deltas, then sources, then the end record. */
  send: widgetProcedure
    .input(
      z.object({
        question: z
          .string()
          .trim()
          .min(1, 'question must not be empty')
          .max(maxQuestionLength, `question must be at most ${maxQuestionLength} characters`),
        conversationId: conversationIdSchema.optional(),
        /** Who the page says the visitor is (identify()); trusted only with a valid signature. */
        identity: visitorIdentitySchema.optional(),
      }),
    )
    .subscription(({ ctx, input, signal }) => askQuestion(ctx.services, ctx.bot, input, signal)),

  /** The messages of a conversation, so a visitor can pick it up after a reload. */
  history: widgetProcedure
    .input(z.object({ conversationId: conversationIdSchema }))
    .query(({ ctx, input }) => conversationHistory(ctx.services.orm, ctx.bot.id, input.conversationId)),

  /** A visitor's thumbs up or down on an answer, with an optional comment. */
  feedback: widgetProcedure
    .input(
      z.object({
        messageId: z.uuid('messageId must be the id from the answer-end record'),
        rating: z.enum(['up', 'down'], { error: "rating must be 'up' or 'down'" }),
        comment: z.string().trim().max(2000, 'comment must be at most 2000 characters').optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await recordFeedback(ctx.services.orm, ctx.bot.id, input);
      return { ok: true as const };
    }),
});
