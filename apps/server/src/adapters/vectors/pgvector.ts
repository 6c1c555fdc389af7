import { sql } from 'drizzle-orm';
import { type Orm, queryRows } from '../db/port.js';
import type { VectorStore } from './port.js';

/** Vectors in the same Postgres as everything else (`chunk_embeddings`), searched by cosine distance. */
export function createPgvectorStore(orm: Orm, model: string): VectorStore {
  return {
    name: 'pgvector',
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
      const rows = await queryRows<{ chunk_id: string; score: number }>(
        orm,
        sql`
        select chunk_id, 1 - (embedding <=> ${toVectorLiteral(vector)}::vector) as score
        from chunk_embeddings
        where bot_id = ${botId}::uuid and model = ${model}
        order by embedding <=> ${toVectorLiteral(vector)}::vector
        limit ${topK}`,
      );
      return rows.map((row) => ({ chunkId: row.chunk_id, score: Number(row.score) }));
    },
  };
}

function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}
