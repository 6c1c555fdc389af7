import type { Orm } from '../../adapters/db/port.js';
import type { Embedder } from '../../adapters/embeddings/port.js';
import type { VectorStore } from '../../adapters/vectors/port.js';
import { matchesAsQuery, searchHybrid } from './hybrid-search.js';

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
  /** Share of the question's total idf the best chunk's matched words must reach (others need half) to count on full text. */
  minTextCoverage?: number;
  /** How many of the rarest question lexemes always seed the full-text candidates. */
  seedLexemes?: number;
  /** Further lexemes, rarest first, seed them while their posting lists add up to at most this many chunks. */
  seedPostings?: number;
  /** Weight of the vector ranking against the full-text ranking in the fusion; 0 = fallback only. */
  vectorWeight?: number;
  /** BM25's k1 and b for the full-text ranking (Lucene's 0.9 and 0.4 unless said). */
  bm25?: { k1: number; b: number };
}

/**
 * Hybrid retrieval: nearest vectors and BM25 full text, fused by reciprocal rank (see hybrid-search.ts).
 * A chunk is kept only if it matches the question's words or is close enough in vector space: that
 * floor is what lets the bot say "I don't know" instead of answering from whatever came nearest.
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
  // A store in the same database joins the one statement; another (Pinecone) is asked first.
  const nearest =
    deps.vectors.nearestQuery?.(botId, queryVector!, candidates) ??
    matchesAsQuery(await deps.vectors.query(botId, queryVector!, candidates));
  const ranked = await searchHybrid(deps.orm, {
    botId,
    question,
    nearest,
    candidates,
    minVectorScore: options.minVectorScore ?? 0.2,
    minTextCoverage: options.minTextCoverage ?? 0.25,
    seedLexemes: options.seedLexemes ?? 1,
    seedPostings: options.seedPostings ?? 500,
    vectorWeight: options.vectorWeight ?? 1,
    ...(options.bm25 ? { bm25: options.bm25 } : {}),
  });

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
  for (const row of ranked) {
    const page = pages.get(row.documentId);
    if (page) {
      if (page.parts.length < 3) page.parts.push({ ordinal: row.ordinal, content: row.content });
      page.vectorScore = Math.max(page.vectorScore, row.vectorScore);
      continue;
    }
    if (pages.size >= (options.maxSources ?? 5)) continue;
    pages.set(row.documentId, {
      url: row.url,
      title: row.title,
      score: row.score,
      vectorScore: row.vectorScore,
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
