import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJarvis, type Jarvis } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';
import { addSource } from '../ingest/ingest-service.js';
import { refreshLexemeStats } from '../ingest/lexeme-stats.js';
import { storePage } from '../ingest/store-page.js';
import { matchesAsQuery, searchHybrid } from './hybrid-search.js';
import { retrievePassages } from './retrieve-passages.js';

// Pages indexed through the real ingest path (chunking, embedding, tsvector, lexeme_stats) in an
// in-memory PGlite. Every page shares the same title so titles do not tip the scores.
const pages: Record<string, string> = {
  once: 'Aspirin reduces stroke risk in older adults taking daily doses.',
  thrice: 'Aspirin reduces stroke risk; aspirin in older adults taking aspirin daily doses.',
  short: 'Heparin prevents clots after surgery.',
  long: `Heparin is one of many treatments discussed in this long review of hospital care. ${'Nurses monitor blood pressure, breathing, fluid balance, wound dressings, pain scores, sleep, mobility, nutrition and discharge planning for every ward. '.repeat(3)}`,
  common1: 'Patients reported fatigue and patients reported headaches; patients improved.',
  common2: 'Patients in the study were followed for two years.',
  common3: 'Most patients recovered within a week.',
  rare: 'Warfarin dosing was adjusted weekly.',
};

describe('BM25 full-text ranking', () => {
  let jarvis: Jarvis;
  let botId: string;

  beforeAll(async () => {
    jarvis = await createJarvis(loadConfig({ JARVIS_DEMO: 'false', JARVIS_EMBEDDINGS: 'local' }), {
      inMemory: true,
    });
    const orm = jarvis.database.orm;
    const bot = await createBot(orm, {
      workspaceId: await ensureLocalWorkspace(orm),
      slug: 'bm25',
      name: 'BM25',
    });
    botId = bot.id;
    const { sourceId } = await addSource(jarvis.ingest, botId, { kind: 'text', location: 'BM25 pages' });
    for (const [name, text] of Object.entries(pages)) {
      await storePage(jarvis.ingest, {
        sourceId,
        botId,
        url: `https://clinic.example/${name}`,
        title: 'Notes',
        markdown: text,
        contentHash: name,
      });
    }
    await refreshLexemeStats(orm, botId);
  }, 60_000);

  afterAll(() => jarvis?.close());

  /** Page names in full-text order alone (the vector ranking weighs nothing). */
  const textRanking = async (question: string) =>
    (await retrievePassages(jarvis.services, botId, question, { vectorWeight: 0, maxSources: 10 })).map(
      (source) => source.url.slice('https://clinic.example/'.length),
    );

  it('ranks a page that repeats the question’s word above one that says it once', async () => {
    const ranking = await textRanking('aspirin');
    expect(ranking.slice(0, 2)).toEqual(['thrice', 'once']);
  });

  it('normalises by length: a short page on the word beats a long page that mentions it in passing', async () => {
    const ranking = await textRanking('heparin');
    expect(ranking.slice(0, 2)).toEqual(['short', 'long']);
  });

  it('lets a rare word outweigh a common one repeated', async () => {
    const ranking = await textRanking('patients warfarin');
    expect(ranking[0]).toBe('rare');
    expect(ranking).toContain('common1');
  });

  it('finds nothing for words the pages never use', async () => {
    expect(await textRanking('quantum chromodynamics lattice')).toEqual([]);
  });

  it('fuses the matches of a vector store outside the database, given as a list', async () => {
    const [vectorOnly] = await retrievePassages(jarvis.services, botId, 'warfarin', { maxSources: 1 });
    const hits = await searchHybrid(jarvis.database.orm, {
      botId,
      question: 'nothing in common',
      nearest: matchesAsQuery([{ chunkId: (await chunkIdOf('common2'))!, score: 0.9 }]),
      candidates: 10,
      minVectorScore: 0.2,
      minTextCoverage: 0.25,
      seedLexemes: 4,
      seedPostings: 1000,
      vectorWeight: 1,
    });
    expect(vectorOnly?.url).toBe('https://clinic.example/rare');
    expect(hits.map((hit) => [hit.url, hit.vectorScore])).toEqual([['https://clinic.example/common2', 0.9]]);
  });

  async function chunkIdOf(name: string): Promise<string | undefined> {
    const result = (await jarvis.database.orm.execute(
      `select c.id from chunks c join documents d on d.id = c.document_id where d.url = 'https://clinic.example/${name}'`,
    )) as unknown as { rows: { id: string }[] };
    return result.rows[0]?.id;
  }
});
