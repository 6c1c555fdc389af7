import { stemmer } from 'stemmer';
import { isStopword } from '../../text/word-terms.js';
import type { Embedder } from './port.js';

export interface LocalHashEmbedderOptions {
  /** Length of the vectors; 512 unless said. */
  dimensions?: number;
}

/**
 * The offline default embedder: feature hashing of a text's words, word pairs and character
 * 4-grams. No model and no download, deterministic, about 1 ms per chunk.
 *
 * Features: Porter stems of the words that are not stopwords (weight 1; the parts of a camelCase
 * identifier count too, at 0.5), adjacent stem pairs (0.5: "reset password" means more than
 * "reset" and "password" apart), and character 4-grams of each word with boundary marks (0.25:
 * "serialiser" still meets "serializer", "configs" meets "configuration"). Each feature is hashed
 * twice (FNV-1a with murmur3's finaliser), once for its bucket and once for its sign, so collisions
 * cancel out on average instead of piling up; its weight is scaled by 1 + ln(term frequency) so
 * repetition counts less and less. The vector is then L2-normalised.
 *
 * It captures shared vocabulary, inflections and typos, not synonyms ("refund" never meets "money
 * back"): retrieval fuses it with full-text search. The tokeniser, stopwords and weights live in
 * this file on purpose: stored vectors are only comparable with queries embedded by the very same
 * function, so changing any of them means a new `model` name.
 */
export function createLocalHashEmbedder(options: LocalHashEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 512;
  if (!Number.isInteger(dimensions) || dimensions < 2) {
    throw new RangeError(`dimensions must be an integer of at least 2, not ${dimensions}`);
  }
  return {
    model: 'local-hash-v1',
    dimensions,
    async embed(texts, embedOptions) {
      const vectors: number[][] = [];
      for (const [index, text] of texts.entries()) {
        if (index % 64 === 0) embedOptions?.signal?.throwIfAborted();
        vectors.push(embedText(text, dimensions));
      }
      return vectors;
    },
  };
}

const unigramWeight = 1;
const identifierPartWeight = 0.5;
const bigramWeight = 0.5;
const charGramWeight = 0.25;

function embedText(text: string, dimensions: number): number[] {
  const features = new Map<string, { weight: number; count: number }>();
  const add = (feature: string, weight: number) => {
    const entry = features.get(feature);
    if (entry) entry.count += 1;
    else features.set(feature, { weight, count: 1 });
  };

  let previousStem: string | undefined;
  for (const { word, parts } of tokenize(text)) {
    const stem = stemOf(word);
    add(`w:${stem}`, unigramWeight);
    if (previousStem) add(`b:${previousStem} ${stem}`, bigramWeight);
    previousStem = stem;
    for (const part of parts) add(`w:${stemOf(part)}`, identifierPartWeight);
    const marked = `<${word}>`;
    for (let i = 0; i + 4 <= marked.length; i += 1) add(`c:${marked.slice(i, i + 4)}`, charGramWeight);
  }

  const vector = new Float64Array(dimensions);
  if (features.size === 0) {
    // Text with no words (empty, punctuation, stopwords only) still gets a unit vector, so cosine
    // similarity is defined: 1 with other wordless texts, near 0 with everything else.
    vector[0] = 1;
    return Array.from(vector);
  }
  for (const [feature, { weight, count }] of features) {
    const bucket = hash(feature, 0x811c9dc5) % dimensions;
    const sign = hash(feature, 0x9747b28c) >>> 31 ? 1 : -1;
    vector[bucket]! += sign * weight * (1 + Math.log(count));
  }
  let squares = 0;
  for (const value of vector) squares += value * value;
  const norm = Math.sqrt(squares);
  if (norm === 0) {
    vector[0] = 1;
    return Array.from(vector);
  }
  return Array.from(vector, (value) => value / norm);
}

interface Token {
  /** The word, lowercased. */
  word: string;
  /** Its camelCase parts, lowercased, when it has more than one. */
  parts: string[];
}

/** Unicode words, without possessive/contraction endings and without English stopwords. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu)) {
    const original = match[0].replace(/['’]\p{L}+$/u, '');
    const word = original.toLowerCase();
    if (isStopword(word) || (word.length < 2 && !/\d/.test(word))) continue;
    const parts = original.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u);
    tokens.push({ word, parts: parts.length > 1 ? parts.map((part) => part.toLowerCase()) : [] });
  }
  return tokens;
}

/** Porter stems for English words; other scripts and numbers are kept as they are. */
function stemOf(word: string): string {
  return /^[a-z]{3,}$/.test(word) ? stemmer(word) : word;
}

/**
 * FNV-1a from the given offset basis, then murmur3's finaliser: FNV-1a alone leaves its low bits
 * (the bucket) and its parity poorly mixed.
 */
function hash(text: string, offsetBasis: number): number {
  let value = offsetBasis;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}
