import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate.js';
import {
  hasPostgresServer,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../test-support/postgres-server.js';
import { createThrowawayDatabase } from '../../test-support/throwaway-database.js';
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
