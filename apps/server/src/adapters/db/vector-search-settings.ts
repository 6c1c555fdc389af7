/**
 * HNSW search settings for every session: keep scanning the index until enough rows pass the
 * per-bot filter (pgvector 0.8 iterative scans), with a wider candidate list than the default 40.
 */
export const vectorSearchSettings = 'set hnsw.iterative_scan = relaxed_order; set hnsw.ef_search = 100;';
