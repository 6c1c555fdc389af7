import { html, nothing, type TemplateResult } from 'lit';
import type { CitedSource } from './answer-chunk.js';
import { type AnswerInline, parseAnswerText } from './parse-answer-text.js';
import { safeHref } from './safe-href.js';

/**
 * Renders answer text as paragraphs, line breaks, code blocks and `[n]` citation links. Everything
 * from the model goes through text bindings, so HTML in an answer shows as characters and never runs.
 */
export function renderAnswerText(text: string, sources: readonly CitedSource[]): TemplateResult[] {
  return parseAnswerText(text).map((block) =>
    block.type === 'code'
      ? html`<pre part="code"><code>${block.code}</code></pre>`
      : html`<p>${block.lines.map(
          (line, index) =>
            html`${index > 0 ? html`<br />` : nothing}${line.map((inline) => renderInline(inline, sources))}`,
        )}</p>`,
  );
}

function renderInline(inline: AnswerInline, sources: readonly CitedSource[]) {
  if (typeof inline === 'string') return inline;
  const source = sources.find((candidate) => candidate.number === inline.citation);
  const href = source && safeHref(source.url);
  // Until the sources arrive (they follow the text), and for unsafe URLs, the marker stays plain text.
  if (!href) return `[${inline.citation}]`;
  return html`<sup class="citation"
    ><a href=${href} target="_blank" rel="noopener noreferrer" title=${source.title}
      aria-label=${`Source ${inline.citation}: ${source.title}`}>${inline.citation}</a
  ></sup>`;
}
