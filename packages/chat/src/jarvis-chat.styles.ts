import { css, unsafeCSS } from 'lit';

/**
 * The widget's frame, in the initial script: theme, launcher and the panel's box (its inside is in
 * `chat-panel.styles.ts`, loaded on first open). Everything a site may want to change is a
 * `--jarvis-*` custom property (set on `jarvis-chat` in the page's CSS) or a part
 * (`jarvis-chat::part(panel)`). Every colour pair meets WCAG AA in both themes.
 */
export const jarvisChatStyles = css`
  :host {
    /* The page's --jarvis-accent wins over this one; the bot's configured colour is the fallback. */
    --jarvis-accent: var(--jarvis-config-accent, #4f46e5);
    --jarvis-on-accent: var(--jarvis-config-on-accent, #ffffff);
    --jarvis-link: var(--jarvis-accent);
    --jarvis-background: #ffffff;
    --jarvis-foreground: #111827;
    --jarvis-muted: #4b5563;
    --jarvis-border: #d1d5db;
    --jarvis-bubble: #f3f4f6;
    --jarvis-error: #b91c1c;
    --jarvis-radius: 14px;
    --jarvis-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --jarvis-panel-width: 380px;
    --jarvis-panel-height: 600px;
    --jarvis-offset-x: 20px;
    --jarvis-offset-y: 20px;
    /* Interpolated so the build's CSS minifier, which rounds numbers this large, leaves it exact. */
    --jarvis-z-index: ${unsafeCSS('2147483000')};
    color-scheme: light;
    font-family: var(--jarvis-font);
    color: var(--jarvis-foreground);
  }
  /* The dark palette, twice: for theme="dark", and for theme="auto" on a system set to dark. */
  :host([theme='dark']) {
    --jarvis-link: #a5b4fc;
    --jarvis-background: #111827;
    --jarvis-foreground: #f3f4f6;
    --jarvis-muted: #9ca3af;
    --jarvis-border: #374151;
    --jarvis-bubble: #1f2937;
    --jarvis-error: #fca5a5;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --jarvis-link: #a5b4fc;
      --jarvis-background: #111827;
      --jarvis-foreground: #f3f4f6;
      --jarvis-muted: #9ca3af;
      --jarvis-border: #374151;
      --jarvis-bubble: #1f2937;
      --jarvis-error: #fca5a5;
      color-scheme: dark;
    }
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
    outline: 2px solid var(--jarvis-link);
    outline-offset: 2px;
  }
  .launcher {
    position: fixed;
    right: var(--jarvis-offset-x);
    bottom: var(--jarvis-offset-y);
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
    color: var(--jarvis-foreground);
    border-radius: var(--jarvis-radius);
  }
  .panel[hidden] {
    display: none;
  }
  :host([mode='inline']) .panel {
    height: 100%;
    border: 1px solid var(--jarvis-border);
  }
  :host(:not([mode='inline'])) .panel {
    position: fixed;
    right: var(--jarvis-offset-x);
    bottom: calc(var(--jarvis-offset-y) + 68px);
    z-index: var(--jarvis-z-index);
    width: min(var(--jarvis-panel-width), calc(100vw - 40px));
    height: min(var(--jarvis-panel-height), calc(100dvh - 120px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    animation: jarvis-open 0.18s ease-out;
  }
  :host(:not([mode='inline'])) .panel.entered {
    animation: none;
  }
  :host([position='bottom-left']) .launcher,
  :host([position='bottom-left']:not([mode='inline'])) .panel {
    right: auto;
    left: var(--jarvis-offset-x);
  }
  @keyframes jarvis-open {
    from {
      opacity: 0;
      transform: translateY(12px) scale(0.98);
    }
  }
  @media (max-width: 480px) {
    /* On a phone the floating panel takes the whole screen, above the on-screen keyboard, inside the
       notch and home-indicator insets. */
    :host(:not([mode='inline'])) .panel {
      top: 0;
      right: 0;
      bottom: auto;
      left: 0;
      width: 100vw;
      height: var(--jarvis-viewport-height, 100dvh);
      max-height: 100dvh;
      padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom)
        env(safe-area-inset-left);
      border-radius: 0;
    }
    :host(:not([mode='inline'])[open]) .launcher {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host(:not([mode='inline'])) .panel {
      animation: none;
    }
  }
`;
