import type { ChatTurn } from '../../adapters/llm/port.js';
import { contentWords } from '../../text/word-terms.js';

// Words that mark a question as leaning on the one before ("and how much does it cost?").
const followUpMarker =
  /^(and|but|also|so|what about|how about)\b|\b(it|its|that|this|they|them|those|these|there)\b/i;

/**
 * What to search for: the question itself, or, for a follow-up that cannot stand alone (one word
 * of its own, or a pronoun pointing back), the question joined with the visitor's previous one.
 */
export function retrievalQuery(question: string, history: readonly ChatTurn[]): string {
  const previous = [...history].reverse().find((turn) => turn.role === 'user');
  if (!previous) return question;
  if (contentWords(question).length >= 2 && !followUpMarker.test(question)) return question;
  return `${question} ${previous.content}`;
}
