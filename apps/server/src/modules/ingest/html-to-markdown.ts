import TurndownService from 'turndown';

/**
 * HTML to Markdown for extracted page content: ATX headings, `-` bullets, fenced code and pipe
 * tables. Code and tables get their own rules because documentation generators rarely emit the
 * plain `<pre><code>` turndown expects (Sphinx writes a bare `<pre>`, MkDocs puts a `<span>` before
 * the `<code>`), and turndown's core flattens tables into run-on text.
 */
export function htmlToMarkdown(html: string | MarkdownSource): string {
  // Turndown copies an element before collapsing its whitespace; an element handed over here is
  // not used again, so it is converted in place (the copy was a tenth of an extraction's time).
  const input = typeof html === 'string' ? html : { nodeType: html.nodeType, cloneNode: () => html };
  return converter
    .turndown(input as Parameters<TurndownService['turndown']>[0])
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A DOM element to convert as it is (linkedom's, from extract-page), which saves serialising the
 * content and parsing it again. It is changed in the process (whitespace collapsed): pass one that is
 * not needed afterwards. The server compiles without the DOM library, so the type only names it.
 */
export interface MarkdownSource {
  readonly nodeType: number;
  cloneNode(deep: boolean): unknown;
}

/**
 * The part of the DOM the rules read. The server compiles without the DOM library, and turndown
 * hands rules its own (domino) nodes, so the shape is spelled out here.
 */
interface RuleNode {
  textContent: string | null;
  parentElement: RuleNode | null;
  previousElementSibling: RuleNode | null;
  children: ArrayLike<RuleNode>;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): RuleNode | null;
  closest(selectors: string): RuleNode | null;
}

const converter = new TurndownService({
  headingStyle: 'atx',
  codeBlockStyle: 'fenced',
  bulletListMarker: '-',
});
converter.remove(['script', 'style', 'noscript', 'template', 'colgroup', 'caption']);

converter.addRule('codeBlock', {
  filter: 'pre',
  replacement(_content, node) {
    const pre = node as unknown as RuleNode;
    const code = (pre.textContent ?? '').replace(/^\n+|\s+$/g, '');
    if (!code) return '';
    // A fence longer than any backtick run inside keeps code that itself shows fences intact.
    const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run: string) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    return `\n\n${fence}${languageOf(pre)}\n${code}\n${fence}\n\n`;
  },
});

// The first row is the header row whether or not it uses <th>: a pipe table needs one.
converter.addRule('tableCell', {
  filter: ['th', 'td'],
  replacement(content, node) {
    const text = content
      .replace(/\s*\n+\s*/g, ' ')
      .replace(/\|/g, '\\|')
      .trim();
    return `${(node as unknown as RuleNode).previousElementSibling ? '' : '|'} ${text} |`;
  },
});
converter.addRule('tableRow', {
  filter: 'tr',
  replacement(content, node) {
    const row = node as unknown as RuleNode;
    const isFirst = row.parentElement?.closest('table')?.querySelector('tr') === row;
    if (!isFirst) return `\n${content}`;
    const columns = Array.from(row.children).reduce(
      (sum, cell) => sum + Number(cell.getAttribute('colspan') ?? 1),
      0,
    );
    return `\n${content}\n|${' --- |'.repeat(Math.max(columns, 1))}`;
  },
});
converter.addRule('tableSection', {
  filter: ['thead', 'tbody', 'tfoot'],
  replacement: (content) => content,
});
converter.addRule('table', {
  filter: 'table',
  replacement: (content) => `\n\n${content.trim()}\n\n`,
});

/** The language named by the usual highlighter classes on the block or its wrappers. */
function languageOf(pre: RuleNode): string {
  const candidates = [pre.querySelector('code'), pre, pre.parentElement, pre.parentElement?.parentElement];
  for (const element of candidates) {
    const match = element?.getAttribute('class')?.match(/(?:^|\s)(?:language|lang|highlight)-([\w+#.-]+)/);
    if (match?.[1] && !['text', 'none', 'default', 'plaintext'].includes(match[1])) return match[1];
  }
  return '';
}
