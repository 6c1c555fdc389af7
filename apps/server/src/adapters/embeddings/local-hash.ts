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

/**
 * A feature's two hashes in one number: the bucket hash times 2^21 plus the top 21 bits of the sign
 * hash. Features are counted by this key instead of by their text, so a word seen before costs no
 * string building; two different features of one text share a key with odds of about 1 in 2^53.
 */
type FeatureKey = number;
const signBits = 2 ** 21;

/** What a word adds to a text wherever it occurs, worked out once (see `wordFeatures`). */
interface WordFeatures {
  /** Its Porter stem, as a unigram. */
  unigram: FeatureKey;
  /** Its camelCase parts' stems. */
  parts: FeatureKey[];
  /** Its character 4-grams with boundary marks. */
  charGrams: FeatureKey[];
  /** FNV states after `b:<stem> `, from which the pair with the next word's stem is hashed. */
  pairPrefix: [number, number];
  /** The stem's characters, to finish a pair that this word ends. */
  stem: string;
}

const bucketBasis = 0x811c9dc5;
const signBasis = 0x9747b28c;

function embedText(text: string, dimensions: number): number[] {
  const features = sharedFeatureCounts;
  features.clear();
  let previous: WordFeatures | undefined;
  for (const match of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu)) {
    const word = wordFeatures(match[0]);
    if (!word) continue;
    features.add(word.unigram, unigramWeight);
    if (previous) {
      const [bucketState, signState] = previous.pairPrefix;
      features.add(featureKey(fnv(bucketState, word.stem), fnv(signState, word.stem)), bigramWeight);
    }
    previous = word;
    for (const part of word.parts) features.add(part, identifierPartWeight);
    for (const gram of word.charGrams) features.add(gram, charGramWeight);
  }

  const vector = new Float64Array(dimensions);
  if (features.size === 0) {
    // Text with no words (empty, punctuation, stopwords only) still gets a unit vector, so cosine
    // similarity is defined: 1 with other wordless texts, near 0 with everything else.
    vector[0] = 1;
    return Array.from(vector);
  }
  // In the order the features first appeared, as when they were counted by their text, so the
  // sums (and the vectors) are the same to the last bit.
  for (let slot = 0; slot < features.size; slot += 1) {
    const key = features.keys[slot]!;
    const bucket = Math.floor(key / signBits) % dimensions;
    const sign = key % signBits >= signBits / 2 ? 1 : -1;
    vector[bucket]! += sign * features.weights[slot]! * (1 + Math.log(features.counts[slot]!));
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

/**
 * Each feature of one text with the weight it first came with and how often it came, in order of
 * first appearance. An open-addressing table over typed arrays: a text has thousands of feature
 * occurrences, and a Map keyed by non-integer numbers was half of the embedder's time.
 */
class FeatureCounts {
  size = 0;
  keys = new Float64Array(1024);
  weights = new Float64Array(1024);
  counts = new Uint32Array(1024);
  /** Slot + 1 of each key, by its hash; 0 is empty. */
  private table = new Int32Array(2048);

  add(key: FeatureKey, weight: number): void {
    const mask = this.table.length - 1;
    // The key's low bits are the sign hash's, well mixed by the finaliser.
    let index = key & mask;
    for (;;) {
      const slot = this.table[index]! - 1;
      if (slot < 0) break;
      if (this.keys[slot] === key) {
        this.counts[slot]! += 1;
        return;
      }
      index = (index + 1) & mask;
    }
    if (this.size === this.keys.length) {
      this.grow();
      this.add(key, weight);
      return;
    }
    this.table[index] = this.size + 1;
    this.keys[this.size] = key;
    this.weights[this.size] = weight;
    this.counts[this.size] = 1;
    this.size += 1;
  }

  /** Empties it for the next text, keeping its arrays (an embedder makes one text at a time). */
  clear(): void {
    this.table.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    const weights = new Float64Array(capacity);
    const counts = new Uint32Array(capacity);
    keys.set(this.keys);
    weights.set(this.weights);
    counts.set(this.counts);
    this.keys = keys;
    this.weights = weights;
    this.counts = counts;
    this.table = new Int32Array(capacity * 2);
    const mask = this.table.length - 1;
    for (let slot = 0; slot < this.size; slot += 1) {
      let index = keys[slot]! & mask;
      while (this.table[index] !== 0) index = (index + 1) & mask;
      this.table[index] = slot + 1;
    }
  }
}

const sharedFeatureCounts = new FeatureCounts();

/**
 * Words already seen, in any text, as they were written: documentation repeats its vocabulary, and
 * tokenising, stemming and hashing a word is most of the work. `null` for a word that is left out.
 * Emptied when full, so memory stays bounded.
 */
const seenWords = new Map<string, WordFeatures | null>();
const seenWordsLimit = 50_000;

/**
 * A word's features, or null for stopwords and single letters. Possessive and contraction endings
 * go; a camelCase identifier's parts count too.
 */
function wordFeatures(written: string): WordFeatures | null {
  const seen = seenWords.get(written);
  if (seen !== undefined) return seen;
  if (seenWords.size >= seenWordsLimit) seenWords.clear();
  const original = written.replace(/['’]\p{L}+$/u, '');
  const word = original.toLowerCase();
  if (isStopword(word) || (word.length < 2 && !/\d/.test(word))) {
    seenWords.set(written, null);
    return null;
  }
  const split = original.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u);
  const parts = split.length > 1 ? split.map((part) => part.toLowerCase()) : [];
  const stem = stemOf(word);
  const marked = `<${word}>`;
  const charGrams: FeatureKey[] = [];
  for (let i = 0; i + 4 <= marked.length; i += 1) charGrams.push(textKey(`c:${marked.slice(i, i + 4)}`));
  const pair = `b:${stem} `;
  const features: WordFeatures = {
    unigram: textKey(`w:${stem}`),
    parts: parts.map((part) => textKey(`w:${stemOf(part)}`)),
    charGrams,
    pairPrefix: [fnv(bucketBasis, pair), fnv(signBasis, pair)],
    stem,
  };
  seenWords.set(written, features);
  return features;
}

/** Porter stems for English words; other scripts and numbers are kept as they are. */
function stemOf(word: string): string {
  return /^[a-z]{3,}$/.test(word) ? stemmer(word) : word;
}

function textKey(feature: string): FeatureKey {
  return featureKey(fnv(bucketBasis, feature), fnv(signBasis, feature));
}

/**
 * The feature's key from its two FNV-1a states, each then mixed by murmur3's finaliser: FNV-1a
 * alone leaves its low bits (the bucket) and its parity poorly mixed.
 */
function featureKey(bucketState: number, signState: number): FeatureKey {
  return finalize(bucketState) * signBits + (finalize(signState) >>> 11);
}

/** FNV-1a over `text`, continuing from `state` (an offset basis, or where an earlier text left it). */
function fnv(state: number, text: string): number {
  let value = state;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value;
}

function finalize(state: number): number {
  let value = state;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}
