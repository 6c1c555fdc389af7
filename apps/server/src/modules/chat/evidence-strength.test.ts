import { describe, expect, it } from 'vitest';
import { restsOnWeakEvidence } from './evidence-strength.js';
import type { RetrievedSource } from './retrieve-passages.js';

const source = (content: string, vectorScore = 0.3): RetrievedSource => ({
  number: 1,
  url: 'https://shop.example/help',
  title: 'Help',
  content,
  score: 0.03,
  vectorScore,
});

describe('restsOnWeakEvidence', () => {
  it('trusts a source that shares most of the question’s words', () => {
    expect(restsOnWeakEvidence('How long do refunds take?', [source('Refunds take five days.')])).toBe(false);
  });

  it('flags an answer whose best source shares few words and is not close in vector space', () => {
    expect(
      restsOnWeakEvidence('Can I pay for refunds with bitcoin or paypal?', [
        source('Refunds take five days.'),
      ]),
    ).toBe(true);
  });

  it('trusts a close vector match even with different words (a paraphrase)', () => {
    expect(restsOnWeakEvidence('When is my money back?', [source('Refunds take five days.', 0.82)])).toBe(
      false,
    );
  });
});
