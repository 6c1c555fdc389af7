import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ChatController, type FinishedAnswer } from './chat-controller.js';
import type { ChatError, ChatTransport } from './chat-transport.js';
import { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
import { JarvisCloseEvent } from './events/jarvis-close-event.js';
import { JarvisErrorEvent } from './events/jarvis-error-event.js';
import { JarvisMessageEvent } from './events/jarvis-message-event.js';
import { JarvisOpenEvent } from './events/jarvis-open-event.js';
import { chatIcon, closeIcon } from './icons.js';
import { jarvisChatStyles } from './jarvis-chat.styles.js';
import { type ConversationActions, renderConversation, renderMissingBot } from './render-conversation.js';
import { createTrpcSseTransport } from './trpc-sse-transport.js';

/** The server refuses longer questions; the text box stops there so nobody types in vain. */
const maxQuestionLength = 2000;
/** How close to the bottom (px) still counts as "at the bottom" for following a streaming answer. */
const followThreshold = 32;

/**
 * The Jarvis chat widget: answers visitors' questions from a site's own content, streamed as it is
 * written, with numbered sources.
 *
 * @event jarvis-open - The floating panel opened (`JarvisOpenEvent`).
 * @event jarvis-close - The floating panel closed (`JarvisCloseEvent`).
 * @event jarvis-message - The visitor sent a question; `detail: { text }` (`JarvisMessageEvent`).
 * @event jarvis-answer - An answer ended; `detail: { text, sources, conversationId, status }` (`JarvisAnswerEvent`).
 * @event jarvis-error - The bot could not be loaded or an answer failed; `detail: { code, message }` (`JarvisErrorEvent`).
 *
 * @csspart launcher - The round button that opens and closes the floating panel.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart reset - The header button that starts a new conversation.
 * @csspart close - The header button that closes the floating panel.
 * @csspart messages - The scrolling list of messages.
 * @csspart message - Every message bubble (`data-role` is `user` or `assistant`).
 * @csspart user-message - The visitor's bubbles.
 * @csspart assistant-message - The assistant's bubbles, including the greeting.
 * @csspart starters - The row of starter questions.
 * @csspart code - A code block in an answer.
 * @csspart sources - The numbered list of sources under an answer.
 * @csspart retry - The button that asks a failed question again.
 * @csspart composer - The form holding the question box and its button.
 * @csspart input - The question box.
 * @csspart send - The send button.
 * @csspart stop - The stop button, shown instead of send while an answer streams.
 *
 * @cssproperty --jarvis-accent - Main colour; defaults to the bot's configured colour.
 * @cssproperty --jarvis-on-accent - Text colour on the accent colour.
 * @cssproperty --jarvis-background - Panel background.
 * @cssproperty --jarvis-foreground - Text colour.
 * @cssproperty --jarvis-muted - Secondary text and borders.
 * @cssproperty --jarvis-bubble - Background of the assistant's bubbles.
 * @cssproperty --jarvis-radius - Corner radius of the panel and bubbles.
 * @cssproperty --jarvis-font - Font family.
 * @cssproperty --jarvis-panel-width - Width of the floating panel.
 * @cssproperty --jarvis-panel-height - Height of the floating panel.
 * @cssproperty --jarvis-z-index - Stacking order of the launcher and floating panel.
 */
export class JarvisChat extends LitElement {
  static override styles = jarvisChatStyles;

  /** The bot's publishable key (`pk_…`). */
  @property() bot = '';

  /** The Jarvis server's origin, e.g. `https://jarvis.example.com`; defaults to the page's origin. */
  @property() api = '';

  /** `floating`: a launcher button in the corner opens a panel. `inline`: the chat fills the element. */
  @property({ reflect: true }) mode: 'floating' | 'inline' = 'floating';

  /**
   * Whether the floating panel is open: the `open` attribute. (The property has another name because
   * `open()` is the method that opens the panel and fires `jarvis-open`.)
   */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  /** Replaces the default tRPC transport, to talk to another backend or to a test double. */
  @property({ attribute: false }) transport: ChatTransport | undefined;

  /** The last finished answer, for screen readers (the streaming text itself is not announced). */
  @state() private announcement = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('.messages') private list?: HTMLElement;
  @query('.launcher') private launcher?: HTMLButtonElement;

  private controller: ChatController | undefined;
  /** What the controller was built for; another bot, api or transport needs a new one. */
  private controllerSettings: { bot: string; api: string; transport: ChatTransport | undefined } | undefined;
  /** The controller whose config has been requested. */
  private configuredController: ChatController | undefined;
  /** Whether the message list follows new text; false once the visitor scrolls up to read. */
  private following = true;
  private appliedAccent = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    // Moving the element in the page disconnects and reconnects it at once; only a real removal
    // stops the answer (and so its network stream).
    queueMicrotask(() => {
      if (!this.isConnected) this.controller?.stop();
    });
  }

  /** Opens the floating panel and moves focus to the question box. */
  open(): void {
    if (this.mode === 'inline' || this.isOpen) return;
    this.isOpen = true;
    this.dispatchEvent(new JarvisOpenEvent());
    void this.updateComplete.then(() => this.input?.focus());
  }

  /** Closes the floating panel; focus that was inside it goes back to the launcher. */
  close(): void {
    if (this.mode === 'inline' || !this.isOpen) return;
    const hadFocus = this.matches(':focus-within');
    this.isOpen = false;
    this.dispatchEvent(new JarvisCloseEvent());
    if (hadFocus) void this.updateComplete.then(() => this.launcher?.focus());
  }

  /** Opens the floating panel if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Asks a question as if the visitor had typed it; resolves when its answer has ended. */
  async send(text: string): Promise<void> {
    const controller = this.ensureController();
    const question = text.trim();
    if (!question || controller.streaming) return;
    this.following = true;
    this.dispatchEvent(new JarvisMessageEvent({ text: question }));
    await controller.send(question);
  }

  /** Stops the answer being written; the text so far stays, marked as stopped. */
  stop(): void {
    this.controller?.stop();
  }

  /** Forgets the conversation so the next question starts a new one. */
  reset(): void {
    this.controller?.reset();
    this.announcement = '';
  }

  protected override willUpdate(): void {
    const built = this.controllerSettings;
    if (built && (built.bot !== this.bot || built.api !== this.api || built.transport !== this.transport)) {
      this.controller?.dispose();
      this.controller = undefined;
    }
    if (!this.controller && !this.bot && !this.transport) return;
    // A controller may already exist without its config: send() can run before the first render.
    const controller = this.ensureController();
    if (this.configuredController !== controller) {
      this.configuredController = controller;
      void controller.loadConfig();
    }
  }

  protected override updated(): void {
    if (this.following && this.list) this.list.scrollTop = this.list.scrollHeight;
    this.applyAccent(this.controller?.config?.accentColor ?? '');
  }

  override render() {
    const floating = this.mode !== 'inline';
    const name = this.controller?.config?.name || 'Chat';
    return html`
      ${
        floating
          ? html`<button
            part="launcher"
            class="launcher"
            type="button"
            aria-label=${this.isOpen ? `Close ${name}` : `Open ${name}`}
            aria-expanded=${this.isOpen ? 'true' : 'false'}
            aria-controls="panel"
            @click=${() => this.toggle()}
          >
            ${this.isOpen ? closeIcon : chatIcon}
          </button>`
          : nothing
      }
      <section
        id="panel"
        part="panel"
        class="panel"
        role=${floating ? 'dialog' : 'region'}
        aria-label=${name}
        ?hidden=${floating && !this.isOpen}
      >
        <header part="header">
          <span class="title">${name}</span>
          ${
            this.controller?.messages.length
              ? html`<button part="reset" type="button" @click=${this.onReset}>New chat</button>`
              : nothing
          }
          ${
            floating
              ? html`<button part="close" type="button" aria-label="Close" @click=${() => this.close()}>
                ${closeIcon}
              </button>`
              : nothing
          }
        </header>
        <div part="messages" class="messages" @scroll=${this.onScroll}>
          ${this.controller ? renderConversation(this.controller, this.conversationActions) : renderMissingBot()}
        </div>
        <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
        ${this.renderComposer()}
      </section>
    `;
  }

  private renderComposer() {
    const controller = this.controller;
    const blocked = controller?.configError !== undefined;
    return html`<form part="composer" @submit=${this.onSubmit}>
      <textarea
        part="input"
        rows="1"
        aria-label="Your question"
        placeholder=${controller?.config?.placeholder || 'Ask a question…'}
        maxlength=${maxQuestionLength}
        enterkeyhint="send"
        ?disabled=${blocked}
        @keydown=${this.onInputKeydown}
      ></textarea>
      ${
        controller?.streaming
          ? html`<button part="stop" type="button" @click=${this.onStop}>Stop</button>`
          : html`<button part="send" type="submit" ?disabled=${blocked}>Send</button>`
      }
    </form>`;
  }

  private ensureController(): ChatController {
    if (this.controller) return this.controller;
    const transport =
      this.transport ??
      createTrpcSseTransport({ api: this.api || globalThis.location.origin, botKey: this.bot });
    const controller = new ChatController({
      transport,
      onAnswer: (answer: FinishedAnswer) => {
        // Screen readers get the answer once, whole, without the citation numbers read out.
        this.announcement = answer.text.replace(/\s*\[\d+\]/g, '');
        this.dispatchEvent(new JarvisAnswerEvent(answer));
      },
      onError: (error: ChatError) => this.dispatchEvent(new JarvisErrorEvent(error)),
    });
    controller.subscribe(() => this.requestUpdate());
    this.controller = controller;
    this.controllerSettings = { bot: this.bot, api: this.api, transport: this.transport };
    return controller;
  }

  /** The bot's colour, unless the page sets `--jarvis-accent`; invalid colours are ignored. */
  private applyAccent(accent: string): void {
    if (accent === this.appliedAccent) return;
    this.appliedAccent = accent;
    // Through the CSSOM, which a strict CSP allows, unlike a `style` attribute.
    if (accent && CSS.supports('color', accent)) this.style.setProperty('--jarvis-config-accent', accent);
    else this.style.removeProperty('--jarvis-config-accent');
  }

  private onSubmit = (event: Event) => {
    event.preventDefault();
    const input = this.input;
    if (!input?.value.trim() || this.controller?.streaming) return;
    const text = input.value;
    input.value = '';
    // Keeps focus in the box when the send button, which becomes the stop button, was clicked.
    input.focus();
    void this.send(text);
  };

  private onInputKeydown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) this.onSubmit(event);
  };

  private onStop = () => {
    this.stop();
    this.input?.focus();
  };

  /** What the conversation view can ask of the element; one object, so the view's bindings stay stable. */
  private readonly conversationActions: ConversationActions = {
    ask: (question) => void this.send(question),
    retryAnswer: () => {
      this.following = true;
      void this.controller?.retry();
    },
    reloadConfig: () => void this.controller?.loadConfig(),
  };

  private onReset = () => {
    this.reset();
    this.input?.focus();
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen && this.mode !== 'inline') {
      event.stopPropagation();
      this.close();
    }
  };

  private onScroll = () => {
    const list = this.list;
    if (!list) return;
    this.following = list.scrollHeight - list.scrollTop - list.clientHeight < followThreshold;
  };
}
