/** Turns text into vectors. One implementation per file beside this one; `app.ts` picks. */
export interface Embedder {
  /** Stable name of the model, stored with every vector so a model change can be detected. */
  readonly model: string;
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /**
   * Embeds texts in order. `kind` lets asymmetric models treat questions and passages differently.
   * Vectors are L2-normalised so cosine similarity is a dot product.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
}

export interface EmbedOptions {
  kind?: 'query' | 'document';
  signal?: AbortSignal;
}
