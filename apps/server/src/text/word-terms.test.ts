import { describe, expect, it } from 'vitest';
import { stemWord, wordTerms } from './word-terms.js';

describe('wordTerms', () => {
  it('keeps meaningful words, drops stopwords and punctuation', () => {
    expect(wordTerms('How do I reset my password?')).toEqual(['reset', 'password']);
  });

  it('matches simple inflections to one stem', () => {
    expect(stemWord('refunds')).toBe(stemWord('refund'));
    expect(stemWord('crawling')).toBe('crawl');
    expect(stemWord('policies')).toBe('policy');
    expect(stemWord('status')).toBe('status');
  });

  it('handles non-English letters and numbers', () => {
    expect(wordTerms('Café 2024 größe')).toEqual(['café', '2024', 'größe']);
  });
});
