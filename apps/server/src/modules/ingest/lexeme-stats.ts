import { sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';

/**
 * Recounts, for one bot, how many chunks contain each lexeme (see migration 0003), how many chunks
 * there are and their average length in lexemes: the figures BM25 needs (see migration 0009).
 */
export async function refreshLexemeStats(orm: Orm, botId: string): Promise<void> {
  await orm.transaction(async (tx) => {
    await tx.execute(sql`delete from lexeme_stats where bot_id = ${botId}::uuid`);
    // ts_stat takes the query as text; format(%L) quotes the id, which is a uuid from our own table.
    await tx.execute(sql`
      insert into lexeme_stats (bot_id, lexeme, chunk_count)
      select ${botId}::uuid, word, ndoc
      from ts_stat(format('select search_text from chunks where bot_id = %L', ${botId}::text))`);
    await tx.execute(sql`
      update bots set (indexed_chunk_count, indexed_average_length) = (
        select count(*), coalesce(avg(length(search_text)), 0) from chunks where bot_id = ${botId}::uuid)
      where id = ${botId}::uuid`);
  });
}
