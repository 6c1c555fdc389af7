import { css } from 'lit';

/**
 * The widget's look. Everything a site may want to change is a `--jarvis-*` custom property (set on
 * `jarvis-chat` in the page's CSS) or a part (`jarvis-chat::part(panel)`).
 */
export const jarvisChatStyles = css`
  :host {
    /* The page's --jarvis-accent wins over this one; the bot's configured colour is the fallback. */
    --jarvis-accent: var(--jarvis-config-accent, #4f46e5);
    --jarvis-on-accent: #ffffff;
    --jarvis-background: #ffffff;
    --jarvis-foreground: #111827;
    --jarvis-muted: #6b7280;
    --jarvis-bubble: #f3f4f6;
    --jarvis-radius: 14px;
    --jarvis-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --jarvis-panel-width: 380px;
    --jarvis-panel-height: 600px;
    --jarvis-z-index: 2147483000;
    font-family: var(--jarvis-font);
    color: var(--jarvis-foreground);
  }
  :host([hidden]) {
    display: none;
  }
  :host([mode='inline']) {
    display: block;
    height: 100%;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--jarvis-accent);
    outline-offset: 2px;
  }
  .launcher {
    position: fixed;
    right: 20px;
    bottom: 20px;
    z-index: var(--jarvis-z-index);
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border: none;
    border-radius: 50%;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
  }
  .panel {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    overflow: hidden;
    background: var(--jarvis-background);
    border-radius: var(--jarvis-radius);
  }
  .panel[hidden] {
    display: none;
  }
  :host([mode='inline']) .panel {
    height: 100%;
    border: 1px solid #e5e7eb;
  }
  :host(:not([mode='inline'])) .panel {
    position: fixed;
    right: 20px;
    bottom: 88px;
    z-index: var(--jarvis-z-index);
    width: min(var(--jarvis-panel-width), calc(100vw - 40px));
    height: min(var(--jarvis-panel-height), calc(100dvh - 120px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 16px;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
    font-weight: 600;
  }
  .title {
    flex: 1;
    overflow: hidden;
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
  .messages {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .message {
    max-width: 85%;
    padding: 10px 14px;
    border-radius: var(--jarvis-radius);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  .message p {
    margin: 0 0 8px;
  }
  .message p:last-of-type {
    margin-bottom: 0;
  }
  .message[data-role='user'] {
    align-self: flex-end;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
    white-space: pre-wrap;
  }
  .message[data-role='assistant'] {
    align-self: flex-start;
    background: var(--jarvis-bubble);
  }
  pre {
    margin: 8px 0;
    padding: 8px 10px;
    overflow-x: auto;
    background: #111827;
    color: #f9fafb;
    border-radius: 8px;
    font-size: 0.85em;
  }
  .citation a {
    padding: 0 1px;
    color: var(--jarvis-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .sources {
    margin: 8px 0 0;
    padding-left: 20px;
    font-size: 0.85em;
  }
  .sources a {
    color: var(--jarvis-accent);
  }
  .typing::after {
    content: '…';
    animation: blink 1s steps(2) infinite;
  }
  @keyframes blink {
    50% {
      opacity: 0.2;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .typing::after {
      animation: none;
    }
  }
  .note {
    color: var(--jarvis-muted);
    font-size: 0.85em;
  }
  .error {
    color: #b91c1c;
  }
  .starters {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .starters button,
  .retry {
    align-self: flex-start;
    padding: 6px 12px;
    border: 1px solid var(--jarvis-accent);
    border-radius: 999px;
    background: transparent;
    color: var(--jarvis-accent);
    font-size: 0.9em;
  }
  form {
    display: flex;
    gap: 8px;
    padding: 12px;
    border-top: 1px solid #e5e7eb;
  }
  textarea {
    flex: 1;
    box-sizing: border-box;
    min-height: 40px;
    max-height: 120px;
    padding: 8px 10px;
    border: 1px solid #d1d5db;
    border-radius: 10px;
    /* Grows with its text where supported; 16px stops iOS zooming in on focus. */
    field-sizing: content;
    resize: none;
    font: inherit;
    font-size: 16px;
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
  @media (max-width: 480px) {
    /* On a phone the floating panel takes the whole screen. */
    :host(:not([mode='inline'])) .panel {
      inset: 0;
      width: 100vw;
      height: 100dvh;
      border-radius: 0;
    }
    :host(:not([mode='inline'])[open]) .launcher {
      display: none;
    }
  }
`;
