/**
 * Words that carry meaning, lowercased and lightly stemmed, for lexical matching: the extractive
 * answerer scores sentences with them and the full-text query is built from them.
 */
export function wordTerms(text: string): string[] {
  return contentWords(text).map(stemWord);
}

/** Lowercased words without stopwords and without stemming (Postgres full text stems them itself). */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  const kept: string[] = [];
  for (const word of words) {
    const bare = word.replace(/['’].*$/, '');
    if (bare.length >= 2 && !isStopword(bare)) kept.push(bare);
  }
  return kept;
}

/**
 * A deliberately small suffix stripper (plural, -ing, -ed, -ly): enough to match "refunds" with
 * "refund" and "crawling" with "crawl" without the surprises of aggressive stemmers.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('ly') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

function undouble(stem: string): string {
  return /([^aeiouls])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

const stopwords = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she should
  so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves also get got may might must shall cannot tell please thanks thank hi hello`.split(
    /\s+/,
  ),
);

/** Whether a lowercased word is an English stopword (shared by the embedder and lexical matching). */
export function isStopword(word: string): boolean {
  return stopwords.has(word);
}
