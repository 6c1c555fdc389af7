import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import type { Embedder } from '../../adapters/embeddings/port.js';
import type { VectorStore } from '../../adapters/vectors/port.js';
import { chunks, documents } from '../../db/schema.js';
import { chunkMarkdown } from './chunk-markdown.js';
import type { ReadPage } from './source-pages.js';

export interface StorePageDeps {
  orm: Orm;
  embedder: Embedder;
  vectors: VectorStore;
}

export interface PageToStore extends ReadPage {
  sourceId: string;
  botId: string;
}

const embedBatchSize = 64;
/**
 * Chunk and vector rows per statement: a page of API reference can have a hundred chunks, and a
 * statement of several hundred rows holds this thread (see `giveWay`) for a tenth of a second.
 */
const rowsPerStatement = 128;

/**
 * A turn of the event loop. The embedded database runs each statement on this thread and a resolved
 * query does not give way to I/O, so a round of statements would otherwise hold up the crawl's
 * responses and the extraction threads' replies (and with them the next pages) until it ends.
 */
const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Chunks, embeds and stores one page, replacing its previous chunks. Returns the number of chunks,
 * or `unchanged` when the page's content hash is what was stored last time.
 */
export async function storePage(
  deps: StorePageDeps,
  page: PageToStore,
  signal?: AbortSignal,
): Promise<number | 'unchanged'> {
  const [stored] = await storePages(deps, [page], signal);
  return stored!;
}

/**
 * `storePage` for several pages at once, with one round of statements for all of them: on the
 * embedded database each statement costs a turn of the WASM engine whatever its size, so a crawl
 * stores the pages that arrived while it was storing the last ones together. Results are in the
 * order of `pages`.
 *
 * Documents' hashes are written last: if embedding or the vector store fails part-way, the next
 * sync sees a stale hash and does the pages again instead of trusting half-written rows.
 */
export async function storePages(
  deps: StorePageDeps,
  pages: readonly PageToStore[],
  signal?: AbortSignal,
): Promise<(number | 'unchanged')[]> {
  if (pages.length === 0) return [];
  // One statement cannot upsert a document twice: a page that comes again goes in the next round.
  const keyOf = (page: PageToStore) => `${page.sourceId} ${page.url}`;
  const keys = pages.map(keyOf);
  const repeat = keys.findIndex((key, index) => keys.indexOf(key) !== index);
  if (repeat > 0) {
    return [
      ...(await storePages(deps, pages.slice(0, repeat), signal)),
      ...(await storePages(deps, pages.slice(repeat), signal)),
    ];
  }

  const existingRows = await deps.orm
    .select({
      id: documents.id,
      sourceId: documents.sourceId,
      url: documents.url,
      contentHash: documents.contentHash,
      etag: documents.etag,
      lastModified: documents.lastModified,
    })
    .from(documents)
    .where(
      and(
        inArray(documents.sourceId, [...new Set(pages.map((page) => page.sourceId))]),
        inArray(
          documents.url,
          pages.map((page) => page.url),
        ),
      ),
    );
  const existing = new Map(existingRows.map((row) => [`${row.sourceId} ${row.url}`, row]));
  const validatorsOf = (page: PageToStore) => ({
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
    links: page.links ?? null,
  });

  const results: (number | 'unchanged')[] = [];
  const changed: { page: PageToStore; index: number; pieces: ReturnType<typeof chunkMarkdown> }[] = [];
  for (const [index, page] of pages.entries()) {
    const known = existing.get(keyOf(page));
    if (known?.contentHash === page.contentHash) {
      // Same text under new validators (a rebuilt site): keep them, so the next sync can get a 304.
      const validators = validatorsOf(page);
      if (known.etag !== validators.etag || known.lastModified !== validators.lastModified) {
        await deps.orm.update(documents).set(validators).where(eq(documents.id, known.id));
      }
      results[index] = 'unchanged';
    } else {
      changed.push({ page, index, pieces: chunkMarkdown(page.markdown) });
    }
  }
  if (changed.length === 0) return results;

  // The title and headings go into the embedded text so a chunk about "Pricing > Refunds" is found
  // by questions that only the headings answer.
  const texts = changed.flatMap(({ page, pieces }) =>
    pieces.map((piece) => [page.title, ...piece.headingPath, piece.content].join('\n')),
  );
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += embedBatchSize) {
    await giveWay();
    signal?.throwIfAborted();
    vectors.push(
      ...(await deps.embedder.embed(texts.slice(start, start + embedBatchSize), {
        kind: 'document',
        signal,
      })),
    );
  }

  await giveWay();
  const { documentIds, oldChunks, newChunkIds } = await deps.orm.transaction(async (tx) => {
    const documentRows = await tx
      .insert(documents)
      .values(
        changed.map(({ page }) => ({
          sourceId: page.sourceId,
          botId: page.botId,
          url: page.url,
          title: page.title,
          contentHash: '',
        })),
      )
      .onConflictDoUpdate({
        target: [documents.sourceId, documents.url],
        set: { title: sql`excluded.title`, fetchedAt: sql`now()` },
      })
      .returning({ id: documents.id, sourceId: documents.sourceId, url: documents.url });
    const idByKey = new Map(documentRows.map((row) => [`${row.sourceId} ${row.url}`, row.id]));
    const documentIds = changed.map(({ page }) => idByKey.get(keyOf(page))!);
    const old = await tx
      .delete(chunks)
      .where(inArray(chunks.documentId, documentIds))
      .returning({ id: chunks.id, botId: chunks.botId });
    const rows = changed.flatMap(({ page, pieces }, position) =>
      pieces.map((piece, ordinal) => ({
        documentId: documentIds[position]!,
        botId: page.botId,
        ordinal,
        headingPath: piece.headingPath,
        content: piece.content,
        tokenCount: piece.tokenCount,
      })),
    );
    const inserted: { id: string; documentId: string; ordinal: number }[] = [];
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      if (start > 0) await giveWay();
      inserted.push(
        ...(await tx
          .insert(chunks)
          .values(rows.slice(start, start + rowsPerStatement))
          .returning({ id: chunks.id, documentId: chunks.documentId, ordinal: chunks.ordinal })),
      );
    }
    // Back in the order the texts were embedded in: by page, then by position in the page.
    const idByPlace = new Map(inserted.map((row) => [`${row.documentId} ${row.ordinal}`, row.id]));
    return {
      documentIds,
      oldChunks: old,
      newChunkIds: rows.map((row) => idByPlace.get(`${row.documentId} ${row.ordinal}`)!),
    };
  });

  for (const botId of new Set(oldChunks.map((chunk) => chunk.botId))) {
    await deps.vectors.remove(
      botId,
      oldChunks.filter((chunk) => chunk.botId === botId).map((chunk) => chunk.id),
    );
  }
  await giveWay();
  let next = 0;
  const items = changed.flatMap(({ page, pieces }) =>
    pieces.map(() => ({ botId: page.botId, chunkId: newChunkIds[next]!, vector: vectors[next++]! })),
  );
  for (const botId of new Set(items.map((item) => item.botId))) {
    const ofBot = items.filter((item) => item.botId === botId);
    for (let start = 0; start < ofBot.length; start += rowsPerStatement) {
      if (start > 0) await giveWay();
      await deps.vectors.upsert(botId, ofBot.slice(start, start + rowsPerStatement), signal);
    }
  }
  await giveWay();
  // Links go in as JSON: a text[] parameter is spelled differently by each Postgres driver.
  const rows = changed.map(({ page }, position) => {
    const { etag, lastModified, links } = validatorsOf(page);
    return sql`(${documentIds[position]!}::uuid, ${page.contentHash}::text, ${etag}::text, ${lastModified}::text, ${links ? JSON.stringify(links) : null}::jsonb)`;
  });
  await deps.orm.execute(sql`
    update documents as d
    set content_hash = v.content_hash, etag = v.etag, last_modified = v.last_modified,
      links = case when v.links is null then null else array(select jsonb_array_elements_text(v.links)) end
    from (values ${sql.join(rows, sql`, `)}) as v (id, content_hash, etag, last_modified, links)
    where d.id = v.id`);
  for (const { index, pieces } of changed) results[index] = pieces.length;
  return results;
}
