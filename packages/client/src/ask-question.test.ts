import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedJarvis, startJarvis } from '../../../scripts/start-jarvis.mjs';
import { type AnswerChunk, askQuestion, createJarvisClient, JarvisError } from './index.js';

let jarvis: StartedJarvis;
let serverUrl: string;
let botKey: string;

beforeAll(async () => {
  jarvis = await startJarvis();
  serverUrl = jarvis.url;
  botKey = jarvis.botKey;
});

afterAll(() => jarvis?.stop());

describe('askQuestion against a running Jarvis server', () => {
  it('streams an answer with for await: text, then sources, then its end', async () => {
    const client = createJarvisClient({ url: serverUrl });
    const chunks: AnswerChunk[] = [];
    for await (const chunk of askQuestion(client, { botKey, question: 'What is Jarvis?' }))
      chunks.push(chunk);

    const text = chunks.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.text] : [])).join('');
    expect(text.length).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.type === 'sources-ready')).toBe(true);
    const end = chunks.at(-1);
    expect(end?.type).toBe('answer-end');
    if (end?.type !== 'answer-end') return;

    const history = await client.chat.history.query({ botKey, conversationId: end.conversationId });
    expect(history.length).toBeGreaterThanOrEqual(2);
  });

  it('throws UNREACHABLE naming the URL when no server answers there', async () => {
    const client = createJarvisClient({ url: 'http://127.0.0.1:9' });
    const asking = (async () => {
      for await (const _chunk of askQuestion(client, { botKey, question: 'Hello?' })) {
        // never reached
      }
    })();
    await expect(asking).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('http://127.0.0.1:9'),
    });
    await expect(client.widget.config.query({ botKey })).rejects.toBeInstanceOf(JarvisError);
    await expect(client.widget.config.query({ botKey })).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });

  it('throws NOT_FOUND for an unknown bot key and BAD_REQUEST for an empty question', async () => {
    const client = createJarvisClient({ url: serverUrl });
    const ask = async (options: { botKey: string; question: string }) => {
      for await (const _chunk of askQuestion(client, options)) {
        // drain
      }
    };
    await expect(ask({ botKey: 'pk_unknown0000000000', question: 'Hello?' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ask({ botKey, question: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('question'),
    });
  });

  it('throws UNAUTHORIZED for an owner call with a wrong API key', async () => {
    const client = createJarvisClient({ url: serverUrl, apiKey: 'jsk_wrong' });
    const listing = client.bots.list.query();
    await expect(listing).rejects.toBeInstanceOf(JarvisError);
    await expect(listing).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('ends quietly when the signal aborts', async () => {
    const client = createJarvisClient({ url: serverUrl });
    const controller = new AbortController();
    const chunks: AnswerChunk[] = [];
    for await (const chunk of askQuestion(client, {
      botKey,
      question: 'What is Jarvis?',
      signal: controller.signal,
    })) {
      chunks.push(chunk);
      controller.abort();
    }
    expect(chunks).toHaveLength(1);
  });
});
