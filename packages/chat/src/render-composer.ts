import { html } from 'lit';
import type { JarvisStrings } from './i18n/jarvis-strings.js';

/** The server refuses longer questions; the text box stops there so nobody types in vain. */
const maxQuestionLength = 2000;

/** What the question box needs from the element. */
export interface ComposerContext {
  strings: JarvisStrings;
  placeholder: string;
  /** The bot could not be loaded: nothing can be asked. */
  blocked: boolean;
  /** Offline: the visitor may type, but not send. */
  offline: boolean;
  streaming: boolean;
  submit(event: Event): void;
  stop(): void;
}

/** The question box with its send button, which becomes a stop button while an answer streams. */
export function renderComposer(context: ComposerContext) {
  const { strings } = context;
  return html`<form part="composer" @submit=${context.submit}>
    <textarea
      part="input"
      rows="1"
      aria-label=${strings.inputLabel}
      placeholder=${context.placeholder}
      maxlength=${maxQuestionLength}
      enterkeyhint="send"
      ?disabled=${context.blocked}
      @keydown=${(event: KeyboardEvent) => {
        // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition is neither.
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) context.submit(event);
      }}
    ></textarea>
    ${
      context.streaming
        ? html`<button part="stop" type="button" @click=${context.stop}>${strings.stop}</button>`
        : html`<button part="send" type="submit" ?disabled=${context.blocked || context.offline}>${strings.send}</button>`
    }
  </form>`;
}
