import { contentWords, stemWord } from '../../text/word-terms.js';
import type { Embedder } from './port.js';

export interface LocalHashEmbedderOptions {
  dimensions?: number;
}

/**
 * The offline default embedder: feature hashing of words, word pairs and character 4-grams.
 * No model and no download; it captures shared vocabulary, inflections and typos, not synonyms,
 * which is why retrieval fuses it with full-text search. Deterministic, so tests can rely on it.
 */
export function createLocalHashEmbedder(options: LocalHashEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 512;
  return {
    model: `local-hash-v1-${dimensions}`,
    dimensions,
    async embed(texts, embedOptions) {
      embedOptions?.signal?.throwIfAborted();
      return texts.map((text) => embedText(text, dimensions));
    },
  };
}

function embedText(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);

  const words = contentWords(text);
  let previous: string | undefined;
  for (const word of words) {
    const stem = stemWord(word);
    add(`w:${stem}`, 1);
    if (previous) add(`b:${previous} ${stem}`, 0.5);
    previous = stem;
    if (word.length > 4) {
      const padded = `<${word}>`;
      for (let i = 0; i + 4 <= padded.length; i += 1) add(`c:${padded.slice(i, i + 4)}`, 0.25);
    }
  }
  if (counts.size === 0) {
    // Empty text still gets a unit vector, so cosine similarity is defined (and near zero to everything).
    vector[0] = 1;
    return Array.from(vector);
  }
  for (const [feature, weight] of counts) {
    const hash = fnv1a(feature);
    const index = hash % dimensions;
    // A second bit of the hash picks the sign, so collisions cancel out on average instead of adding up.
    const sign = (hash >>> 31) & 1 ? -1 : 1;
    vector[index]! += sign * (1 + Math.log(weight));
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (value) => value / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
