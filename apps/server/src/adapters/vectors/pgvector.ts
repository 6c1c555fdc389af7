import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../db/port.js';
import type { VectorStore } from './port.js';

export interface PgvectorStoreOptions {
  /**
   * Search through an HNSW index (approximate, fast at any size) rather than by exact distance over
   * the bot's vectors. Worth it when every question ranks by vector; for a fallback consulted only
   * when full text finds nothing, the index costs more at ingest (about half its time in PGlite,
   * bench:ingest) than it saves on those rare questions. True unless said.
   */
  approximateIndex?: boolean;
}

/**
 * Vectors in the same Postgres as everything else (`chunk_embeddings`), searched by cosine distance,
 * through an HNSW index unless told otherwise. The column has no fixed size (the model can change), so
 * each model gets a partial index over its vectors cast to their size, and queries use the same cast
 * and predicate.
 */
export function createPgvectorStore(
  orm: Orm,
  model: string,
  dimensions: number,
  options: PgvectorStoreOptions = {},
): VectorStore {
  const modelLiteral = sql.raw(`'${model.replace(/'/g, "''")}'`);
  const cast = sql.raw(`vector(${Math.trunc(dimensions)})`);
  const indexName = sql.raw(
    `chunk_embeddings_hnsw_${createHash('sha256').update(model).digest('hex').slice(0, 12)}`,
  );
  const nearestQuery = (botId: string, vector: readonly number[], topK: number): SQL => {
    const literal = toVectorLiteral(vector);
    return sql`
      select chunk_id, 1 - ((embedding::${cast}) <=> ${literal}::${cast}) as score
      from chunk_embeddings
      where model = ${modelLiteral} and bot_id = ${botId}::uuid
      order by (embedding::${cast}) <=> ${literal}::${cast}
      limit ${topK}`;
  };
  return {
    name: 'pgvector',
    async prepare() {
      const [table] = await queryRows<{ found: boolean }>(
        orm,
        sql`select to_regclass('chunk_embeddings') is not null as found`,
      );
      if (!table?.found) throw new Error(missingPgvectorMessage);
      // Dropped when not wanted, so a database indexed by an earlier version stops paying for it.
      await orm.execute(
        options.approximateIndex === false
          ? sql`drop index if exists ${indexName}`
          : sql`
        create index if not exists ${indexName} on chunk_embeddings
        using hnsw ((embedding::${cast}) vector_cosine_ops) where model = ${modelLiteral}`,
      );
    },
    async upsert(botId, items) {
      if (items.length === 0) return;
      const rows = items.map(
        (item) =>
          sql`(${item.chunkId}::uuid, ${botId}::uuid, ${model}, l2_normalize(${toIntegerVectorLiteral(item.vector)}::vector))`,
      );
      await orm.execute(sql`
        insert into chunk_embeddings (chunk_id, bot_id, model, embedding)
        values ${sql.join(rows, sql`, `)}
        on conflict (chunk_id) do update set model = excluded.model, embedding = excluded.embedding`);
    },
    async remove(botId, chunkIds) {
      if (chunkIds.length === 0) return;
      await orm.execute(sql`
        delete from chunk_embeddings
        where bot_id = ${botId}::uuid and chunk_id in (${sql.join(
          chunkIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
    },
    nearestQuery,
    async query(botId, vector, topK) {
      const rows = await queryRows<{ chunk_id: string; score: number }>(
        orm,
        nearestQuery(botId, vector, topK),
      );
      return rows.map((row) => ({ chunkId: row.chunk_id, score: Number(row.score) }));
    },
  };
}

/** Said at start when the database was set up without pgvector (the migrations skip its table then). */
const missingPgvectorMessage =
  'This Postgres has no pgvector extension, so Jarvis cannot keep vectors in it. Install pgvector ' +
  '(https://github.com/pgvector/pgvector#installation) in a new database, or keep vectors in Pinecone: ' +
  'set PINECONE_API_KEY and PINECONE_INDEX_HOST.';

function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}

/**
 * The vector scaled by 2^24 and rounded, for writing. Postgres parses decimal fractions slowly (in
 * PGlite's WASM build, reading them was a fifth of an ingest's time) but whole numbers of up to nine
 * digits quickly; `l2_normalize` scales the stored vector back to unit length. The rounding moves a
 * cosine distance by about 1e-7, the precision of the float4 values pgvector keeps anyway.
 */
function toIntegerVectorLiteral(vector: readonly number[]): string {
  let norm = 0;
  for (const value of vector) norm = Math.max(norm, Math.abs(value));
  const scale = norm > 0 ? 2 ** 24 / norm : 0;
  return `[${vector.map((value) => Math.round(value * scale)).join(',')}]`;
}
