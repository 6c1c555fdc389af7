import { css } from 'lit';

/**
 * The inside of the panel: header, offline notice, message list and question box. Loaded with the
 * panel on first open; the colours are the `--jarvis-*` properties of `jarvis-chat.styles.ts`.
 */
export const chatPanelStyles = css`
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 16px;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
  }
  .title {
    flex: 1;
    margin: 0;
    overflow: hidden;
    font-size: 1em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  header button {
    display: grid;
    place-items: center;
    padding: 4px 8px;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: inherit;
    font-size: 0.85em;
  }
  header button:hover {
    background: rgb(255 255 255 / 0.15);
  }
  header :focus-visible {
    outline-color: var(--jarvis-on-accent);
  }
  .offline {
    margin: 0;
    padding: 8px 16px;
    background: var(--jarvis-bubble);
    border-bottom: 1px solid var(--jarvis-border);
    font-size: 0.9em;
  }
  .messages {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
    overflow-y: auto;
    /* Scrolling to the end of the messages never scrolls the page behind them. */
    overscroll-behavior: contain;
  }
  form {
    display: flex;
    gap: 8px;
    padding: 12px;
    border-top: 1px solid var(--jarvis-border);
  }
  textarea {
    flex: 1;
    box-sizing: border-box;
    min-height: 40px;
    max-height: 120px;
    padding: 8px 10px;
    border: 1px solid var(--jarvis-border);
    border-radius: 10px;
    background: var(--jarvis-background);
    color: var(--jarvis-foreground);
    /* Grows with its text where supported; 16px stops iOS zooming in on focus. */
    field-sizing: content;
    resize: none;
    font: inherit;
    font-size: 16px;
  }
  textarea::placeholder {
    color: var(--jarvis-muted);
  }
  form button {
    padding: 0 14px;
    border: none;
    border-radius: 10px;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
  }
  form button:disabled,
  textarea:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
