import OpenAI from 'openai';
import type { Embedder } from './port.js';

const knownDimensions: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface OpenAIEmbedderOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  /** Needed for models this adapter does not know (e.g. a local server's); OpenAI's are looked up. */
  dimensions?: number | undefined;
  /** Texts per request. */
  batchSize?: number;
  maxRetries?: number;
}

/**
 * Embeddings from OpenAI or any server with the same API, over the official SDK: batched, and
 * retried with backoff on connection errors, 429 and 5xx (the SDK's own retry policy).
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const dimensions = options.dimensions ?? knownDimensions[options.model];
  if (!dimensions) {
    throw new Error(`The size of ${options.model}'s vectors is unknown: set OPENAI_EMBEDDING_DIMENSIONS.`);
  }
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    maxRetries: options.maxRetries ?? 4,
  });
  const batchSize = options.batchSize ?? 96;
  return {
    model: `openai:${options.model}:${dimensions}`,
    dimensions,
    async embed(texts, embedOptions) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize).map((text) => text || ' ');
        const response = await client.embeddings.create(
          { model: options.model, input: batch, ...(options.dimensions ? { dimensions } : {}) },
          embedOptions?.signal ? { signal: embedOptions.signal } : {},
        );
        const ordered = [...response.data].sort((a, b) => a.index - b.index);
        for (const item of ordered) {
          if (item.embedding.length !== dimensions) {
            throw new Error(
              `${options.model} returned ${item.embedding.length} dimensions, expected ${dimensions}.`,
            );
          }
          vectors.push(item.embedding);
        }
      }
      return vectors;
    },
  };
}
