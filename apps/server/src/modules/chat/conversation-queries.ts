import { TRPCError } from '@trpc/server';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Orm } from '../../adapters/db/port.js';
import { bots, conversations, messages } from '../../db/schema.js';

/** The owner's view of conversations: newest first, a page at a time, only their workspace's bots. */
export async function listConversations(
  orm: Orm,
  workspaceId: string,
  options: { botId?: string | undefined; limit: number; before?: Date | undefined },
) {
  const rows = await orm
    .select({
      id: conversations.id,
      botId: conversations.botId,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
      messageCount: sql<number>`(select count(*)::int from messages m where m.conversation_id = ${conversations.id})`,
      firstQuestion: sql<
        string | null
      >`(select m.content from messages m where m.conversation_id = ${conversations.id} and m.role = 'user' order by m.created_at limit 1)`,
    })
    .from(conversations)
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .where(
      and(
        eq(bots.workspaceId, workspaceId),
        options.botId ? eq(conversations.botId, options.botId) : undefined,
        options.before ? lt(conversations.updatedAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(options.limit);
  return { conversations: rows, nextBefore: rows.length === options.limit ? rows.at(-1)!.updatedAt : null };
}

/** One conversation with every message, its sources, timings, tokens and feedback. */
export async function getConversation(orm: Orm, workspaceId: string, conversationId: string) {
  const [conversation] = await orm
    .select({ id: conversations.id, botId: conversations.botId, createdAt: conversations.createdAt })
    .from(conversations)
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .where(and(eq(conversations.id, conversationId), eq(bots.workspaceId, workspaceId)));
  if (!conversation)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No conversation with this id in your workspace.' });
  const rows = await orm
    .select({
      id: messages.id,
      role: messages.role,
      content: messages.content,
      status: messages.status,
      uncertain: messages.uncertain,
      sources: messages.sources,
      timeToFirstTokenMs: messages.timeToFirstTokenMs,
      totalMs: messages.totalMs,
      promptTokens: messages.promptTokens,
      completionTokens: messages.completionTokens,
      feedback: messages.feedback,
      feedbackComment: messages.feedbackComment,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.createdAt);
  return { ...conversation, messages: rows };
}

/**
 * Coverage gaps: questions the bot could not answer from its sources, and answers it gave on weak
 * evidence, newest first, so the owner knows what content to add.
 */
export async function listCoverageGaps(
  orm: Orm,
  workspaceId: string,
  options: { botId?: string | undefined; limit: number },
) {
  const question = alias(messages, 'question');
  return orm
    .select({
      messageId: messages.id,
      conversationId: messages.conversationId,
      botId: conversations.botId,
      question: question.content,
      answer: messages.content,
      kind: sql<
        'unanswered' | 'uncertain'
      >`case when ${messages.status} = 'unanswered' then 'unanswered' else 'uncertain' end`,
      feedback: messages.feedback,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(question, eq(question.id, messages.replyTo))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .where(
      and(
        eq(bots.workspaceId, workspaceId),
        options.botId ? eq(conversations.botId, options.botId) : undefined,
        or(eq(messages.status, 'unanswered'), eq(messages.uncertain, true)),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(options.limit);
}
