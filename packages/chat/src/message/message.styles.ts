import { css } from 'lit';

/** Bubbles, the Markdown inside answers, and the buttons under them. */
export const messageStyles = css`
  .message {
    max-width: 85%;
    padding: 10px 14px;
    border-radius: var(--jarvis-radius);
    line-height: 1.5;
    /* Long URLs and unbroken words wrap instead of widening the bubble. */
    overflow-wrap: anywhere;
  }
  .message p,
  .message ul,
  .message ol {
    margin: 0 0 8px;
  }
  .message ul,
  .message ol {
    padding-inline-start: 20px;
  }
  .message > :last-child {
    margin-bottom: 0;
  }
  .message[data-role='user'] {
    align-self: flex-end;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
  }
  .message[data-role='user'] .text {
    white-space: pre-wrap;
  }
  .message[data-role='assistant'] {
    align-self: flex-start;
    background: var(--jarvis-bubble);
  }
  .heading {
    font-weight: 700;
  }
  .message a {
    color: var(--jarvis-link);
  }
  :not(pre) > code {
    padding: 0 4px;
    border-radius: 4px;
    background: rgb(127 127 127 / 0.18);
    font-size: 0.9em;
  }
  .code-block {
    position: relative;
    margin: 8px 0;
  }
  pre {
    margin: 0;
    padding: 8px 10px;
    overflow-x: auto;
    background: #0b1020;
    color: #f9fafb;
    border-radius: 8px;
    font-size: 0.85em;
  }
  .copy-code {
    position: absolute;
    top: 4px;
    inset-inline-end: 4px;
    padding: 2px 8px;
    border: 1px solid #9ca3af;
    border-radius: 6px;
    background: #0b1020;
    color: #f9fafb;
    font-size: 0.75em;
  }
  .table {
    margin: 8px 0;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-size: 0.9em;
  }
  th,
  td {
    padding: 4px 8px;
    border: 1px solid var(--jarvis-border);
    text-align: start;
  }
  .align-center {
    text-align: center;
  }
  .align-right {
    text-align: right;
  }
  /* Underlined: colour alone does not set a link apart from the text around it (WCAG 1.4.1). */
  .citation a {
    padding: 0 1px;
    font-weight: 600;
  }
  .sources {
    margin: 8px 0 0;
    padding-inline-start: 20px;
    font-size: 0.85em;
  }
  time {
    display: block;
    margin-top: 4px;
    font-size: 0.75em;
  }
  .message[data-role='assistant'] time {
    color: var(--jarvis-muted);
  }
  .typing {
    display: inline-flex;
    gap: 4px;
    padding: 4px 0;
  }
  .typing i {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--jarvis-muted);
    animation: jarvis-typing 1s infinite;
  }
  .typing i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes jarvis-typing {
    50% {
      opacity: 0.25;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .typing i {
      animation: none;
    }
  }
  .note {
    color: var(--jarvis-muted);
    font-size: 0.85em;
  }
  .error {
    color: var(--jarvis-error);
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 2px;
    margin-top: 6px;
  }
  .icon {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border: none;
    border-radius: 6px;
    background: transparent;
    color: var(--jarvis-muted);
  }
  .icon:hover,
  .icon[aria-pressed='true'] {
    color: var(--jarvis-link);
  }
  .rate-down svg {
    transform: rotate(180deg);
  }
  /* Only the last answer can be asked again (retry() redoes the last one). */
  .message:not(:last-child) .regenerate,
  .message:not(:last-child) .retry {
    display: none;
  }
  .feedback {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-top: 6px;
  }
  .feedback textarea {
    min-height: 56px;
  }
  .feedback button {
    align-self: flex-start;
    padding: 4px 10px;
    border: none;
    border-radius: 8px;
    background: var(--jarvis-accent);
    color: var(--jarvis-on-accent);
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
    border: 1px solid var(--jarvis-link);
    border-radius: 999px;
    background: transparent;
    color: var(--jarvis-link);
    font-size: 0.9em;
  }
`;
