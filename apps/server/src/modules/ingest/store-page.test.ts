import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../adapters/db/port.js';
import type { VectorStore } from '../../adapters/vectors/port.js';
import { createJarvis, type Jarvis } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';
import { chunkMarkdown } from './chunk-markdown.js';
import { addSource } from './ingest-service.js';
import { storePages } from './store-page.js';

let jarvis: Jarvis;
let botId: string;
let sourceId: string;

/** A reference page long enough that its chunks and vectors take several statements to store. */
const longPage = (version: string) =>
  Array.from(
    { length: 300 },
    (_, index) =>
      `## Setting ${index}\n\nSetting ${index} (${version}) controls rule ${index * 3} of the shop.`,
  ).join('\n\n');

const page = (name: string, markdown: string) => ({
  sourceId,
  botId,
  url: `https://shop.example/${name}`,
  title: name,
  markdown,
  contentHash: `${name} ${markdown.length} ${markdown.slice(-40)}`,
});

/**
 * Chunk ids with a vector, as the store was told: watched at the port, so the test holds for pgvector
 * and for Pinecone (the PostgreSQL run) alike.
 */
const vectorIds = new Set<string>();
const deps = () => ({
  ...jarvis.ingest,
  vectors: {
    ...jarvis.ingest.vectors,
    async upsert(...args: Parameters<VectorStore['upsert']>) {
      await jarvis.ingest.vectors.upsert(...args);
      for (const item of args[1]) vectorIds.add(item.chunkId);
    },
    async remove(...args: Parameters<VectorStore['remove']>) {
      await jarvis.ingest.vectors.remove(...args);
      for (const id of args[1]) vectorIds.delete(id);
    },
  },
});

/** Per document: its chunks, their distinct ordinals and highest ordinal, and chunks with a vector. */
const stored = async () => {
  const rows = await queryRows<{ url: string; ordinal: number; id: string }>(
    jarvis.database.orm,
    sql`select d.url, c.ordinal, c.id from documents d join chunks c on c.document_id = d.id order by d.url`,
  );
  const urls = [...new Set(rows.map((row) => row.url))];
  return urls.map((url) => {
    const ofPage = rows.filter((row) => row.url === url);
    return {
      url,
      chunks: ofPage.length,
      ordinals: new Set(ofPage.map((row) => row.ordinal)).size,
      last: Math.max(...ofPage.map((row) => row.ordinal)),
      embedded: ofPage.filter((row) => vectorIds.has(row.id)).length,
    };
  });
};

beforeAll(async () => {
  jarvis = await createJarvis(loadConfig({ JARVIS_DEMO: 'false' }), { inMemory: true });
  const orm = jarvis.database.orm;
  botId = (await createBot(orm, { workspaceId: await ensureLocalWorkspace(orm), slug: 'kb', name: 'kb' })).id;
  sourceId = (await addSource(jarvis.ingest, botId, { kind: 'text', location: 'Reference' })).sourceId;
});

afterAll(() => jarvis?.close());

describe('storePages', () => {
  it('stores every chunk of a page longer than one statement, with its vector, once', async () => {
    const pieces = chunkMarkdown(longPage('v1')).length;
    expect(pieces).toBeGreaterThan(2 * 128);
    const results = await storePages(deps(), [
      page('reference', longPage('v1')),
      page('short', '# Short\n\nA note.'),
    ]);
    expect(results).toEqual([pieces, 1]);
    expect(await stored()).toEqual([
      {
        url: 'https://shop.example/reference',
        chunks: pieces,
        ordinals: pieces,
        last: pieces - 1,
        embedded: pieces,
      },
      { url: 'https://shop.example/short', chunks: 1, ordinals: 1, last: 0, embedded: 1 },
    ]);
  });

  it('replaces a changed page whole and leaves an unchanged one as it is', async () => {
    const before = await stored();
    const pieces = chunkMarkdown(longPage('v2')).length;
    const results = await storePages(deps(), [
      page('reference', longPage('v2')),
      page('short', '# Short\n\nA note.'),
    ]);
    expect(results).toEqual([pieces, 'unchanged']);
    const after = await stored();
    expect(after[0]).toEqual({
      url: 'https://shop.example/reference',
      chunks: pieces,
      ordinals: pieces,
      last: pieces - 1,
      embedded: pieces,
    });
    expect(after[1]).toEqual(before[1]);
    // The old page's vectors went with its chunks.
    expect(vectorIds.size).toBe(pieces + 1);
  });
});
