import { css } from 'lit';

export const jarvisChatStyles = css`
  :host {
    --jarvis-accent: var(--jarvis-config-accent, #4f46e5);
    --jarvis-background: #ffffff;
    --jarvis-foreground: #111827;
    --jarvis-muted: #6b7280;
    --jarvis-bubble: #f3f4f6;
    --jarvis-radius: 14px;
    --jarvis-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --jarvis-panel-width: 380px;
    --jarvis-panel-height: 600px;
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
  .launcher {
    position: fixed;
    right: 20px;
    bottom: 20px;
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    background: var(--jarvis-accent);
    color: #fff;
    cursor: pointer;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
    font-size: 24px;
    z-index: 2147483000;
  }
  .panel {
    display: flex;
    flex-direction: column;
    background: var(--jarvis-background);
    border-radius: var(--jarvis-radius);
    overflow: hidden;
    box-sizing: border-box;
  }
  :host([mode='inline']) .panel {
    height: 100%;
    border: 1px solid #e5e7eb;
  }
  :host(:not([mode='inline'])) .panel {
    position: fixed;
    right: 20px;
    bottom: 88px;
    width: min(var(--jarvis-panel-width), calc(100vw - 40px));
    height: min(var(--jarvis-panel-height), calc(100dvh - 120px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    z-index: 2147483000;
  }
  .panel[hidden] {
    display: none;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 12px 16px;
    background: var(--jarvis-accent);
    color: #fff;
    font-weight: 600;
  }
  header button {
    background: none;
    border: none;
    color: inherit;
    font-size: 20px;
    cursor: pointer;
  }
  .messages {
    flex: 1;
    overflow-y: auto;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 12px;
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
  .message p:last-child {
    margin-bottom: 0;
  }
  .message[data-role='user'] {
    align-self: flex-end;
    background: var(--jarvis-accent);
    color: #fff;
    white-space: pre-wrap;
  }
  .message[data-role='assistant'] {
    align-self: flex-start;
    background: var(--jarvis-bubble);
  }
  pre {
    margin: 8px 0;
    padding: 8px 10px;
    background: #111827;
    color: #f9fafb;
    border-radius: 8px;
    overflow-x: auto;
    font-size: 0.85em;
  }
  .citation a {
    color: var(--jarvis-accent);
    text-decoration: none;
    font-weight: 600;
    padding: 0 1px;
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
    border: 1px solid var(--jarvis-accent);
    background: transparent;
    color: var(--jarvis-accent);
    border-radius: 999px;
    padding: 6px 12px;
    cursor: pointer;
    font: inherit;
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
    resize: none;
    border: 1px solid #d1d5db;
    border-radius: 10px;
    padding: 8px 10px;
    font: inherit;
    font-size: 16px;
    min-height: 40px;
    max-height: 120px;
  }
  form button {
    border: none;
    border-radius: 10px;
    padding: 0 14px;
    background: var(--jarvis-accent);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  form button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
