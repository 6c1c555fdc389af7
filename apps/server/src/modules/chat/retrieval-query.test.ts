import { describe, expect, it } from 'vitest';
import { retrievalQuery } from './retrieval-query.js';

const history = [
  { role: 'user' as const, content: 'How do refunds work?' },
  { role: 'assistant' as const, content: 'Refunds take 5 days [1].' },
];

describe('retrievalQuery', () => {
  it('expands a follow-up with the previous question', () => {
    expect(retrievalQuery('and how much does it cost?', history)).toBe(
      'and how much does it cost? How do refunds work?',
    );
    expect(retrievalQuery('What about shipping?', history)).toContain('refunds');
  });

  it('leaves a question that stands alone as it is', () => {
    expect(retrievalQuery('Which payment methods do you accept for gift cards?', history)).toBe(
      'Which payment methods do you accept for gift cards?',
    );
    expect(retrievalQuery('How do I install Jarvis?', [])).toBe('How do I install Jarvis?');
    expect(retrievalQuery('Which settings can I change?', history)).toBe('Which settings can I change?');
    expect(retrievalQuery('Pricing?', history)).toBe('Pricing? How do refunds work?');
  });
});
