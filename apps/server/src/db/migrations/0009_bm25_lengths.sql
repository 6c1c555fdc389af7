-- BM25 normalises a chunk's term frequencies by its length against the bot's average chunk length.
-- A chunk's length is the number of distinct lexemes in its tsvector (`length(search_text)`, kept in
-- the tsvector's header, so it costs nothing to read); the average is refreshed with lexeme_stats
-- after every ingest.
alter table bots add column indexed_average_length real not null default 0;

update bots set indexed_average_length = coalesce(
  (select avg(length(search_text)) from chunks where chunks.bot_id = bots.id), 0);
