import { inject, vi } from 'vitest';

// The suite on a real PostgreSQL (vitest.postgres.config.ts): every database a test would open in
// memory with PGlite is a new database on the throwaway server instead, and, since Debian's
// PostgreSQL has no pgvector, vectors go to Pinecone (the local server speaking its wire format).
// That is a configuration users run too: DATABASE_URL with PINECONE_API_KEY.

vi.mock('../adapters/db/pglite.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../adapters/db/pglite.js')>();
  const { createThrowawayDatabase } = await import('./throwaway-database.js');
  return {
    ...original,
    createPgliteDatabase: (dataDir?: string) =>
      dataDir ? original.createPgliteDatabase(dataDir) : createThrowawayDatabase(inject('postgresUrl')),
  };
});

vi.mock('../adapters/vectors/pgvector.js', async () => {
  const { createPineconeStore } = await import('../adapters/vectors/pinecone.js');
  const { startFakePineconeServer } = await import('./fake-pinecone-server.js');
  const pinecone = await startFakePineconeServer();
  return {
    createPgvectorStore: () => createPineconeStore({ apiKey: 'pc-test-key', indexHost: pinecone.host }),
  };
});
