import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../db/port.js';
import type { VectorStore } from './port.js';

/**
 * Vectors in the same Postgres as everything else (`chunk_embeddings`), searched by cosine distance
 * through an HNSW index. The column has no fixed size (the model can change), so each model gets a
 * partial index over its vectors cast to their size, and queries use the same cast and predicate.
 */
export function createPgvectorStore(orm: Orm, model: string, dimensions: number): VectorStore {
  const modelLiteral = sql.raw(`'${model.replace(/'/g, "''")}'`);
  const cast = sql.raw(`vector(${Math.trunc(dimensions)})`);
  const indexName = sql.raw(
    `chunk_embeddings_hnsw_${createHash('sha256').update(model).digest('hex').slice(0, 12)}`,
  );
  return {
    name: 'pgvector',
    async prepare() {
      await orm.execute(sql`
        create index if not exists ${indexName} on chunk_embeddings
        using hnsw ((embedding::${cast}) vector_cosine_ops) where model = ${modelLiteral}`);
    },
    async upsert(botId, items) {
      if (items.length === 0) return;
      const rows = items.map(
        (item) =>
          sql`(${item.chunkId}::uuid, ${botId}::uuid, ${model}, ${toVectorLiteral(item.vector)}::vector)`,
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
    async query(botId, vector, topK) {
      const literal = toVectorLiteral(vector);
      const rows = await queryRows<{ chunk_id: string; distance: number }>(
        orm,
        sql`
        select chunk_id, (embedding::${cast}) <=> ${literal}::${cast} as distance
        from chunk_embeddings
        where model = ${modelLiteral} and bot_id = ${botId}::uuid
        order by (embedding::${cast}) <=> ${literal}::${cast}
        limit ${topK}`,
      );
      return rows.map((row) => ({ chunkId: row.chunk_id, score: 1 - Number(row.distance) }));
    },
  };
}

function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}
