import { type MarkdownInline, parseInline } from './parse-inline.js';

/** How a table column is aligned, from its `:---:` separator. */
export type ColumnAlign = 'left' | 'center' | 'right' | undefined;

/** A block of an answer: the Markdown subset models use in chat answers. */
export type MarkdownBlock =
  | { type: 'paragraph'; lines: MarkdownInline[][] }
  | { type: 'heading'; level: number; content: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownInline[][] }
  | { type: 'code'; language: string; code: string }
  | { type: 'table'; align: ColumnAlign[]; head: MarkdownInline[][]; rows: MarkdownInline[][][] };

const fence = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const bullet = /^ {0,9}[-*+][ \t]+(.*)$/;
const numbered = /^ {0,9}(\d{1,9})[.)][ \t]+(.*)$/;
const tableSeparator = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * Parses the Markdown an answer is written in: paragraphs with line breaks, headings, bulleted and
 * numbered lists, fenced code, tables, and inline code, emphasis, links and `[n]` citations. Anything
 * else (raw HTML included) stays text. It works on text still arriving, so it is run on every delta:
 * an unclosed fence is a code block up to the end, a table shows once its separator row arrives.
 */
export function parseMarkdown(text: string): MarkdownBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: MarkdownInline[][] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = [];
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const opening = fence.exec(line);
    if (opening) {
      endParagraph();
      const marker = opening[1] ?? '```';
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !isClosingFence(lines[index] ?? '', marker)) {
        code.push(lines[index] ?? '');
        index += 1;
      }
      blocks.push({ type: 'code', language: opening[2] ?? '', code: code.join('\n') });
      index += 1;
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      index += 1;
      continue;
    }
    const title = heading.exec(line);
    if (title) {
      endParagraph();
      blocks.push({ type: 'heading', level: title[1]?.length ?? 1, content: parseInline(title[2] ?? '') });
      index += 1;
      continue;
    }
    if (line.includes('|') && tableSeparator.test(lines[index + 1] ?? '')) {
      endParagraph();
      const align = cellsOf(lines[index + 1] ?? '').map(alignmentOf);
      const head = cellsOf(line).map(parseInline);
      const rows: MarkdownInline[][][] = [];
      index += 2;
      while (index < lines.length && (lines[index] ?? '').includes('|') && (lines[index] ?? '').trim()) {
        rows.push(cellsOf(lines[index] ?? '').map(parseInline));
        index += 1;
      }
      blocks.push({ type: 'table', align, head, rows });
      continue;
    }
    const item = bullet.exec(line) ?? numbered.exec(line);
    if (item) {
      endParagraph();
      const ordered = item.length === 3;
      const pattern = ordered ? numbered : bullet;
      const items: MarkdownInline[][] = [];
      // A list runs over its items and their wrapped lines, until a blank line or another block.
      while (index < lines.length) {
        const current = lines[index] ?? '';
        const next = pattern.exec(current);
        if (next) items.push(parseInline(next.at(-1) ?? ''));
        else if (current.trim() && /^\s/.test(current) && items.length > 0)
          items[items.length - 1]?.push(' ', ...parseInline(current.trim()));
        else break;
        index += 1;
      }
      blocks.push({ type: 'list', ordered, start: ordered ? Number(item[1]) : 1, items });
      continue;
    }
    paragraph.push(parseInline(line));
    index += 1;
  }
  endParagraph();
  return blocks;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === (marker[0] ?? '`').repeat(trimmed.length);
}

/** The cells of a table row, without the optional outer pipes; `\|` is a pipe inside a cell. */
function cellsOf(row: string): string[] {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function alignmentOf(separator: string): ColumnAlign {
  const left = separator.startsWith(':');
  const right = separator.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  return left ? 'left' : undefined;
}
