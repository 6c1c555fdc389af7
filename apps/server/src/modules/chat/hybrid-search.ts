import { type SQL, sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';

/** One chunk found by the hybrid search, with its page, best first. */
export interface ChunkHit {
  chunkId: string;
  documentId: string;
  ordinal: number;
  content: string;
  url: string;
  title: string;
  /** Reciprocal-rank fusion of the vector and full-text rankings. */
  score: number;
  /** Cosine similarity to the question (0 when only full text found it). */
  vectorScore: number;
}

export interface HybridSearchRequest {
  botId: string;
  question: string;
  /** A subquery yielding `(chunk_id, score)` for the nearest chunks by cosine similarity. */
  nearest: SQL;
  /** Chunks taken from the full-text ranking before fusion. */
  candidates: number;
  minVectorScore: number;
  minTextCoverage: number;
  /** The rarest lexemes always seed the candidates... */
  seedLexemes: number;
  /** ...and further ones do while their posting lists add up to no more than this many chunks. */
  seedPostings: number;
  /**
   * Weight of the vector ranking in the fusion. 0 makes it a fallback instead: consulted only when
   * full text finds nothing (a typo, a paraphrase), which also spares the nearest-neighbour scan.
   */
  vectorWeight: number;
  /** BM25's term-frequency saturation and length normalisation; the defaults below unless said. */
  bm25?: { k1: number; b: number };
}

/**
 * BM25 parameters. k1 = 0.9 and b = 0.4 are Lucene's (and Anserini's) defaults, the BM25 that the
 * SciFact reference figure uses; bench:quality found nothing clearly better around them.
 */
export const bm25 = { k1: 0.9, b: 0.4 } as const;

/** Lexemes scored at most per question: the rarest carry the meaning. */
const maxSearchedLexemes = 12;
/** Reciprocal-rank fusion constant (the usual 60). */
const rrfK = 60;

/**
 * Vector and full-text search, fused by reciprocal rank, in one SQL statement: on the embedded
 * database every round trip costs about as much as a small query, so the question's lexemes, their
 * idf, both rankings and the chunks' text all come back together.
 *
 * The full-text side is BM25: each question lexeme the chunk contains adds
 * idf × tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)), so repeating a word counts with diminishing
 * returns and long chunks do not win by length alone. Its inputs come from Postgres full text: the
 * lexemes are Postgres's English stems of the question, document frequencies come from lexeme_stats,
 * a chunk's term frequency is the number of positions of the lexeme in its tsvector, and its length
 * is the tsvector's number of distinct lexemes (the average is in bots, see migration 0009).
 *
 * Candidates come from the GIN index through the question lexemes' posting lists, rarest first, as
 * long as they add up to a bounded number of chunks: a small bot is searched on every word of the
 * question, a large one on its rarest words, which keeps the work per question bounded. The best chunk
 * must match a share of the question's total idf (`minTextCoverage`, counting words the bot never uses
 * at the highest idf), so one common word is not evidence and an off-topic question finds nothing;
 * the others need half that share.
 */
export async function searchHybrid(orm: Orm, request: HybridSearchRequest): Promise<ChunkHit[]> {
  const botId = sql`${request.botId}::uuid`;
  const k1 = sql`${request.bm25?.k1 ?? bm25.k1}::float8`;
  const b = sql`${request.bm25?.b ?? bm25.b}::float8`;
  const vectorFuses = request.vectorWeight > 0;
  const rows = await queryRows<{
    chunk_id: string;
    document_id: string;
    ordinal: number;
    content: string;
    url: string;
    title: string;
    score: number;
    vector_score: number;
  }>(
    orm,
    sql`
    with question_lexemes as (
      select q.lexeme, coalesce(s.chunk_count, 0) as df
      from unnest(to_tsvector('english', ${request.question})) as q(lexeme, positions, weights)
      left join lexeme_stats s on s.bot_id = ${botId} and s.lexeme = q.lexeme
    ),
    corpus as (
      select greatest(indexed_chunk_count, 1)::float8 as n,
        greatest(indexed_average_length, 1)::float8 as average_length
      from bots where id = ${botId}
    ),
    weighted as (
      select l.lexeme, l.df, ln(1 + (c.n - l.df + 0.5) / (l.df + 0.5)) as idf
      from question_lexemes l, corpus c
    ),
    searched as (
      select lexeme, idf, row_number() over (order by idf desc, lexeme) as rarity,
        sum(df) over (order by idf desc, lexeme) as postings
      from weighted where df > 0
      order by idf desc, lexeme
      limit ${maxSearchedLexemes}
    ),
    candidates as (
      -- Only the question's lexemes are kept from each tsvector: search_text weighs headings A and
      -- body text B, so marking the searched lexemes D and keeping D leaves exactly those.
      select c.id, length(c.search_text)::float8 as length,
        ts_filter(setweight(c.search_text, 'D', (select array_agg(lexeme) from searched)), '{d}') as matched
      from chunks c
      where c.bot_id = ${botId}
        and c.search_text @@ (
          select to_tsquery('simple', string_agg(
            '''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | '))
          from searched where rarity <= ${request.seedLexemes} or postings <= ${request.seedPostings})
    ),
    scored as (
      select c.id as chunk_id, sum(w.idf) as coverage,
        sum(w.idf * (array_length(m.positions, 1) * (${k1} + 1)) /
          (array_length(m.positions, 1) + ${k1} * (1 - ${b} + ${b} * c.length / corpus.average_length))) as score
      from candidates c
      cross join corpus
      cross join lateral unnest(c.matched) as m(lexeme, positions, weights)
      join searched w on w.lexeme = m.lexeme
      group by c.id
    ),
    -- The coverage floor decides whether the question is answered at all: its best match must clear
    -- it. Then matches down to half the floor rank below it, as BM25 orders them (filtering each chunk
    -- at the full floor cost 0.012 nDCG@10 and 0.07 Recall@100 on SciFact, bench:quality).
    lexical as (
      select chunk_id, score from scored
      where (select max(coverage) from scored) >= ${request.minTextCoverage}::float8 * (select sum(idf) from weighted)
        and coverage >= ${request.minTextCoverage / 2}::float8 * (select sum(idf) from weighted)
      order by score desc, chunk_id
      limit ${request.candidates}
    ),
    -- With no weight the vector ranking is only a fallback: the gate is a constant, so Postgres
    -- skips the nearest-neighbour scan entirely whenever full text found something.
    vector_hits as (
      select n.chunk_id, n.score from (${request.nearest}) n
      where ${vectorFuses} or not exists (select 1 from lexical)
    ),
    fused as (
      select coalesce(v.chunk_id, l.chunk_id) as chunk_id,
        coalesce(v.score, 0) as vector_score,
        case when v.score >= ${request.minVectorScore}::float8
          then ${vectorFuses ? request.vectorWeight : 1}::float8 / (${rrfK} + v.rank) else 0 end
          + coalesce(1.0::float8 / (${rrfK} + l.rank), 0) as score
      from (select chunk_id, score, row_number() over (order by score desc, chunk_id) as rank from vector_hits) v
      full join (select chunk_id, row_number() over (order by score desc, chunk_id) as rank from lexical) l
        on l.chunk_id = v.chunk_id
    )
    select f.chunk_id, c.document_id, c.ordinal, c.content, d.url, d.title, f.score, f.vector_score
    from fused f
    join chunks c on c.id = f.chunk_id
    join documents d on d.id = c.document_id
    where f.score > 0
    order by f.score desc, f.chunk_id`,
  );
  return rows.map((row) => ({
    chunkId: row.chunk_id,
    documentId: row.document_id,
    ordinal: row.ordinal,
    content: row.content,
    url: row.url,
    title: row.title,
    score: Number(row.score),
    vectorScore: Number(row.vector_score),
  }));
}

/** The nearest-chunk subquery for a vector store outside the database: its matches as a VALUES list. */
export function matchesAsQuery(matches: readonly { chunkId: string; score: number }[]): SQL {
  if (matches.length === 0) return sql`select null::uuid as chunk_id, null::float8 as score where false`;
  return sql`select * from (values ${sql.join(
    matches.map((match) => sql`(${match.chunkId}::uuid, ${match.score}::float8)`),
    sql`, `,
  )}) as v(chunk_id, score)`;
}
