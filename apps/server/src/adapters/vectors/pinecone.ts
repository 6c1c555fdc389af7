import { Pinecone } from '@pinecone-database/pinecone';
import type { VectorStore } from './port.js';

export interface PineconeStoreOptions {
  apiKey: string;
  /** The index's host from the Pinecone console (`my-index-abc123.svc….pinecone.io`). */
  indexHost: string;
}

// Pinecone takes up to 1,000 ids per delete and about 2 MB per upsert; 100 vectors of 3,072
// dimensions stay well under that.
const upsertBatch = 100;
const deleteBatch = 1000;

/**
 * Vectors in Pinecone over its official SDK, one namespace per bot so a query never crosses bots and
 * deleting a bot's data is deleting its namespace's records.
 */
export function createPineconeStore(options: PineconeStoreOptions): VectorStore {
  const index = new Pinecone({ apiKey: options.apiKey }).index({ host: options.indexHost });
  const namespaceOf = (botId: string) => `bot-${botId}`;
  return {
    name: 'pinecone',
    async upsert(botId, items, signal) {
      for (let start = 0; start < items.length; start += upsertBatch) {
        signal?.throwIfAborted();
        await index.upsert({
          namespace: namespaceOf(botId),
          records: items
            .slice(start, start + upsertBatch)
            .map((item) => ({ id: item.chunkId, values: [...item.vector] })),
        });
      }
    },
    async remove(botId, chunkIds) {
      for (let start = 0; start < chunkIds.length; start += deleteBatch) {
        await index.deleteMany({
          namespace: namespaceOf(botId),
          ids: chunkIds.slice(start, start + deleteBatch),
        });
      }
    },
    async query(botId, vector, topK) {
      const response = await index.query({
        namespace: namespaceOf(botId),
        vector: [...vector],
        topK,
        includeValues: false,
      });
      return response.matches.map((match) => ({ chunkId: match.id, score: match.score ?? 0 }));
    },
  };
}
