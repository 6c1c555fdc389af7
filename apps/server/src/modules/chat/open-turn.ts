import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import type { ChatTurn } from '../../adapters/llm/port.js';
import { historyTokenBudget, historyTurns, trimToBudget } from './conversation-store.js';

/** A visitor's question as recorded, with the conversation it belongs to and what was said before. */
export interface OpenedTurn {
  conversationId: string;
  questionId: string;
  /** Earlier turns that fit the history budget, oldest first. */
  history: ChatTurn[];
}

/**
 * Starts a conversation (or checks that the given one belongs to this bot and touches it), reads its
 * history and records the question, in one statement: on the embedded database each round trip
 * before the first token costs as much as a small query. An unknown conversation inserts nothing.
 */
export async function openTurn(
  orm: Orm,
  botId: string,
  conversationId: string | undefined,
  question: string,
): Promise<OpenedTurn> {
  const given = conversationId ?? null;
  const [row] = await queryRows<{
    conversation_id: string;
    question_id: string;
    history: { role: ChatTurn['role']; content: string }[];
  }>(
    orm,
    sql`
    with created as (
      insert into conversations (bot_id) select ${botId}::uuid where ${given}::uuid is null
      returning id
    ),
    touched as (
      update conversations set updated_at = now()
      where id = ${given}::uuid and bot_id = ${botId}::uuid
      returning id
    ),
    conversation as (select id from created union all select id from touched),
    earlier as (
      select role, content, created_at from messages
      where conversation_id = (select id from touched)
      order by created_at desc
      limit ${historyTurns}
    ),
    question as (
      insert into messages (conversation_id, role, content, status, sources, created_at)
      select id, 'user', ${question}, 'complete', '[]'::jsonb, ${new Date().toISOString()}::timestamptz
      from conversation
      returning id, conversation_id
    )
    select q.conversation_id, q.id as question_id,
      coalesce((select json_agg(json_build_object('role', role, 'content', content) order by created_at desc)
        from earlier), '[]'::json) as history
    from question q`,
  );
  if (!row) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message:
        'This conversation does not exist for this bot. Start a new conversation without a conversationId.',
    });
  }
  return {
    conversationId: row.conversation_id,
    questionId: row.question_id,
    history: trimToBudget(row.history, historyTokenBudget).reverse(),
  };
}
