import { wordTerms } from '../../text/word-terms.js';
import type { RetrievedSource } from './retrieve-passages.js';

/**
 * An answer rests on weak evidence when its best source shares under half of the question's words
 * and is not close in vector space either: it is still given, but the owner sees it among the gaps.
 */
export function restsOnWeakEvidence(question: string, sources: readonly RetrievedSource[]): boolean {
  const questionTerms = new Set(wordTerms(question));
  if (questionTerms.size === 0) return false;
  const best = Math.max(
    ...sources.map((source) => {
      const sourceTerms = new Set(wordTerms(`${source.title} ${source.content}`));
      return [...questionTerms].filter((term) => sourceTerms.has(term)).length / questionTerms.size;
    }),
  );
  const bestVector = Math.max(...sources.map((source) => source.vectorScore));
  return best < 0.5 && bestVector < 0.5;
}
