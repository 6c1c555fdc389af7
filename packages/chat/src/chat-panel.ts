import { html, nothing, type ReactiveController } from 'lit';
import type { WidgetConfig } from './answer-chunk.js';
import { ChatController, type FinishedAnswer, type JarvisIdentity } from './chat-controller.js';
import { chatPanelStyles } from './chat-panel.styles.js';
import type { ChatError, ChatTransport } from './chat-transport.js';
import { conversationStorageKey, localConversationStorage } from './conversation-storage.js';
import { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
import { JarvisErrorEvent } from './events/jarvis-error-event.js';
import { JarvisFeedbackEvent } from './events/jarvis-feedback-event.js';
import { JarvisMessageEvent } from './events/jarvis-message-event.js';
import type { JarvisStrings } from './i18n/jarvis-strings.js';
import { isRightToLeft } from './i18n/locales.js';
import { closeIcon } from './icons.js';
import type { JarvisChat } from './jarvis-chat.js';
import { messageStyles } from './message/message.styles.js';
import {
  type ConversationContext,
  renderConversation,
  renderMissingBot,
} from './message/render-conversation.js';
import { MobileViewportController } from './mobile-viewport-controller.js';
import { OnlineStatusController } from './online-status-controller.js';
import { renderComposer } from './render-composer.js';
import { safeHref } from './safe-href.js';
import { trapFocus } from './trap-focus.js';
import { createTrpcSseTransport } from './trpc-sse-transport.js';

/** The styles the panel adds to the element's shadow root when it loads. */
export const panelStyles = [chatPanelStyles, messageStyles];

/** How close to the bottom (px) still counts as "at the bottom" for following a streaming answer. */
const followThreshold = 32;

/** What the element knows and the panel draws: its language and the bot's config. */
export interface PanelView {
  locale: string;
  strings: JarvisStrings;
  config: WidgetConfig | undefined;
  configError: ChatError | undefined;
  reloadConfig(): void;
  /** The loading frame already played the opening animation in this open; do not play it again. */
  entered: boolean;
}

/**
 * The open chat: conversation, message list and question box. `<jarvis-chat>` loads this module with
 * `import()` on first open (or at once when inline), so the closed launcher costs only the initial
 * script. A Lit controller on the element rather than an element of its own, so the panel stays in
 * the element's shadow root with the parts and styles pages already target.
 */
export class ChatPanel implements ReactiveController {
  private readonly network: OnlineStatusController;
  private readonly viewport: MobileViewportController;
  private controller: ChatController | undefined;
  /** What the controller was built for; another bot, api or transport needs a new one. */
  private controllerSettings: { bot: string; api: string; transport: ChatTransport | undefined } | undefined;
  /** Whether the message list follows new text; false once the visitor scrolls up to read. */
  private following = true;
  /** The last finished answer, for screen readers (the streaming text itself is not announced). */
  private announcement = '';
  /** The answer whose comment box is open, after the visitor rated it. */
  private commentingOn: string | undefined;
  private copiedId: string | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  private timeLocale = '';
  /** Made on first use, not when the panel opens: a page's first DateTimeFormat costs tens of ms. */
  private time: Intl.DateTimeFormat | undefined;

  constructor(private readonly host: JarvisChat) {
    host.addController(this);
    this.network = new OnlineStatusController(host);
    this.viewport = new MobileViewportController(host);
  }

  hostDisconnected(): void {
    // Moving the element in the page disconnects and reconnects it at once; only a real removal
    // stops the answer (and so its network stream).
    queueMicrotask(() => {
      if (!this.host.isConnected) this.controller?.stop();
    });
  }

  hostUpdate(): void {
    const { bot, api, transport } = this.host;
    const built = this.controllerSettings;
    if (built && (built.bot !== bot || built.api !== api || built.transport !== transport)) {
      this.controller?.dispose();
      this.controller = undefined;
    }
    if (bot || transport) this.ensureController();
  }

  hostUpdated(): void {
    const list = this.messageList;
    if (this.following && list) list.scrollTop = list.scrollHeight;
    this.viewport.lockPageScroll(this.fullScreen);
  }

  /** Asks a question as if the visitor had typed it; resolves when its answer has ended. */
  async send(text: string): Promise<void> {
    const controller = this.ensureController();
    const question = text.trim();
    if (!question || controller.streaming) return;
    this.following = true;
    this.host.dispatchEvent(new JarvisMessageEvent({ text: question }));
    await controller.send(question);
  }

  stop(): void {
    this.controller?.stop();
  }

  reset(): void {
    this.controller?.reset();
    this.announcement = '';
    this.commentingOn = undefined;
  }

  identify(user: JarvisIdentity, signature?: string): void {
    this.ensureController().identify(user, signature);
  }

  /** Moves focus to the question box. */
  focusInput(): void {
    this.host.renderRoot.querySelector<HTMLElement>('textarea[part="input"]')?.focus();
  }

  /** Keeps Tab inside the panel while it covers the whole screen. */
  handleKeydown(event: KeyboardEvent): void {
    const panel = this.host.renderRoot.querySelector<HTMLElement>('.panel');
    // Full screen, nothing behind the panel is visible: Tab must not wander off into the page.
    if (this.fullScreen && panel) trapFocus(event, panel);
  }

  render(view: PanelView) {
    const floating = this.host.mode !== 'inline';
    const { strings, config } = view;
    const controller = this.controller;
    const name = config?.name || strings.chat;
    const avatar = config?.avatarUrl ? safeHref(config.avatarUrl) : undefined;
    return html`<section
      id="panel"
      part="panel"
      class=${view.entered ? 'panel entered' : 'panel'}
      role=${floating ? 'dialog' : 'region'}
      aria-label=${name}
      aria-modal=${this.fullScreen ? 'true' : nothing}
      dir=${isRightToLeft(view.locale) ? 'rtl' : 'ltr'}
      lang=${view.locale}
      ?hidden=${floating && !this.host.isOpen}
    >
      <header part="header">
        ${avatar ? html`<img part="avatar" class="avatar" src=${avatar} alt="" />` : nothing}
        <h2 class="title">${name}</h2>
        ${
          controller?.messages.length
            ? html`<button part="reset" type="button" @click=${this.onReset}>${strings.newChat}</button>`
            : nothing
        }
        ${
          floating
            ? html`<button part="close" type="button" aria-label=${strings.closeChat} @click=${() => this.host.close()}>
              ${closeIcon}
            </button>`
            : nothing
        }
      </header>
      ${this.network.online ? nothing : html`<p part="offline" class="offline" role="status">${strings.offline}</p>`}
      <div part="messages" class="messages" @scroll=${this.onScroll}>
        ${controller ? renderConversation(controller, this.conversationContext(view)) : renderMissingBot()}
      </div>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${renderComposer({
        strings,
        placeholder: config?.placeholder || strings.placeholder,
        blocked: view.configError !== undefined,
        offline: !this.network.online,
        streaming: controller?.streaming ?? false,
        submit: this.onSubmit,
        stop: this.onStop,
      })}
    </section>`;
  }

  /** Whether the panel covers the whole screen: floating and open on a narrow viewport. */
  private get fullScreen(): boolean {
    return this.host.mode !== 'inline' && this.host.isOpen && this.viewport.narrow;
  }

  private get messageList(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.messages');
  }

  private get input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[part="input"]');
  }

  private timeFormat(locale: string): Intl.DateTimeFormat {
    if (!this.time || locale !== this.timeLocale) {
      this.timeLocale = locale;
      try {
        this.time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
      } catch {
        // Not a valid language tag: English times, like English texts.
        this.time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
      }
    }
    return this.time;
  }

  private conversationContext(view: PanelView): ConversationContext {
    return {
      strings: view.strings,
      time: { format: (date) => this.timeFormat(view.locale).format(date) },
      config: view.config,
      configError: view.configError,
      canRate: this.controller?.canRate ?? false,
      commentingOn: this.commentingOn,
      copiedId: this.copiedId,
      ask: this.ask,
      reloadConfig: view.reloadConfig,
      copy: this.copy,
      retry: this.retryAnswer,
      rate: this.rate,
      comment: this.comment,
    };
  }

  private ensureController(): ChatController {
    if (this.controller) return this.controller;
    const { bot, api, transport } = this.host;
    const server = api || globalThis.location.origin;
    const controller = new ChatController({
      transport: transport ?? createTrpcSseTransport({ api: server, botKey: bot }),
      // One saved conversation per server and bot: two widgets for different bots never share one.
      ...(bot ? { storage: localConversationStorage(conversationStorageKey(server, bot)) } : {}),
      onAnswer: (answer: FinishedAnswer) => {
        // Screen readers get the answer once, whole, without the citation numbers read out.
        this.announcement = answer.text.replace(/\s*\[\d+\]/g, '');
        this.host.requestUpdate();
        this.host.dispatchEvent(new JarvisAnswerEvent(answer));
      },
      onFeedback: (feedback) => this.host.dispatchEvent(new JarvisFeedbackEvent(feedback)),
      onError: (error: ChatError) => this.host.dispatchEvent(new JarvisErrorEvent(error)),
    });
    controller.subscribe(() => this.host.requestUpdate());
    this.controller = controller;
    this.controllerSettings = { bot, api, transport };
    return controller;
  }

  private onSubmit = (event: Event) => {
    event.preventDefault();
    const input = this.input;
    if (!input?.value.trim() || this.controller?.streaming || !this.network.online) return;
    const text = input.value;
    input.value = '';
    // Keeps focus in the box when the send button, which becomes the stop button, was clicked.
    input.focus();
    void this.send(text);
  };

  private onStop = () => {
    this.stop();
    this.input?.focus();
  };

  private ask = (question: string) => void this.send(question);

  private retryAnswer = () => {
    this.following = true;
    void this.controller?.retry();
  };

  private copy = (text: string, id?: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => {
        if (!id) return;
        this.copiedId = id;
        clearTimeout(this.copiedTimer);
        this.copiedTimer = setTimeout(() => {
          this.copiedId = undefined;
          this.host.requestUpdate();
        }, 2000);
        this.host.requestUpdate();
      },
      // Denied (no permission, insecure page): the button simply does not confirm.
      () => undefined,
    );
  };

  private rate = (id: string, rating: 'up' | 'down') => {
    this.commentingOn = id;
    this.host.requestUpdate();
    void this.controller?.rate(id, rating);
  };

  private comment = (id: string, rating: 'up' | 'down', comment: string) => {
    this.commentingOn = undefined;
    this.host.requestUpdate();
    if (comment) void this.controller?.rate(id, rating, comment);
  };

  private onReset = () => {
    this.host.reset();
    this.input?.focus();
  };

  private onScroll = () => {
    const list = this.messageList;
    if (!list) return;
    this.following = list.scrollHeight - list.scrollTop - list.clientHeight < followThreshold;
  };
}
