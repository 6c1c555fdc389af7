/** A piece of a line: plain text, or one of the inline constructs the widget draws. */
export type MarkdownInline =
  | string
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em'; children: MarkdownInline[] }
  | { type: 'link'; url: string; children: MarkdownInline[] }
  | { type: 'citation'; number: number };

// One alternative per construct, tried left to right at each position:
// `code`, [text](url), [n] citation, **strong**, __strong__, *em*, _em_, bare http(s) URL. A bare URL
// ends before trailing punctuation, so "see https://x.example." does not link the full stop.
const inlinePattern =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(\s*<?([^()\s<>]+)>?\s*\)|\[(\d{1,3})\]|\*\*(?=\S)([^*\n]*?\S)\*\*|__(?=\S)([^_\n]*?\S)__|\*(?=\S)([^*\n]*?\S)\*|(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])|(https?:\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]])/gu;

/**
 * Splits one line of Markdown into text and inline constructs. It never produces HTML: the result is
 * data, drawn through Lit's text bindings, so `<script>` in an answer stays four characters.
 */
export function parseInline(text: string): MarkdownInline[] {
  const parts: MarkdownInline[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const index = match.index;
    if (index > last) parts.push(text.slice(last, index));
    parts.push(toInline(match));
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function toInline(match: RegExpMatchArray): MarkdownInline {
  const [, code, linkText, linkUrl, citation, strong, strongUnderscore, em, emUnderscore, url] = match;
  if (code !== undefined) return { type: 'code', text: code };
  if (linkText !== undefined && linkUrl !== undefined)
    return { type: 'link', url: linkUrl, children: parseInline(linkText) };
  if (citation !== undefined) return { type: 'citation', number: Number(citation) };
  const strongText = strong ?? strongUnderscore;
  if (strongText !== undefined) return { type: 'strong', children: parseInline(strongText) };
  const emText = em ?? emUnderscore;
  if (emText !== undefined) return { type: 'em', children: parseInline(emText) };
  return { type: 'link', url: url ?? '', children: [url ?? ''] };
}
