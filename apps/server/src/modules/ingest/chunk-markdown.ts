/** A piece of a page small enough to embed and to quote, with the headings it sits under. */
export interface MarkdownChunk {
  headingPath: string[];
  content: string;
  tokenCount: number;
}

export interface ChunkOptions {
  /** Budget per chunk, in estimated tokens. */
  maxTokens?: number;
  /** Trailing sentences of one chunk repeated at the start of the next in the same section. */
  overlapTokens?: number;
}

/**
 * Token estimate: about 4 characters a token for English prose, as OpenAI's tokenisers average.
 * An estimate is enough to keep chunks near the budget, and costs nothing per chunk.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

interface Section {
  headingPath: string[];
  blocks: string[];
}

/**
 * Heading-aware chunking: the page is cut into sections at headings, each section's blocks
 * (paragraphs, lists, fenced code) are packed up to the budget, long paragraphs are cut at sentence
 * ends, fenced code is never cut unless it alone is over budget, and consecutive chunks of one
 * section share a little overlap so a sentence split across them is still found.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): MarkdownChunk[] {
  const maxTokens = options.maxTokens ?? 300;
  const overlapTokens = options.overlapTokens ?? 40;
  const chunks: MarkdownChunk[] = [];
  for (const section of splitSections(markdown)) {
    const pieces = section.blocks.flatMap((block) => splitOversized(block, maxTokens));
    let current: string[] = [];
    let currentTokens = 0;
    const flush = () => {
      const content = current.join('\n\n').trim();
      if (content)
        chunks.push({ headingPath: section.headingPath, content, tokenCount: estimateTokens(content) });
    };
    for (const piece of pieces) {
      const tokens = estimateTokens(piece);
      if (currentTokens > 0 && currentTokens + tokens > maxTokens) {
        flush();
        const overlap = trailingSentences(current.at(-1) ?? '', overlapTokens);
        current = overlap ? [overlap] : [];
        currentTokens = estimateTokens(overlap);
      }
      current.push(piece);
      currentTokens += tokens;
    }
    flush();
  }
  return chunks;
}

function splitSections(markdown: string): Section[] {
  const sections: Section[] = [];
  const path: { level: number; text: string }[] = [];
  let blocks: string[] = [];
  let paragraph: string[] = [];
  let fence: string | undefined;

  const endParagraph = () => {
    const text = paragraph.join('\n').trim();
    if (text) blocks.push(text);
    paragraph = [];
  };
  const endSection = () => {
    endParagraph();
    if (blocks.length) sections.push({ headingPath: path.map((entry) => entry.text), blocks });
    blocks = [];
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMark = line.match(/^\s{0,3}(`{3,}|~{3,})/)?.[1];
    if (fence) {
      paragraph.push(line);
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) {
        fence = undefined;
        endParagraph();
      }
      continue;
    }
    if (fenceMark) {
      endParagraph();
      fence = fenceMark;
      paragraph.push(line);
      continue;
    }
    const heading = line.match(/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (heading) {
      endSection();
      const level = heading[1]!.length;
      while (path.length && path.at(-1)!.level >= level) path.pop();
      path.push({ level, text: heading[2]!.trim() });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endSection();
  return sections;
}

/** Cuts a block over budget at sentence ends (prose) or line ends (code), keeping fences intact. */
function splitOversized(block: string, maxTokens: number): string[] {
  if (estimateTokens(block) <= maxTokens) return [block];
  const isCode = /^\s{0,3}(`{3,}|~{3,})/.test(block);
  const units = isCode ? block.split('\n') : block.split(/(?<=[.!?])\s+/);
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    const joined = current ? `${current}${isCode ? '\n' : ' '}${unit}` : unit;
    if (current && estimateTokens(joined) > maxTokens) {
      pieces.push(current);
      current = unit;
    } else current = joined;
  }
  if (current) pieces.push(current);
  // A single sentence longer than the budget is cut at word boundaries as a last resort.
  return pieces.flatMap((piece) =>
    estimateTokens(piece) > maxTokens * 1.5 ? cutWords(piece, maxTokens) : [piece],
  );
}

function cutWords(text: string, maxTokens: number): string[] {
  const words = text.split(/\s+/);
  const pieces: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    if (current.length && estimateTokens(`${current.join(' ')} ${word}`) > maxTokens) {
      pieces.push(current.join(' '));
      current = [];
    }
    current.push(word);
  }
  if (current.length) pieces.push(current.join(' '));
  return pieces;
}

function trailingSentences(block: string, budget: number): string {
  if (budget <= 0 || /^\s{0,3}(`{3,}|~{3,})/.test(block)) return '';
  const sentences = block.split(/(?<=[.!?])\s+/);
  const kept: string[] = [];
  let tokens = 0;
  for (let i = sentences.length - 1; i >= 0; i -= 1) {
    const sentence = sentences[i]!;
    tokens += estimateTokens(sentence);
    if (tokens > budget) break;
    kept.unshift(sentence);
  }
  return kept.join(' ');
}
