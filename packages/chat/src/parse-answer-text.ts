/** A piece of a line: text, or a `[n]` citation of source n. */
export type AnswerInline = string | { citation: number };

/** A block of an answer: a paragraph of lines, or a fenced code block. */
export type AnswerBlock =
  | { type: 'paragraph'; lines: AnswerInline[][] }
  | { type: 'code'; language: string; code: string };

// A fence opens with ``` and a language, and closes with ``` or, while the answer streams, the end.
const fencedCode = /(```[^\n]*\n[\s\S]*?(?:```|$))/;
const citation = /\[(\d{1,3})\]/;

/**
 * Splits answer text into the few structures the widget draws itself: paragraphs (blank-line
 * separated), line breaks, `[n]` citations and fenced code. It works on text that is still arriving,
 * so it is run again on every delta. Kept apart from rendering so full Markdown can replace it later.
 */
export function parseAnswerText(text: string): AnswerBlock[] {
  return text.split(fencedCode).flatMap((segment, index): AnswerBlock[] => {
    if (index % 2 === 1) {
      const language = /^```([^\n]*)/.exec(segment)?.[1]?.trim() ?? '';
      const code = segment.replace(/^```[^\n]*\n/, '').replace(/\n?```$/, '');
      return [{ type: 'code', language, code }];
    }
    return segment
      .split(/\n[ \t]*\n/)
      .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
      .filter((paragraph) => paragraph.trim() !== '')
      .map((paragraph) => ({ type: 'paragraph', lines: paragraph.split('\n').map(parseLine) }));
  });
}

function parseLine(line: string): AnswerInline[] {
  return line
    .split(citation)
    .map((part, index) => (index % 2 === 1 ? { citation: Number(part) } : part))
    .filter((part) => part !== '');
}
