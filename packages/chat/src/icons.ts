import { html } from 'lit';

/** The launcher's speech bubble; decorative, the button carries the label. */
export const chatIcon = html`<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
  <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" />
</svg>`;
/** A cross for the buttons that close the panel; decorative, the button carries the label. */
export const closeIcon = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
</svg>`;
/** Two overlapping sheets, for "copy answer"; the button carries the label. */
export const copyIcon = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
  <path fill="none" stroke="currentColor" stroke-width="2" d="M9 9h11v11H9zM5 15H4V4h11v1" />
</svg>`;
/** A circular arrow, for "retry"; the button carries the label. */
export const retryIcon = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
  <path fill="none" stroke="currentColor" stroke-width="2" d="M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5" />
</svg>`;
/** A thumb up; turned upside down in CSS for "not helpful". The button carries the label. */
export const thumbIcon = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
  <path fill="none" stroke="currentColor" stroke-width="2" d="M7 10v10H3V10zM7 10l4-7a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2l-2 7a2 2 0 0 1-2 1H7" />
</svg>`;
