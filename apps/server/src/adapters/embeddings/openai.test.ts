import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../test-support/fake-openai-server.js';
import { createOpenAIEmbedder } from './openai.js';

let fake: FakeOpenAIServer;

beforeAll(async () => {
  fake = await startFakeOpenAIServer({ embeddingDimensions: 8 });
});
afterAll(async () => {
  await fake.close();
});

describe('OpenAI embedder against a local server speaking the embeddings API', () => {
  it('embeds in batches, in input order, with the stated dimensions', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'local-model',
      dimensions: 8,
      batchSize: 2,
    });
    const before = fake.requests.length;
    const vectors = await embedder.embed(['abc', 'hhh', 'abc', '']);
    expect(fake.requests.length - before).toBe(2);
    expect(vectors).toHaveLength(4);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    expect(embedder.model).toBe('openai:local-model:8');
  });

  it('knows the dimensions of OpenAI models and asks for them otherwise', () => {
    expect(createOpenAIEmbedder({ apiKey: 'k', model: 'text-embedding-3-small' }).dimensions).toBe(1536);
    expect(() => createOpenAIEmbedder({ apiKey: 'k', model: 'nomic-embed-text' })).toThrow(
      /OPENAI_EMBEDDING_DIMENSIONS/,
    );
  });

  it('refuses vectors of the wrong size', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'text-embedding-3-small',
    });
    await expect(embedder.embed(['x'])).rejects.toThrow(/returned 8 dimensions, expected 1536/);
  });
});
