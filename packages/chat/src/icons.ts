import { html } from 'lit';

/** The launcher's speech bubble; decorative, the button carries the label. */
export const chatIcon = html`<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
  <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" />
</svg>`;
/** A cross for the buttons that close the panel; decorative, the button carries the label. */
export const closeIcon = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
</svg>`;
