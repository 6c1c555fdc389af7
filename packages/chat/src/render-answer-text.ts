import { html, nothing, type TemplateResult } from 'lit';
import type { CitedSource } from './answer-chunk.js';

/** Only web links are made clickable; `javascript:` and other schemes stay plain text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders answer text as paragraphs with `[n]` turned into links to source n. Everything from the
 * model is bound as text, so no HTML in it can ever run.
 */
export function renderAnswerText(text: string, sources: readonly CitedSource[]): TemplateResult[] {
  // Fenced code (closed or still streaming) becomes a code block; the prose around it, paragraphs.
  return text.split(/(```[^\n]*\n[\s\S]*?(?:```|$))/).flatMap((segment, index) => {
    if (index % 2 === 1) {
      const code = segment.replace(/^```[^\n]*\n/, '').replace(/\n?```$/, '');
      return [html`<pre part="code"><code>${code}</code></pre>`];
    }
    return segment
      .split(/\n{2,}/)
      .filter((paragraph) => paragraph.trim() !== '')
      .map((paragraph) => html`<p>${renderCitations(paragraph, sources)}</p>`);
  });
}

function renderCitations(paragraph: string, sources: readonly CitedSource[]) {
  const parts = paragraph.split(/\[(\d{1,2})\]/);
  return parts.map((part, index) => {
    if (index % 2 === 0) return part;
    const source = sources.find((candidate) => candidate.number === Number(part));
    const href = source && safeHref(source.url);
    if (!href) return `[${part}]`;
    return html`<sup class="citation"
      ><a href=${href} target="_blank" rel="noopener noreferrer" title=${source.title} aria-label=${`Source ${part}: ${source.title}`}
        >${part}</a
      ></sup
    >`;
  });
}

/** The numbered list of sources under an answer. */
export function renderSources(sources: readonly CitedSource[]) {
  if (sources.length === 0) return nothing;
  return html`<ol part="sources" class="sources" aria-label="Sources">
    ${sources.map((source) => {
      const href = safeHref(source.url);
      return html`<li value=${source.number}>
        ${
          href
            ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${source.title || href}</a>`
            : html`<span>${source.title || source.url}</span>`
        }
      </li>`;
    })}
  </ol>`;
}
