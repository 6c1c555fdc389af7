import { inArray, sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import type { Embedder } from '../../adapters/embeddings/port.js';
import type { VectorStore } from '../../adapters/vectors/port.js';
import { chunks, documents } from '../../db/schema.js';
import { contentWords } from '../../text/word-terms.js';

/** One page's worth of retrieved text, numbered for citation. */
export interface RetrievedSource {
  number: number;
  url: string;
  title: string;
  content: string;
  /** Best fused score of the page's chunks. */
  score: number;
  /** Best cosine similarity of the page's chunks to the question (0 when only full text found it). */
  vectorScore: number;
}

export interface RetrievalDeps {
  orm: Orm;
  embedder: Embedder;
  vectors: VectorStore;
  /** Defaults for this deployment (app.ts sets the vector weight from the embedder's strength). */
  retrievalDefaults?: RetrievalOptions;
}

export interface RetrievalOptions {
  /** Pages returned at most. */
  maxSources?: number;
  /** Chunks taken from each list before fusion. */
  candidates?: number;
  /** Cosine similarity a chunk needs to count on vector evidence alone. */
  minVectorScore?: number;
  /** Share of the question's total idf a chunk's matched words must reach to count on full text. */
  minTextCoverage?: number;
  /** How many of the rarest question lexemes seed the full-text candidates. */
  seedLexemes?: number;
  /** Weight of the vector ranking against the full-text ranking in the fusion. */
  vectorWeight?: number;
}

const rrfK = 60;

/**
 * Hybrid retrieval: nearest vectors and Postgres full text, fused by reciprocal rank. A chunk is kept
 * only if it matches the question's words or is close enough in vector space: that floor is what
 * lets the bot say "I don't know" instead of answering from whatever came nearest.
 */
export async function retrievePassages(
  deps: RetrievalDeps,
  botId: string,
  question: string,
  overrides: RetrievalOptions = {},
): Promise<RetrievedSource[]> {
  const options = { ...deps.retrievalDefaults, ...overrides };
  const candidates = options.candidates ?? 20;
  const [queryVector] = await deps.embedder.embed([question], { kind: 'query' });
  const [vectorMatches, textMatches] = await Promise.all([
    deps.vectors.query(botId, queryVector!, candidates),
    searchFullText(deps.orm, botId, question, candidates, options),
  ]);

  const fused = new Map<string, number>();
  const cosine = new Map(vectorMatches.map((match) => [match.chunkId, match.score]));
  const minVectorScore = options.minVectorScore ?? 0.2;
  vectorMatches.forEach((match, rank) => {
    if (match.score >= minVectorScore)
      fused.set(match.chunkId, (options.vectorWeight ?? 1) / (rrfK + rank + 1));
  });
  textMatches.forEach((chunkId, rank) => {
    fused.set(chunkId, (fused.get(chunkId) ?? 0) + 1 / (rrfK + rank + 1));
  });
  if (fused.size === 0) return [];

  const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1]);
  const rows = await deps.orm
    .select({
      id: chunks.id,
      content: chunks.content,
      ordinal: chunks.ordinal,
      documentId: chunks.documentId,
      url: documents.url,
      title: documents.title,
    })
    .from(chunks)
    .innerJoin(documents, sql`${documents.id} = ${chunks.documentId}`)
    .where(
      inArray(
        chunks.id,
        ranked.map(([id]) => id),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));

  // Group chunks by page so one page is one numbered source, however many of its chunks matched.
  const pages = new Map<
    string,
    {
      url: string;
      title: string;
      score: number;
      vectorScore: number;
      parts: { ordinal: number; content: string }[];
    }
  >();
  for (const [chunkId, score] of ranked) {
    const row = byId.get(chunkId);
    if (!row) continue;
    const page = pages.get(row.documentId);
    if (page) {
      if (page.parts.length < 3) page.parts.push({ ordinal: row.ordinal, content: row.content });
      page.vectorScore = Math.max(page.vectorScore, cosine.get(chunkId) ?? 0);
      continue;
    }
    if (pages.size >= (options.maxSources ?? 5)) continue;
    pages.set(row.documentId, {
      url: row.url,
      title: row.title,
      score,
      vectorScore: cosine.get(chunkId) ?? 0,
      parts: [{ ordinal: row.ordinal, content: row.content }],
    });
  }
  return [...pages.values()].map((page, index) => ({
    number: index + 1,
    url: page.url,
    title: page.title,
    score: page.score,
    vectorScore: page.vectorScore,
    content: page.parts
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((part) => part.content)
      .join('\n\n'),
  }));
}

interface WeightedLexeme {
  lexeme: string;
  idf: number;
  absent: boolean;
}

/** Lexemes searched at most per question: the rarest carry the meaning and have the shortest posting lists. */
const maxSearchedLexemes = 8;

/**
 * Chunk ids matching the question's words, best first, scored like BM25 without term frequency:
 * each matched lexeme adds its idf. A chunk must reach a quarter of the question's total idf, so one common
 * word ("point") is not evidence, while a match on the rare words that carry the question is. Words
 * the bot's content never uses count at the highest idf, which is what makes off-topic questions miss.
 */
async function searchFullText(
  orm: Orm,
  botId: string,
  question: string,
  limit: number,
  options: RetrievalOptions,
): Promise<string[]> {
  const lexemes = await weighQuestionLexemes(orm, botId, question);
  if (lexemes.length === 0) return [];
  const totalIdf = lexemes.reduce((sum, entry) => sum + entry.idf, 0);
  const present = lexemes.filter((entry) => !entry.absent).slice(0, maxSearchedLexemes);
  if (present.length === 0) return [];
  // Candidates come from the rarest lexemes' short posting lists: a chunk without any of them rarely
  // reaches the threshold, and common lexemes only add to the score.
  const seeds = present.slice(0, options.seedLexemes ?? 4);
  const tsquery = (entries: readonly WeightedLexeme[]) =>
    entries.map((entry) => `'${entry.lexeme.replace(/'/g, "''")}'`).join(' | ');
  const matchedIdf = sql.join(
    present.map(
      (entry) => sql`(search_text @@ to_tsquery('simple', ${tsquery([entry])}))::int * ${entry.idf}::float8`,
    ),
    sql` + `,
  );
  const rows = await queryRows<{ id: string }>(
    orm,
    sql`
    select id from (
      select id, ${matchedIdf} as score, search_text from chunks
      where bot_id = ${botId}::uuid and search_text @@ to_tsquery('simple', ${tsquery(seeds)})
    ) matched
    where score >= ${(options.minTextCoverage ?? 0.25) * totalIdf}
    order by score desc, ts_rank_cd(search_text, to_tsquery('simple', ${tsquery(present)}), 1) desc
    limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

/**
 * The question's lexemes (Postgres's own English stemming) with their idf in this bot's chunks,
 * rarest first. Lexemes no chunk contains are marked absent.
 */
async function weighQuestionLexemes(orm: Orm, botId: string, question: string): Promise<WeightedLexeme[]> {
  if (contentWords(question).length === 0) return [];
  // Correlated lookups, so each lexeme is one primary-key probe rather than a join over all of the bot's stats.
  const rows = await queryRows<{ lexeme: string; chunk_count: number | null; total: number }>(
    orm,
    sql`
    select q.lexeme,
      (select s.chunk_count from lexeme_stats s where s.bot_id = ${botId}::uuid and s.lexeme = q.lexeme) as chunk_count,
      (select b.indexed_chunk_count from bots b where b.id = ${botId}::uuid) as total
    from unnest(to_tsvector('english', ${question})) as q(lexeme, positions, weights)`,
  );
  return rows
    .map((row) => {
      const total = Math.max(row.total, 1);
      const df = row.chunk_count ?? 0;
      return {
        lexeme: row.lexeme,
        idf: Math.log(1 + (total - df + 0.5) / (df + 0.5)),
        absent: df === 0,
      };
    })
    .sort((a, b) => b.idf - a.idf);
}
