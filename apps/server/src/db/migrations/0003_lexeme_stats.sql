-- How many of a bot's chunks contain each full-text lexeme, refreshed after every ingest. Retrieval
-- uses it to weigh question words by rarity (BM25's idf) and to search only the rarest ones, which
-- keeps full-text search fast on large bots and stops one common word from counting as evidence.
create table lexeme_stats (
  bot_id uuid not null references bots (id) on delete cascade,
  lexeme text not null,
  chunk_count integer not null,
  primary key (bot_id, lexeme)
);

alter table bots add column indexed_chunk_count integer not null default 0;

-- Bots indexed before this migration get their counts now.
insert into lexeme_stats (bot_id, lexeme, chunk_count)
select b.id, s.word, s.ndoc
from bots b, lateral ts_stat(format('select search_text from chunks where bot_id = %L', b.id)) s;
update bots set indexed_chunk_count = (select count(*) from chunks where chunks.bot_id = bots.id);
