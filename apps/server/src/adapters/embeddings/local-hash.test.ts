import { describe, expect, it } from 'vitest';
import { createLocalHashEmbedder } from './local-hash.js';

const embedder = createLocalHashEmbedder();
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('local hash embedder', () => {
  it('returns unit vectors of the stated dimension, the same for the same text', async () => {
    const [a, b] = await embedder.embed(['Refunds take five days.', 'Refunds take five days.']);
    expect(a).toHaveLength(embedder.dimensions);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(a).toEqual(b);
  });

  it('scores a related question above unrelated text', async () => {
    const [question, related, unrelated] = await embedder.embed([
      'how long do refunds take',
      'Refunds are paid back to your card within five business days.',
      'Our office is closed on public holidays in December.',
    ]);
    expect(cosine(question!, related!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.15);
  });

  it('tolerates inflections and typos through stems and character n-grams', async () => {
    const [typo, original, other] = await embedder.embed([
      'serialiser configuration',
      'serializer configurations',
      'payment',
    ]);
    expect(cosine(typo!, original!)).toBeGreaterThan(0.3);
    expect(cosine(typo!, other!)).toBeLessThan(0.1);
  });

  it('gives empty text a defined unit vector', async () => {
    const [empty] = await embedder.embed(['']);
    expect(cosine(empty!, empty!)).toBeCloseTo(1, 6);
  });
});
