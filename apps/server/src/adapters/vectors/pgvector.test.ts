import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate.js';
import {
  hasPostgresServer,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../test-support/postgres-server.js';
import { createThrowawayDatabase } from '../../test-support/throwaway-database.js';
import { createPgliteDatabase } from '../db/pglite.js';
import { queryRows } from '../db/port.js';
import { createPgvectorStore } from './pgvector.js';

// Debian's PostgreSQL has no pgvector: the schema still installs (Pinecone can hold the vectors), and
// choosing pgvector there fails at start with what to do, rather than on the first ingest.
describe.skipIf(!hasPostgresServer)(
  'pgvector on a PostgreSQL without the extension (needs PostgreSQL)',
  () => {
    let postgres: ThrowawayPostgres;

    beforeAll(async () => {
      postgres = await startThrowawayPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });

    it('installs the schema, then refuses to start naming pgvector and Pinecone', async () => {
      const database = await createThrowawayDatabase(postgres.url);
      try {
        expect(await migrate(database)).toContain('0001_init.sql');
        await expect(createPgvectorStore(database.orm, 'local-hash', 512).prepare?.()).rejects.toThrow(
          /no pgvector extension.*PINECONE_API_KEY and PINECONE_INDEX_HOST/,
        );
      } finally {
        await database.close();
      }
    });
  },
);

describe('pgvector in PGlite', () => {
  it('keeps an HNSW index only when asked, and finds the nearest vectors either way', async () => {
    const database = await createPgliteDatabase();
    try {
      await migrate(database);
      const orm = database.orm;
      const [row] = await queryRows<{ bot_id: string; chunk_ids: string[] }>(
        orm,
        sql`with w as (insert into workspaces (name) values ('W') returning id),
          b as (insert into bots (workspace_id, slug, name, publishable_key)
                select id, 'v', 'V', 'pk_vectors_0001' from w returning id),
          s as (insert into sources (bot_id, kind, location) select id, 'text', 'notes' from b returning id, bot_id),
          d as (insert into documents (source_id, bot_id, url, title, content_hash)
                select id, bot_id, 'https://x.example/', 'X', 'h' from s returning id, bot_id),
          c as (insert into chunks (document_id, bot_id, ordinal, content, token_count)
                select d.id, d.bot_id, n, 'chunk ' || n, 2 from d, generate_series(0, 2) n returning id, ordinal)
          select (select id from b) as bot_id, array(select id from c order by ordinal) as chunk_ids`,
      );
      const { bot_id: botId, chunk_ids: chunkIds } = row!;
      const hnswIndexes = async () =>
        (await queryRows(orm, sql`select 1 from pg_indexes where indexname like 'chunk_embeddings_hnsw_%'`))
          .length;
      await createPgvectorStore(orm, 'test-model', 3).prepare?.();
      expect(await hnswIndexes()).toBe(1);
      const exact = createPgvectorStore(orm, 'test-model', 3, { approximateIndex: false });
      await exact.prepare?.();
      expect(await hnswIndexes()).toBe(0);
      await exact.upsert(botId, [
        { chunkId: chunkIds[0]!, vector: [1, 0, 0] },
        { chunkId: chunkIds[1]!, vector: [0.6, 0.8, 0] },
        { chunkId: chunkIds[2]!, vector: [0, 0, 1] },
      ]);
      const nearest = await exact.query(botId, [0.9, 0.1, 0], 2);
      expect(nearest.map((match) => match.chunkId)).toEqual([chunkIds[0], chunkIds[1]]);
      expect(nearest[0]!.score).toBeGreaterThan(0.99);
    } finally {
      await database.close();
    }
  });
});
