/**
 * Search settings for every session: HNSW keeps scanning until enough rows pass the per-bot filter
 * (pgvector 0.8 iterative scans) with a wider candidate list than the default 40; and random reads
 * cost about as much as sequential ones (SSDs, PGlite's memory), so the planner picks the GIN
 * full-text index instead of reading every chunk's tsvector.
 */
export const vectorSearchSettings =
  'set hnsw.iterative_scan = relaxed_order; set hnsw.ef_search = 100; set random_page_cost = 1.1;';
