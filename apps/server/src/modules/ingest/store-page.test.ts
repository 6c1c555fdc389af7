import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../adapters/db/port.js';
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

/** Per document: its chunks, their distinct ordinals and highest ordinal, and chunks with a vector. */
const stored = () =>
  queryRows<{ url: string; chunks: number; ordinals: number; last: number; embedded: number }>(
    jarvis.database.orm,
    sql`select d.url, count(c.id)::int as chunks, count(distinct c.ordinal)::int as ordinals,
      max(c.ordinal)::int as last, count(e.chunk_id)::int as embedded
      from documents d join chunks c on c.document_id = d.id
      left join chunk_embeddings e on e.chunk_id = c.id
      group by d.url order by d.url`,
  );

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
    const results = await storePages(jarvis.ingest, [
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
    const results = await storePages(jarvis.ingest, [
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
    const [count] = await queryRows<{ vectors: number }>(
      jarvis.database.orm,
      sql`select count(*)::int as vectors from chunk_embeddings`,
    );
    expect(count?.vectors).toBe(pieces + 1);
  });
});
