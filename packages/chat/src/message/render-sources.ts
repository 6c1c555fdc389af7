import { html, nothing } from 'lit';
import type { CitedSource } from '../answer-chunk.js';
import { safeHref } from '../safe-href.js';

/** The numbered list of sources under an answer; only web URLs become links. */
export function renderSources(sources: readonly CitedSource[], label: string) {
  if (sources.length === 0) return nothing;
  return html`<ol part="sources" class="sources" aria-label=${label}>
    ${sources.map((source) => {
      const href = safeHref(source.url);
      const label = source.title || source.url;
      return html`<li value=${source.number}>
        ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : html`<span>${label}</span>`}
      </li>`;
    })}
  </ol>`;
}
