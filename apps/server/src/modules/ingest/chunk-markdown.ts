/** A piece of a page small enough to embed and to quote, with the headings it sits under. */
export interface MarkdownChunk {
  /** Headings from the top of the page down to this chunk's section, e.g. `['Guide', 'Install', 'Linux']`. */
  headingPath: string[];
  content: string;
  /** Estimated tokens in `content` (see `estimateTokens`). */
  tokenCount: number;
}

export interface ChunkOptions {
  /** Budget per chunk, in estimated tokens; 300 unless said. */
  maxTokens?: number;
  /** Trailing sentences of a chunk repeated at the start of the next in its section; 40 unless said. */
  overlapTokens?: number;
}

/**
 * Token estimate: characters / 4, the average OpenAI's tokenisers give for English prose. It is
 * chosen over words × 1.3 because it also holds for code, URLs and tables, where "words" are long
 * and few, and it costs nothing per chunk. Chunks only need to land near the budget.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

interface Section {
  headingPath: string[];
  blocks: string[];
}

// Any indentation: a fence inside a list item is indented with the item.
const fenceLine = /^\s*(`{3,}|~{3,})/;

/**
 * Heading-aware chunking. The page is cut into sections at ATX headings (not at `#` lines inside
 * fenced code); each section's blocks (paragraphs, lists, tables, fenced code) are packed up to
 * the budget. A block over budget is cut at sentence ends (prose) or line ends (code, lists,
 * tables; code pieces are re-fenced and table pieces repeat the header row). Consecutive chunks of
 * one section share about `overlapTokens` of trailing sentences, so a fact split across the
 * boundary is still found whole. Empty chunks are dropped.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): MarkdownChunk[] {
  const maxTokens = options.maxTokens ?? 300;
  const overlapTokens = options.overlapTokens ?? 40;
  const chunks: MarkdownChunk[] = [];
  for (const section of splitSections(markdown)) {
    const pieces = section.blocks.flatMap((block) => splitOversized(block, maxTokens));
    let current: string[] = [];
    let hasNewContent = false;
    // What the chunk would measure with one more piece, separator included.
    const withPiece = (piece: string) => estimateTokens([...current, piece].join('\n\n'));
    const flush = () => {
      const content = current.join('\n\n').trim();
      if (content && hasNewContent) {
        chunks.push({ headingPath: section.headingPath, content, tokenCount: estimateTokens(content) });
      }
    };
    for (const piece of pieces) {
      if (hasNewContent && withPiece(piece) > maxTokens) {
        flush();
        const overlap = trailingSentences(current.at(-1) ?? '', overlapTokens);
        // Overlap is a courtesy: it never pushes the next chunk over budget.
        current = overlap && estimateTokens(`${overlap}\n\n${piece}`) <= maxTokens ? [overlap] : [];
        hasNewContent = false;
      }
      current.push(piece);
      hasNewContent = true;
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

  const endBlock = () => {
    const text = dedent(paragraph).trim();
    if (text) blocks.push(text);
    paragraph = [];
  };
  const endSection = () => {
    endBlock();
    if (blocks.length > 0) sections.push({ headingPath: path.map((entry) => entry.text), blocks });
    blocks = [];
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMark = line.match(fenceLine)?.[1];
    if (fence) {
      paragraph.push(line);
      if (
        fenceMark &&
        fenceMark[0] === fence[0] &&
        fenceMark.length >= fence.length &&
        !line.trim().slice(fenceMark.length)
      ) {
        fence = undefined;
        endBlock();
      }
      continue;
    }
    if (fenceMark) {
      endBlock();
      fence = fenceMark;
      paragraph.push(line);
      continue;
    }
    const heading = line.match(/^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/);
    if (heading) {
      endSection();
      const level = heading[1]!.length;
      while (path.length > 0 && path.at(-1)!.level >= level) path.pop();
      const text = heading[2]!.trim();
      if (text) path.push({ level, text });
      continue;
    }
    if (line.trim() === '') endBlock();
    else paragraph.push(line);
  }
  endSection();
  return sections;
}

/**
 * Removes the indentation all lines share. Blocks inside list items arrive indented; trimming only
 * the first line would leave a fence opened at column 0 and closed at column 4, which is no fence.
 */
function dedent(lines: string[]): string {
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length);
  const common = Math.min(...indents);
  return indents.length > 0 && common > 0
    ? lines.map((line) => line.slice(common)).join('\n')
    : lines.join('\n');
}

/** Cuts a block over budget into pieces within it, keeping code fenced and tables headed. */
function splitOversized(block: string, maxTokens: number): string[] {
  if (estimateTokens(block) <= maxTokens) return [block];
  const lines = block.split('\n');
  const fence = lines[0]?.match(fenceLine)?.[1];
  if (fence) {
    const hasClosing = lines.length > 1 && fenceLine.test(lines.at(-1)!);
    const closing = hasClosing ? lines.at(-1)!.trim() : fence;
    const body = lines.slice(1, hasClosing ? -1 : undefined);
    const frame = `${lines[0]}\n\n${closing}`;
    return packUnits(body, '\n', maxTokens - estimateTokens(frame)).map(
      (piece) => `${lines[0]}\n${piece}\n${closing}`,
    );
  }
  if (lines.length > 2 && lines.every((line) => line.trimStart().startsWith('|'))) {
    const header = lines.slice(0, 2).join('\n');
    // A header too big to repeat (a layout table) is cut like any other lines.
    if (estimateTokens(header) > maxTokens / 2) return packUnits(lines, '\n', maxTokens);
    return packUnits(lines.slice(2), '\n', maxTokens - estimateTokens(header) - 1).map(
      (piece) => `${header}\n${piece}`,
    );
  }
  if (lines.length > 1 && /^\s*([-*+]|\d+[.)])\s/.test(lines[0]!)) return packUnits(lines, '\n', maxTokens);
  return packUnits(block.split(/(?<=[.!?])\s+/), ' ', maxTokens);
}

/**
 * Joins units (sentences or lines) greedily up to the budget. A single unit over budget (a
 * sentence without full stops, a minified line) is cut at spaces, and at the budget as a last resort.
 */
function packUnits(units: string[], separator: string, maxTokens: number): string[] {
  const budget = Math.max(maxTokens, 8);
  const pieces: string[] = [];
  let current = '';
  for (const unit of units.flatMap((text) =>
    estimateTokens(text) > budget ? cutLongUnit(text, budget) : [text],
  )) {
    const joined = current ? `${current}${separator}${unit}` : unit;
    if (current && estimateTokens(joined) > budget) {
      pieces.push(current);
      current = unit;
    } else current = joined;
  }
  if (current) pieces.push(current);
  return pieces;
}

function cutLongUnit(text: string, maxTokens: number): string[] {
  const maxChars = maxTokens * 4;
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const cut = space > maxChars / 2 ? space : maxChars;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function trailingSentences(block: string, budget: number): string {
  if (budget <= 0 || fenceLine.test(block) || block.trimStart().startsWith('|')) return '';
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
