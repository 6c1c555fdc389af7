import { TRPCError } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import type { ChatTurn } from '../../adapters/llm/port.js';
import { conversations, messages } from '../../db/schema.js';
import type { CheckedIdentity } from '../bots/visitor-identity.js';
import type { CitedSource } from './answer-stream.js';

/** Earlier messages read at most for the prompt and for follow-ups. */
export const historyTurns = 8;
/** Prompt budget for earlier turns, in estimated tokens (about 4 characters each). */
export const historyTokenBudget = 1500;

/**
 * Starts a conversation, or checks that the given one belongs to this bot; records who the visitor
 * is when the page identified them.
 */
export async function openConversation(
  orm: Orm,
  botId: string,
  conversationId: string | undefined,
  identity?: CheckedIdentity,
): Promise<string> {
  if (!conversationId) {
    const [created] = await orm.insert(conversations).values({ botId }).returning({ id: conversations.id });
    if (identity) await recordIdentity(orm, created!.id, identity);
    return created!.id;
  }
  const [existing] = await orm
    .update(conversations)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(conversations.id, conversationId), eq(conversations.botId, botId)))
    .returning({ id: conversations.id });
  if (!existing) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message:
        'This conversation does not exist for this bot. Start a new conversation without a conversationId.',
    });
  }
  if (identity) await recordIdentity(orm, existing.id, identity);
  return existing.id;
}

/**
 * Stores the visitor's identity on the conversation. A conversation that a verified user owns is
 * never handed to another verified user (the widget's reset() on logout starts a new one), and an
 * unverified claim never overwrites a verified identity. The columns are outside the Drizzle schema.
 */
async function recordIdentity(orm: Orm, conversationId: string, identity: CheckedIdentity): Promise<void> {
  const [stored] = await queryRows<{ user_id: string | null; user_verified: boolean }>(
    orm,
    sql`select user_id, user_verified from conversations where id = ${conversationId}::uuid`,
  );
  if (stored?.user_verified) {
    if (!identity.verified) return;
    if (stored.user_id !== identity.id) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message:
          'This conversation belongs to another signed-in user. Start a new conversation without a conversationId (call reset() on logout).',
      });
    }
  }
  const attributes = identity.attributes ? JSON.stringify(identity.attributes) : null;
  await orm.execute(sql`update conversations set
      user_id = ${identity.id}, user_name = ${identity.name ?? null}, user_email = ${identity.email ?? null},
      user_attributes = ${attributes}::jsonb, user_verified = ${identity.verified}
    where id = ${conversationId}::uuid`);
}

/** The latest turns that fit the history budget, oldest first, for the prompt and for follow-ups. */
export async function loadHistory(orm: Orm, conversationId: string): Promise<ChatTurn[]> {
  const rows = await orm
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.createdAt))
    .limit(historyTurns);
  return trimToBudget(rows, historyTokenBudget).reverse();
}

/** Keeps turns, newest first, while they fit `budget` estimated tokens; a long turn is cut, not dropped. */
export function trimToBudget(newestFirst: readonly ChatTurn[], budget: number): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let left = budget * 4;
  for (const turn of newestFirst) {
    if (left <= 0) break;
    kept.push(turn.content.length <= left ? turn : { ...turn, content: `${turn.content.slice(0, left)}…` });
    left -= turn.content.length;
  }
  return kept;
}

export async function saveQuestion(orm: Orm, conversationId: string, question: string): Promise<string> {
  const [row] = await orm
    .insert(messages)
    .values({
      conversationId,
      role: 'user',
      content: question,
      status: 'complete',
      sources: [],
      createdAt: new Date(),
    })
    .returning({ id: messages.id });
  return row!.id;
}

export interface AnswerRecord {
  conversationId: string;
  replyTo: string;
  content: string;
  status: 'complete' | 'unanswered' | 'stopped' | 'error';
  uncertain: boolean;
  sources: CitedSource[];
  timing: { timeToFirstTokenMs: number; totalMs: number };
  usage: { promptTokens: number; completionTokens: number } | undefined;
}

export async function saveAnswer(orm: Orm, answer: AnswerRecord): Promise<string> {
  const [row] = await orm
    .insert(messages)
    .values({
      conversationId: answer.conversationId,
      role: 'assistant',
      content: answer.content,
      status: answer.status,
      uncertain: answer.uncertain,
      sources: answer.sources,
      replyTo: answer.replyTo,
      timeToFirstTokenMs: answer.timing.timeToFirstTokenMs,
      totalMs: answer.timing.totalMs,
      promptTokens: answer.usage?.promptTokens ?? null,
      completionTokens: answer.usage?.completionTokens ?? null,
      createdAt: new Date(),
    })
    .returning({ id: messages.id });
  return row!.id;
}

/** The messages of a conversation, oldest first, for a visitor resuming it. */
export async function conversationHistory(orm: Orm, botId: string, conversationId: string) {
  const [conversation] = await orm
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.botId, botId)));
  if (!conversation) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'This conversation does not exist for this bot.' });
  }
  return orm
    .select({
      id: messages.id,
      role: messages.role,
      content: messages.content,
      status: messages.status,
      sources: messages.sources,
      feedback: messages.feedback,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.createdAt);
}

/** Records a visitor's thumbs up or down (and comment) on one of this bot's answers; the last vote counts. */
export async function recordFeedback(
  orm: Orm,
  botId: string,
  feedback: { messageId: string; rating: 'up' | 'down'; comment?: string | undefined },
): Promise<void> {
  const updated = await orm
    .update(messages)
    .set({ feedback: feedback.rating, feedbackComment: feedback.comment ?? null, feedbackAt: sql`now()` })
    .where(
      and(
        eq(messages.id, feedback.messageId),
        eq(messages.role, 'assistant'),
        sql`${messages.conversationId} in (select id from conversations where bot_id = ${botId}::uuid)`,
      ),
    )
    .returning({ id: messages.id });
  if (updated.length === 0) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'There is no answer with this messageId for this bot.',
    });
  }
}
