import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePineconeServer, startFakePineconeServer } from '../../test-support/fake-pinecone-server.js';
import { createPineconeStore } from './pinecone.js';

let fake: FakePineconeServer;

beforeAll(async () => {
  fake = await startFakePineconeServer();
});
afterAll(async () => {
  await fake.close();
});

const unit = (i: number, dimensions = 8) =>
  Array.from({ length: dimensions }, (_, d) => (d === i % dimensions ? 1 : 0.01));

describe('Pinecone vector store against a local server speaking its data-plane API', () => {
  it('upserts in batches into one namespace per bot and finds the nearest', async () => {
    const store = createPineconeStore({ apiKey: 'pc-test-key', indexHost: fake.host });
    const items = Array.from({ length: 250 }, (_, i) => ({ chunkId: `chunk-${i}`, vector: unit(i) }));
    await store.upsert('bot-a', items);
    await store.upsert('bot-b', [{ chunkId: 'other', vector: unit(3) }]);
    expect(fake.requests.filter((r) => r.path === '/vectors/upsert').map((r) => r.count)).toEqual([
      100, 100, 50, 1,
    ]);
    expect(fake.namespaces.get('bot-bot-a')?.size).toBe(250);
    const matches = await store.query('bot-a', unit(3), 5);
    expect(matches).toHaveLength(5);
    expect(matches.every((match) => Number(match.chunkId.split('-')[1]) % 8 === 3)).toBe(true);
    expect(matches.map((match) => match.chunkId)).not.toContain('other');
  });

  it('deletes by id within the bot namespace', async () => {
    const store = createPineconeStore({ apiKey: 'pc-test-key', indexHost: fake.host });
    await store.remove('bot-a', ['chunk-3', 'chunk-11']);
    expect(fake.namespaces.get('bot-bot-a')?.has('chunk-3')).toBe(false);
    expect(fake.namespaces.get('bot-bot-a')?.size).toBe(248);
  });

  it('surfaces a wrong API key as an error', async () => {
    const store = createPineconeStore({ apiKey: 'wrong-key', indexHost: fake.host });
    await expect(store.query('bot-a', unit(1), 3)).rejects.toThrow();
  });
});
