import type { SQL } from 'drizzle-orm';

/** Stores chunk vectors per bot and finds the nearest ones. */
export interface VectorStore {
  readonly name: string;
  /** Creates what the store needs (indexes, namespaces) before first use; safe to call every start. */
  prepare?(): Promise<void>;
  upsert(botId: string, items: readonly VectorItem[], signal?: AbortSignal): Promise<void>;
  remove(botId: string, chunkIds: readonly string[]): Promise<void>;
  /** Nearest chunks by cosine similarity, best first. */
  query(botId: string, vector: readonly number[], topK: number): Promise<VectorMatch[]>;
  /**
   * For a store inside the system-of-record database: `query` as a subquery yielding
   * `(chunk_id, score)`, so retrieval can run it in the same statement as full-text search.
   */
  nearestQuery?(botId: string, vector: readonly number[], topK: number): SQL;
}

export interface VectorItem {
  chunkId: string;
  vector: readonly number[];
}

export interface VectorMatch {
  chunkId: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}
