import { wordTerms } from '../../text/word-terms.js';
import type { AnswerDelta, AnswerModel, AnswerRequest, AnswerSource } from './port.js';

interface Sentence {
  text: string;
  /** A fenced code block the sentence introduces, quoted with it. */
  code?: string | undefined;
  source: number;
  position: number;
  terms: Set<string>;
}

export interface ExtractiveOptions {
  /** Most sentences quoted in one answer. */
  maxSentences?: number;
}

/**
 * The offline answerer: no model, it quotes the sentences of the retrieved sources that share the
 * most (rare) words with the question and cites each one. Answers are always grounded, never fluent.
 */
export function createExtractiveAnswerModel(options: ExtractiveOptions = {}): AnswerModel {
  const maxSentences = options.maxSentences ?? 3;
  return {
    name: 'extractive',
    async *streamAnswer(request: AnswerRequest): AsyncIterable<AnswerDelta> {
      const answer = composeAnswer(request.question, request.sources, maxSentences);
      // Word-sized deltas so the widget and CLI stream it exactly as they would a model's tokens.
      for (const piece of answer.match(/\S+\s*/g) ?? []) {
        if (request.signal?.aborted) return;
        yield { type: 'text', text: piece };
      }
    },
  };
}

/** Picks and orders the best sentences and writes them with `[n]` citations. */
export function composeAnswer(
  question: string,
  sources: readonly AnswerSource[],
  maxSentences: number,
): string {
  const sentences = sources.flatMap(splitSentences);
  if (sentences.length === 0) return '';
  const questionTerms = new Set(wordTerms(question));
  const documentFrequency = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const scored = sentences.map((sentence) => {
    let overlap = 0;
    for (const term of questionTerms) {
      if (sentence.terms.has(term)) overlap += Math.log(1 + sentences.length / documentFrequency.get(term)!);
    }
    const wordCount = sentence.text.split(/\s+/).length;
    const lengthFit = wordCount < 5 ? 0.5 : wordCount > 60 ? 0.7 : 1;
    const rankPrior = 1 / (1 + 0.15 * (sentence.source - 1)) + 1 / (10 + sentence.position);
    return { sentence, score: overlap * lengthFit + 0.1 * rankPrior };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!.score;
  const chosen: Sentence[] = [];
  for (const { sentence, score } of scored) {
    if (chosen.length >= maxSentences || score < best * 0.45) break;
    if (chosen.some((other) => similarity(other.terms, sentence.terms) > 0.7)) continue;
    chosen.push(sentence);
  }
  // Read in the sources' own order so quoted sentences from one passage stay coherent.
  chosen.sort((a, b) => a.source - b.source || a.position - b.position);
  let answer = '';
  chosen.forEach((sentence, index) => {
    const next = chosen[index + 1];
    const cite = !next || next.source !== sentence.source || sentence.code ? ` [${sentence.source}]` : '';
    answer += `${sentence.text}${cite}`;
    answer += sentence.code ? `\n\n${sentence.code}\n\n` : ' ';
  });
  return answer.trim();
}

function splitSentences(source: AnswerSource): Sentence[] {
  const codeBlocks: string[] = [];
  const prose = source.content
    // Code is kept whole and attached to the sentence that introduces it ("run:"), never quoted alone.
    .replace(/```[\s\S]*?```/g, (block) => `\n\n@@code${codeBlocks.push(block) - 1}@@\n\n`)
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+(.*)$/gm, '$1.')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/^\s*\|.*\|\s*$/gm, ' ')
    .replace(/[*_]{1,3}([^*_\n]+)[*_]{1,3}/g, '$1');
  const pieces = prose
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])|\n{2,}/u)
    .map((piece) => piece.replace(/[^\S\n]+/g, ' ').trim())
    .filter((piece) => piece.length > 0);
  const sentences: Sentence[] = [];
  for (const piece of pieces) {
    const code = piece.match(/^@@code(\d+)@@$/);
    if (code) {
      const previous = sentences.at(-1);
      if (previous?.text.endsWith(':')) previous.code = codeBlocks[Number(code[1])];
      continue;
    }
    if (!/\p{L}/u.test(piece)) continue;
    const text = piece.replace(/\s+/g, ' ');
    sentences.push({
      text: /[.!?:)"”]$/.test(text) ? text : `${text}.`,
      source: source.number,
      position: sentences.length,
      terms: new Set(wordTerms(text)),
    });
  }
  return sentences;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / Math.min(a.size, b.size);
}
