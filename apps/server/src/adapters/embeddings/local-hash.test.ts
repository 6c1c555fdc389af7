import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalHashEmbedder } from './local-hash.js';

const embedder = createLocalHashEmbedder();
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (vector: number[]) => Math.sqrt(cosine(vector, vector));

describe('local hash embedder', () => {
  it('names its model and returns unit vectors of the stated dimension', async () => {
    expect(embedder.model).toBe('local-hash-v1');
    expect(embedder.dimensions).toBe(512);
    const [vector] = await embedder.embed(['Refunds take five days.']);
    expect(vector).toHaveLength(512);
    expect(norm(vector!)).toBeCloseTo(1, 10);
  });

  it('honours a custom dimension', async () => {
    const small = createLocalHashEmbedder({ dimensions: 64 });
    const [vector] = await small.embed(['Refunds take five days.']);
    expect(small.dimensions).toBe(64);
    expect(vector).toHaveLength(64);
    expect(norm(vector!)).toBeCloseTo(1, 10);
  });

  it('gives the vectors local-hash-v1 has always given, which indexes already hold', async () => {
    // A change here makes stored vectors and new questions disagree: give the model a new name.
    const vectors = await embedder.embed([
      'Refunds take five days.',
      'getUserById returns HTTPServer v2beta; don’t it’s',
      '東京 ÉCOLE naïve café 42 x86_64',
      'The the and of',
    ]);
    const digest = createHash('sha256').update(Buffer.from(new Float64Array(vectors.flat()).buffer));
    expect(digest.digest('hex')).toBe('963c0aa222b0e67a30988f16478194dc392e9a6763bef8a593632649978ffacf');
  });

  it('is deterministic: the same text gives the same vector, across instances', async () => {
    const [a, b] = await embedder.embed(['Refunds take five days.', 'Refunds take five days.']);
    const [c] = await createLocalHashEmbedder().embed(['Refunds take five days.']);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
  });

  it.each([
    [
      'How do I reset my password?',
      'To reset a forgotten password, click "Forgot password" on the sign-in page.',
      'Invoices are sent by email at the end of each month.',
    ],
    [
      'configure authentication',
      'Authentication is configured with the DEFAULT_AUTHENTICATION_CLASSES setting.',
      'Pagination splits large result sets into pages.',
    ],
    [
      'ModelSerializer fields',
      'A model serializer declares its fields in an inner Meta class.',
      'Throttling limits the rate of requests a client can make.',
    ],
    [
      'how long do refunds take',
      'Refunds are paid back to your card within five business days.',
      'Our office is closed on public holidays in December.',
    ],
  ])(
    'scores "%s" closer to the passage that answers it than to an unrelated one',
    async (question, related, unrelated) => {
      const [q, r, u] = await embedder.embed([question, related, unrelated], { kind: 'query' });
      expect(cosine(q!, r!)).toBeGreaterThan(cosine(q!, u!) + 0.08);
    },
  );

  it('tolerates inflections and spelling variants through stems and character 4-grams', async () => {
    const [variant, original, other] = await embedder.embed([
      'serialiser configuration',
      'serializer configurations',
      'payment',
    ]);
    expect(cosine(variant!, original!)).toBeGreaterThan(0.4);
    expect(Math.abs(cosine(variant!, other!))).toBeLessThan(0.15);
  });

  it('gives text without words a defined unit vector instead of NaN', async () => {
    const [empty, stopwordsOnly, text] = await embedder.embed(['', 'the and of', 'refunds']);
    expect(norm(empty!)).toBeCloseTo(1, 10);
    expect(cosine(empty!, stopwordsOnly!)).toBeCloseTo(1, 10);
    expect(Number.isNaN(cosine(empty!, text!))).toBe(false);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embed(['a'], { signal: controller.signal })).rejects.toThrow();
  });

  it('embeds a thousand chunks', async () => {
    const chunks = Array.from({ length: 1000 }, (_, i) =>
      `Chunk ${i}. The serializer validates incoming data and turns querysets into native datatypes. `.repeat(
        8,
      ),
    );
    const vectors = await embedder.embed(chunks);
    expect(vectors).toHaveLength(1000);
    expect(new Set(vectors.map((vector) => vector.join(','))).size).toBe(1000);
  });
});
