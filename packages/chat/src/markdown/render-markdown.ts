import { html, nothing, type TemplateResult } from 'lit';
import type { CitedSource } from '../answer-chunk.js';
import { safeHref } from '../safe-href.js';
import type { MarkdownInline } from './parse-inline.js';
import { type ColumnAlign, type MarkdownBlock, parseMarkdown } from './parse-markdown.js';

/** What rendered Markdown needs from the widget: the cited sources, labels, and a clipboard. */
export interface MarkdownContext {
  sources: readonly CitedSource[];
  /** Label of a code block's copy button. */
  copyCodeLabel: string;
  /** Prefix of a citation's accessible name: "Source 1: Title". */
  sourceLabel: string;
  copy(text: string): void;
}

/**
 * Renders answer Markdown as Lit templates. Every piece of model text goes through a text binding or
 * an attribute binding, never `innerHTML`, so HTML in an answer shows as characters; links are kept
 * only for http(s) URLs and open in a new tab without access to this page.
 */
export function renderMarkdown(text: string, context: MarkdownContext): TemplateResult[] {
  return parseMarkdown(text).map((block) => renderBlock(block, context));
}

function renderBlock(block: MarkdownBlock, context: MarkdownContext): TemplateResult {
  const inline = (content: MarkdownInline[]) => content.map((part) => renderInline(part, context));
  switch (block.type) {
    case 'paragraph':
      return html`<p>${block.lines.map((line, index) => html`${index > 0 ? html`<br />` : nothing}${inline(line)}`)}</p>`;
    case 'heading':
      // Answer headings sit inside a chat bubble: one bold line, announced as a heading at level 3+.
      return html`<p class="heading" role="heading" aria-level=${Math.min(block.level + 2, 6)}>
        ${inline(block.content)}
      </p>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${inline(item)}</li>`);
      return block.ordered ? html`<ol start=${block.start}>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'code':
      return html`<div class="code-block">
        <button part="copy-code" class="copy-code" type="button" @click=${() => context.copy(block.code)}>
          ${context.copyCodeLabel}
        </button>
        <pre part="code" tabindex="0"><code>${block.code}</code></pre>
      </div>`;
    case 'table':
      return html`<div class="table" tabindex="0">
        <table>
          <thead>
            <tr>${block.head.map((cell, column) => html`<th class=${alignClass(block.align[column])}>${inline(cell)}</th>`)}</tr>
          </thead>
          <tbody>
            ${block.rows.map(
              (row) =>
                html`<tr>${row.map((cell, column) => html`<td class=${alignClass(block.align[column])}>${inline(cell)}</td>`)}</tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

/** Alignment through classes, not a `style` attribute, which a strict CSP would block. */
const alignClass = (align: ColumnAlign) => (align ? `align-${align}` : '');

function renderInline(part: MarkdownInline, context: MarkdownContext): TemplateResult | string {
  if (typeof part === 'string') return part;
  const children = (content: MarkdownInline[]) => content.map((child) => renderInline(child, context));
  switch (part.type) {
    case 'code':
      return html`<code>${part.text}</code>`;
    case 'strong':
      return html`<strong>${children(part.children)}</strong>`;
    case 'em':
      return html`<em>${children(part.children)}</em>`;
    case 'link': {
      const href = safeHref(part.url);
      // A `javascript:`, `data:` or relative link keeps its text and loses the link.
      if (!href) return html`${children(part.children)}`;
      return html`<a href=${href} target="_blank" rel="noopener noreferrer">${children(part.children)}</a>`;
    }
    case 'citation': {
      const source = context.sources.find((candidate) => candidate.number === part.number);
      const href = source && safeHref(source.url);
      // Until the sources arrive (they follow the text), and for unsafe URLs, the marker stays text.
      if (!href) return `[${part.number}]`;
      return html`<sup class="citation"
        ><a
          href=${href}
          target="_blank"
          rel="noopener noreferrer"
          title=${source.title}
          aria-label=${`${context.sourceLabel} ${part.number}: ${source.title}`}
          >${part.number}</a
        ></sup
      >`;
    }
  }
}
