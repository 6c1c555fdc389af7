import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatController, type ChatMessage } from './chat-controller.js';
import type { ChatTransport } from './chat-transport.js';
import { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
import { JarvisCloseEvent } from './events/jarvis-close-event.js';
import { JarvisErrorEvent } from './events/jarvis-error-event.js';
import { JarvisMessageEvent } from './events/jarvis-message-event.js';
import { JarvisOpenEvent } from './events/jarvis-open-event.js';
import { jarvisChatStyles } from './jarvis-chat.styles.js';
import { renderAnswerText, renderSources } from './render-answer-text.js';
import { createTrpcSseTransport } from './trpc-sse-transport.js';

/**
 * The Jarvis chat widget: answers visitors' questions from a site's own content, streamed, with
 * numbered sources.
 *
 * @event jarvis-open - The panel opened.
 * @event jarvis-close - The panel closed.
 * @event jarvis-message - The visitor sent a question; `detail.text`.
 * @event jarvis-answer - An answer finished; `detail` has `text`, `sources`, `conversationId`, `status`.
 * @event jarvis-error - The bot could not be loaded or an answer failed; `detail` has `code` and `message`.
 *
 * @csspart launcher - The round button that opens the floating panel.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart messages - The scrolling list of messages.
 * @csspart message - One message bubble (`data-role` is `user` or `assistant`).
 * @csspart sources - The numbered sources under an answer.
 * @csspart input - The question box.
 * @csspart send - The send button.
 * @csspart stop - The stop button shown while an answer streams.
 *
 * @cssproperty --jarvis-accent - Main colour (defaults to the bot's configured colour).
 * @cssproperty --jarvis-background - Panel background.
 * @cssproperty --jarvis-foreground - Text colour.
 * @cssproperty --jarvis-bubble - Background of the assistant's bubbles.
 * @cssproperty --jarvis-radius - Corner radius of the panel and bubbles.
 * @cssproperty --jarvis-font - Font family.
 * @cssproperty --jarvis-panel-width - Width of the floating panel.
 * @cssproperty --jarvis-panel-height - Height of the floating panel.
 */
export class JarvisChat extends LitElement {
  static override styles = jarvisChatStyles;

  /** The bot's publishable key (`pk_…`). */
  @property() bot = '';

  /** The Jarvis server's origin; defaults to the page's own origin. */
  @property() api = '';

  /** `floating` shows a launcher button that opens a panel; `inline` fills the element's box. */
  @property({ reflect: true }) mode: 'floating' | 'inline' = 'floating';

  /** Whether the floating panel is open (the `open` attribute; inline mode is always open). */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  /** Replaces the HTTP transport, e.g. to talk to a custom backend or in tests. */
  @property({ attribute: false }) transport: ChatTransport | undefined;

  @state() private revision = 0;
  @state() private announcement = '';
  @query('textarea') private input!: HTMLTextAreaElement;
  @query('.messages') private list!: HTMLElement;
  @query('.launcher') private launcher!: HTMLButtonElement | null;
  private controller: ChatController | undefined;
  private stickToBottom = true;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.controller?.stop();
  }

  /** Opens the floating panel and puts focus in the question box. */
  open(): void {
    this.setOpen(true);
  }

  /** Closes the floating panel and gives focus back to the launcher. */
  close(): void {
    if (this.mode === 'inline' || !this.isOpen) return;
    this.setOpen(false);
    void this.updateComplete.then(() => this.launcher?.focus());
  }

  /** Opens or closes the floating panel. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.setOpen(true);
  }

  /** Asks a question as if the visitor had typed it; resolves when the answer has finished. */
  async send(text: string): Promise<void> {
    const controller = this.ensureController();
    if (!text.trim() || controller.streaming) return;
    this.dispatchEvent(new JarvisMessageEvent({ text: text.trim() }));
    this.stickToBottom = true;
    await controller.send(text);
  }

  /** Stops the answer being written. */
  stop(): void {
    this.controller?.stop();
  }

  /** Starts a new conversation. */
  reset(): void {
    this.controller?.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bot') || changed.has('api') || changed.has('transport')) {
      this.controller?.stop();
      this.controller = undefined;
      if (this.bot || this.transport) void this.ensureController().loadConfig();
    }
  }

  protected override updated(): void {
    if (this.stickToBottom && this.list) this.list.scrollTop = this.list.scrollHeight;
    const accent = this.controller?.config?.accentColor;
    if (accent) this.style.setProperty('--jarvis-config-accent', accent);
  }

  override render() {
    const inline = this.mode === 'inline';
    const config = this.controller?.config;
    const name = config?.name ?? 'Chat';
    return html`
      ${
        inline
          ? nothing
          : html`<button
            part="launcher"
            class="launcher"
            aria-label=${this.isOpen ? `Close ${name}` : `Open ${name}`}
            aria-expanded=${this.isOpen ? 'true' : 'false'}
            @click=${() => this.toggle()}
          >
            ${this.isOpen ? '×' : '💬'}
          </button>`
      }
      <section part="panel" class="panel" role=${inline ? 'region' : 'dialog'} aria-label=${name} ?hidden=${!inline && !this.isOpen}>
        <header part="header">
          <span>${name}</span>
          ${inline ? nothing : html`<button aria-label="Close" @click=${() => this.close()}>×</button>`}
        </header>
        <div part="messages" class="messages" @scroll=${this.onScroll}>${this.renderConversation()}</div>
        <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
        ${this.renderComposer(config?.placeholder ?? 'Ask a question…')}
      </section>
    `;
  }

  private renderConversation() {
    const controller = this.controller;
    if (!controller) return html`<p class="error">Set the bot attribute to this bot's publishable key.</p>`;
    if (controller.configError)
      return html`<p class="error" role="alert">${controller.configError.message}</p>`;
    const config = controller.config;
    return html`
      ${config?.greeting ? html`<div part="message" class="message" data-role="assistant">${config.greeting}</div>` : nothing}
      ${
        controller.messages.length === 0 && config?.starterQuestions.length
          ? html`<div class="starters">
            ${config.starterQuestions.map((question) => html`<button @click=${() => this.send(question)}>${question}</button>`)}
          </div>`
          : nothing
      }
      ${repeat(
        controller.messages,
        (message) => message.id,
        (message) => this.renderMessage(message),
      )}
    `;
  }

  private renderMessage(message: ChatMessage) {
    if (message.role === 'user') {
      return html`<div part="message" class="message" data-role="user">${message.text}</div>`;
    }
    const streaming = message.status === 'streaming';
    return html`<div part="message" class="message" data-role="assistant" data-status=${message.status} aria-busy=${streaming ? 'true' : 'false'}>
      ${renderAnswerText(message.text, message.sources)}
      ${streaming ? html`<span class="typing" aria-label="Writing"></span>` : nothing}
      ${message.status === 'stopped' ? html`<p class="note">Stopped.</p>` : nothing}
      ${
        message.error
          ? html`<p class="error" role="alert">${message.error.message}</p>
            <button class="retry" @click=${() => this.controller?.retry()}>Try again</button>`
          : nothing
      }
      ${renderSources(message.sources)}
    </div>`;
  }

  private renderComposer(placeholder: string) {
    const streaming = this.controller?.streaming ?? false;
    return html`<form @submit=${this.onSubmit}>
      <textarea part="input" rows="1" aria-label="Your question" placeholder=${placeholder} maxlength="2000" @keydown=${this.onInputKeydown}></textarea>
      ${
        streaming
          ? html`<button part="stop" type="button" @click=${() => this.stop()}>Stop</button>`
          : html`<button part="send" type="submit">Send</button>`
      }
    </form>`;
  }

  private ensureController(): ChatController {
    if (this.controller) return this.controller;
    const transport =
      this.transport ??
      createTrpcSseTransport({ api: this.api || globalThis.location.origin, botKey: this.bot });
    this.controller = new ChatController(transport, {
      onChange: () => {
        this.revision += 1;
      },
      onAnswer: (answer) => {
        this.announcement = answer.text.replace(/\[\d+\]/g, '');
        this.dispatchEvent(new JarvisAnswerEvent(answer));
      },
      onError: (error) => {
        this.announcement = error.message;
        this.dispatchEvent(new JarvisErrorEvent(error));
      },
    });
    return this.controller;
  }

  private setOpen(open: boolean): void {
    if (this.isOpen === open) return;
    this.isOpen = open;
    this.dispatchEvent(open ? new JarvisOpenEvent() : new JarvisCloseEvent());
    if (open) void this.updateComplete.then(() => this.input?.focus());
  }

  private onSubmit = (event: Event) => {
    event.preventDefault();
    const text = this.input.value;
    if (!text.trim() || this.controller?.streaming) return;
    this.input.value = '';
    void this.send(text);
  };

  private onInputKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.onSubmit(event);
    }
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen && this.mode !== 'inline') {
      event.stopPropagation();
      this.close();
    }
  };

  private onScroll = () => {
    const list = this.list;
    // Keep following a streaming answer unless the visitor has scrolled up to read something.
    this.stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  };
}
