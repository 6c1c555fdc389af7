/**
 * Search settings for every session: HNSW keeps scanning until enough rows pass the per-bot filter
 * (pgvector 0.8 iterative scans) with the default candidate list of 40 (100 doubled the p95 time to first
 * token at 100,000 chunks, bench:chat); and random reads
 * cost about as much as sequential ones (SSDs, PGlite's memory), so the planner picks the GIN
 * full-text index instead of reading every chunk's tsvector.
 */
export const vectorSearchSettings =
  'set hnsw.iterative_scan = relaxed_order; set hnsw.ef_search = 40; set random_page_cost = 1.1;';
