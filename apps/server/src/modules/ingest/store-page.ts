import { and, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import type { Embedder } from '../../adapters/embeddings/port.js';
import type { VectorStore } from '../../adapters/vectors/port.js';
import { chunks, documents } from '../../db/schema.js';
import { chunkMarkdown } from './chunk-markdown.js';

export interface StorePageDeps {
  orm: Orm;
  embedder: Embedder;
  vectors: VectorStore;
}

export interface PageToStore {
  sourceId: string;
  botId: string;
  url: string;
  title: string;
  markdown: string;
  contentHash: string;
  /** Validators and links for the next sync's conditional request (see `loadKnownPages`). */
  etag?: string;
  lastModified?: string;
  links?: string[];
}

const embedBatchSize = 64;

/**
 * Chunks, embeds and stores one page, replacing its previous chunks. Returns the number of chunks,
 * or `unchanged` when the page's content hash is what was stored last time.
 *
 * The document's hash is written last: if embedding or the vector store fails part-way, the next
 * sync sees a stale hash and does the page again instead of trusting half-written rows.
 */
export async function storePage(
  deps: StorePageDeps,
  page: PageToStore,
  signal?: AbortSignal,
): Promise<number | 'unchanged'> {
  const [existing] = await deps.orm
    .select({
      id: documents.id,
      contentHash: documents.contentHash,
      etag: documents.etag,
      lastModified: documents.lastModified,
    })
    .from(documents)
    .where(and(eq(documents.sourceId, page.sourceId), eq(documents.url, page.url)));
  const validators = {
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
    links: page.links ?? null,
  };
  if (existing?.contentHash === page.contentHash) {
    // Same text under new validators (a rebuilt site): keep them, so the next sync can get a 304.
    if (existing.etag !== validators.etag || existing.lastModified !== validators.lastModified) {
      await deps.orm.update(documents).set(validators).where(eq(documents.id, existing.id));
    }
    return 'unchanged';
  }

  const pieces = chunkMarkdown(page.markdown);
  // The title and headings go into the embedded text so a chunk about "Pricing > Refunds" is found
  // by questions that only the headings answer.
  const texts = pieces.map((piece) => [page.title, ...piece.headingPath, piece.content].join('\n'));
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += embedBatchSize) {
    signal?.throwIfAborted();
    vectors.push(
      ...(await deps.embedder.embed(texts.slice(start, start + embedBatchSize), {
        kind: 'document',
        signal,
      })),
    );
  }

  const { documentId, oldChunkIds, newChunkIds } = await deps.orm.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({
        sourceId: page.sourceId,
        botId: page.botId,
        url: page.url,
        title: page.title,
        contentHash: '',
      })
      .onConflictDoUpdate({
        target: [documents.sourceId, documents.url],
        set: { title: page.title, fetchedAt: sql`now()` },
      })
      .returning({ id: documents.id });
    const old = await tx
      .delete(chunks)
      .where(eq(chunks.documentId, document!.id))
      .returning({ id: chunks.id });
    const inserted =
      pieces.length === 0
        ? []
        : await tx
            .insert(chunks)
            .values(
              pieces.map((piece, ordinal) => ({
                documentId: document!.id,
                botId: page.botId,
                ordinal,
                headingPath: piece.headingPath,
                content: piece.content,
                tokenCount: piece.tokenCount,
              })),
            )
            .returning({ id: chunks.id, ordinal: chunks.ordinal });
    inserted.sort((a, b) => a.ordinal - b.ordinal);
    return {
      documentId: document!.id,
      oldChunkIds: old.map((row) => row.id),
      newChunkIds: inserted.map((row) => row.id),
    };
  });

  await deps.vectors.remove(page.botId, oldChunkIds);
  await deps.vectors.upsert(
    page.botId,
    newChunkIds.map((chunkId, index) => ({ chunkId, vector: vectors[index]! })),
    signal,
  );
  await deps.orm
    .update(documents)
    .set({ contentHash: page.contentHash, ...validators })
    .where(eq(documents.id, documentId));
  return newChunkIds.length;
}
