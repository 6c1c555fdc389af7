import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerModel } from './extractive.js';
import type { AnswerSource } from './port.js';

const sources: AnswerSource[] = [
  {
    number: 1,
    title: 'Refund policy',
    url: 'https://shop.example/refunds',
    content:
      '# Refunds\n\nWe offer refunds within 30 days of purchase. Refunds are paid back to the original card within 5 business days.\n\nGift cards cannot be refunded.',
  },
  {
    number: 2,
    title: 'Shipping',
    url: 'https://shop.example/shipping',
    content: 'Orders ship within 2 days. International shipping takes up to 3 weeks.',
  },
];

async function collect(
  question: string,
  list: AnswerSource[] = sources,
  signal?: AbortSignal,
): Promise<string> {
  let text = '';
  for await (const delta of createExtractiveAnswerModel().streamAnswer({
    question,
    sources: list,
    history: [],
    instructions: '',
    ...(signal ? { signal } : {}),
  })) {
    if (delta.type === 'text') text += delta.text;
  }
  return text;
}

describe('extractive answer model', () => {
  it('quotes the sentences that answer the question and cites their source', async () => {
    const answer = await collect('How long until a refund reaches my card?');
    expect(answer).toContain('Refunds are paid back to the original card within 5 business days.');
    expect(answer).toMatch(/\[1\]/);
    expect(answer).not.toContain('International shipping');
  });

  it('cites the second source when that is where the answer is', async () => {
    const answer = await collect('How long does international shipping take?');
    expect(answer).toContain('International shipping takes up to 3 weeks. [2]');
  });

  it('streams in several deltas and stops when aborted', async () => {
    const controller = new AbortController();
    const model = createExtractiveAnswerModel();
    const deltas: string[] = [];
    for await (const delta of model.streamAnswer({
      question: 'refunds',
      sources,
      history: [],
      instructions: '',
      signal: controller.signal,
    })) {
      if (delta.type === 'text') deltas.push(delta.text);
      if (deltas.length === 2) controller.abort();
    }
    expect(deltas).toHaveLength(2);
  });

  it('returns nothing when there are no sources', async () => {
    expect(await collect('anything', [])).toBe('');
  });
});

describe('extractive answers with code', () => {
  it('quotes the command a sentence introduces', async () => {
    const source: AnswerSource = {
      number: 1,
      title: 'Install',
      url: 'https://docs.example/install',
      content:
        '# Install\n\nYou need Node.js. To install the tool, run:\n\n```sh\nnpm install tool\n```\n\nThen it works.',
    };
    const answer = await collect('How do I install the tool?', [source]);
    expect(answer).toContain('To install the tool, run: [1]\n\n```sh\nnpm install tool\n```');
  });
});
