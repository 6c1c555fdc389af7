import { adoptStyles, type CSSResultOrNative, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { WidgetConfig } from './answer-chunk.js';
import type { JarvisIdentity } from './chat-controller.js';
import type { ChatPanel, PanelView } from './chat-panel.js';
import { type ChatError, type ChatTransport, toChatError } from './chat-transport.js';
import { conversationStorageKey, localConversationStorage } from './conversation-storage.js';
import { JarvisCloseEvent } from './events/jarvis-close-event.js';
import { JarvisErrorEvent } from './events/jarvis-error-event.js';
import { JarvisOpenEvent } from './events/jarvis-open-event.js';
import { englishStrings, type JarvisStrings } from './i18n/jarvis-strings.js';
import { isRightToLeft, loadStrings, withOwnerStrings } from './i18n/locales.js';
import { chatIcon, closeIcon } from './icons.js';
import { jarvisChatStyles } from './jarvis-chat.styles.js';
import { fetchWidgetConfig } from './widget-config.js';

/**
 * The panel's module (conversation, Markdown, message actions, question box): fetched once per page,
 * when a widget first opens, or earlier when the pointer or focus reaches a launcher. A failed fetch
 * is forgotten so the next attempt fetches again.
 */
let panelModule: Promise<typeof import('./chat-panel.js')> | undefined;
function loadPanelModule(): Promise<typeof import('./chat-panel.js')> {
  panelModule ??= import('./chat-panel.js').catch((error: unknown) => {
    panelModule = undefined;
    throw error;
  });
  return panelModule;
}

/** Shown when the panel's script cannot be fetched (offline, blocked); in English like transport errors. */
const panelLoadError: ChatError = {
  code: 'NETWORK',
  message: 'Could not load the chat. Check your connection and try again.',
};

/**
 * The Jarvis chat widget: answers visitors' questions from a site's own content, streamed as it is
 * written, with numbered sources.
 *
 * @event jarvis-open - The floating panel opened (`JarvisOpenEvent`).
 * @event jarvis-close - The floating panel closed (`JarvisCloseEvent`).
 * @event jarvis-message - The visitor sent a question; `detail: { text }` (`JarvisMessageEvent`).
 * @event jarvis-answer - An answer ended; `detail: { text, sources, conversationId, status }` (`JarvisAnswerEvent`).
 * @event jarvis-feedback - The server recorded a rating; `detail: { messageId, rating, comment? }` (`JarvisFeedbackEvent`).
 * @event jarvis-error - The bot or the panel's script could not be loaded, an answer failed or feedback was refused; `detail: { code, message }` (`JarvisErrorEvent`).
 *
 * @csspart launcher - The round button that opens and closes the floating panel.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart avatar - The bot's picture in the title bar, when its config has one.
 * @csspart reset - The header button that starts a new conversation.
 * @csspart close - The header button that closes the floating panel.
 * @csspart offline - The notice shown while the browser is offline.
 * @csspart messages - The scrolling list of messages.
 * @csspart message - Every message bubble (`data-role` is `user` or `assistant`).
 * @csspart user-message - The visitor's bubbles.
 * @csspart assistant-message - The assistant's bubbles, including the greeting.
 * @csspart time - The time under a bubble.
 * @csspart typing - The dots shown while an answer is being written.
 * @csspart starters - The row of starter questions.
 * @csspart code - A code block in an answer.
 * @csspart copy-code - A code block's copy button.
 * @csspart sources - The numbered list of sources under an answer.
 * @csspart actions - The row of buttons under a finished answer.
 * @csspart copy - The button that copies an answer.
 * @csspart regenerate - The button that asks the last question again.
 * @csspart rate-up - The "helpful" button.
 * @csspart rate-down - The "not helpful" button.
 * @csspart feedback-form - The optional comment after a rating.
 * @csspart retry - The button that asks a failed question again.
 * @csspart composer - The form holding the question box and its button.
 * @csspart input - The question box.
 * @csspart send - The send button.
 * @csspart stop - The stop button, shown instead of send while an answer streams.
 *
 * @cssproperty --jarvis-accent - Main colour; defaults to the bot's configured colour.
 * @cssproperty --jarvis-on-accent - Text colour on the accent colour; defaults to the bot's configured one.
 * @cssproperty --jarvis-link - Colour of links and outlined buttons (readable on the background).
 * @cssproperty --jarvis-background - Panel background.
 * @cssproperty --jarvis-foreground - Text colour.
 * @cssproperty --jarvis-muted - Secondary text.
 * @cssproperty --jarvis-border - Borders and separators.
 * @cssproperty --jarvis-bubble - Background of the assistant's bubbles.
 * @cssproperty --jarvis-error - Colour of error messages.
 * @cssproperty --jarvis-radius - Corner radius of the panel and bubbles.
 * @cssproperty --jarvis-font - Font family.
 * @cssproperty --jarvis-panel-width - Width of the floating panel.
 * @cssproperty --jarvis-panel-height - Height of the floating panel.
 * @cssproperty --jarvis-offset-x - Distance of the launcher and panel from the side of the window.
 * @cssproperty --jarvis-offset-y - Distance of the launcher from the bottom of the window.
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

  /** `light`, `dark`, or `auto` to follow the visitor's system setting. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** The corner of the floating launcher and panel: `bottom-right` or `bottom-left`. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right';

  /**
   * The language of the widget's own texts (`en`, `es`, `fr`, `de`, `pt`, `ja`, `ar`; others fall back
   * to English). Unset, the nearest `lang` in the page applies, e.g. `<html lang>`.
   */
  @property({ reflect: true }) override lang!: string;

  /**
   * Whether the floating panel is open: the `open` attribute. (The property has another name because
   * `open()` is the method that opens the panel and fires `jarvis-open`.)
   */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  /** Replaces the default tRPC transport, to talk to another backend or to a test double. */
  @property({ attribute: false }) transport: ChatTransport | undefined;

  private panel: ChatPanel | undefined;
  private panelLoading: Promise<ChatPanel | undefined> | undefined;
  private panelFailed = false;
  /** The panel's styles, added to the shadow root's own when the panel first renders. */
  private panelStyles: CSSResultOrNative[] = [];
  private panelStylesAdopted = false;
  /** An identify() that came before the panel; handed to it when it loads. */
  private pendingIdentity: [JarvisIdentity, string | undefined] | undefined;
  private focusInputWhenDrawn = false;
  /** The loading frame was drawn in this open, so the panel that replaces it does not animate again. */
  private loadingFrameShown = false;
  private config: WidgetConfig | undefined;
  private configError: ChatError | undefined;
  private configLoading: AbortController | undefined;
  /** What the config was loaded for; another bot, api or transport needs it again. */
  private configSettings: { bot: string; api: string; transport: ChatTransport | undefined } | undefined;
  private locale = 'en';
  /** The built-in strings of `locale` once loaded (English until then); `localeLoading` while not. */
  private localeStrings: JarvisStrings = englishStrings;
  private localeLoading: Promise<void> | undefined;
  /** What `strings` was made from: the built-in strings and the config with the owner's wording. */
  private stringsMadeFrom: [JarvisStrings, WidgetConfig | undefined] = [englishStrings, undefined];
  private strings: JarvisStrings = englishStrings;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
  }

  /** Opens the floating panel and moves focus to the question box. */
  open(): void {
    if (this.mode === 'inline' || this.isOpen) return;
    this.isOpen = true;
    // In updated(), once the panel is drawn: the same update that awaiting updateComplete waits for.
    this.focusInputWhenDrawn = true;
    this.dispatchEvent(new JarvisOpenEvent());
  }

  /** Closes the floating panel; focus that was inside it goes back to the launcher. */
  close(): void {
    if (this.mode === 'inline' || !this.isOpen) return;
    const hadFocus = this.matches(':focus-within');
    this.isOpen = false;
    this.focusInputWhenDrawn = false;
    this.loadingFrameShown = false;
    this.dispatchEvent(new JarvisCloseEvent());
    if (hadFocus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLButtonElement>('.launcher')?.focus(),
      );
    }
  }

  /** Opens the floating panel if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Asks a question as if the visitor had typed it; resolves when its answer has ended. */
  async send(text: string): Promise<void> {
    const panel = this.panel ?? (await this.loadPanel());
    await panel?.send(text);
  }

  /** Stops the answer being written; the text so far stays, marked as stopped. */
  stop(): void {
    this.panel?.stop();
  }

  /**
   * Forgets the conversation, its saved copy in this browser and the identity, so the next question
   * starts a new conversation. Call it when the visitor logs out.
   */
  reset(): void {
    this.pendingIdentity = undefined;
    if (this.panel) this.panel.reset();
    // At once, without the panel: a page that logs the visitor out may navigate away right after.
    else if (this.bot) {
      localConversationStorage(conversationStorageKey(this.api || location.origin, this.bot)).clear();
    }
  }

  /**
   * Says who the visitor is; sent with every question until `reset()`. The server trusts it only with
   * `signature` = hex(HMAC-SHA256(bot identity secret, user.id)), computed on your server.
   */
  identify(user: JarvisIdentity, signature?: string): void {
    if (this.panel) this.panel.identify(user, signature);
    else this.pendingIdentity = [user, signature];
  }

  /** Switches the widget's own texts to another language (`es`, `ar`…); the same as setting `lang`. */
  setLocale(locale: string): void {
    this.lang = locale;
  }

  /**
   * Also waits for the panel's and the language's scripts while they load, so awaiting it after
   * open() or setLocale() finds the panel drawn in that language.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (let loading = this.loading(); loading; loading = this.loading()) {
      await loading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  private loading(): Promise<unknown> | undefined {
    return this.localeLoading ?? (this.panel ? undefined : this.panelLoading);
  }

  protected override willUpdate(): void {
    const { bot, api, transport } = this;
    const loaded = this.configSettings;
    if ((bot || transport) && (loaded?.bot !== bot || loaded.api !== api || loaded.transport !== transport)) {
      this.configSettings = { bot, api, transport };
      this.config = undefined;
      this.loadConfig();
    }
    this.applyLocale(
      this.lang ||
        this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
        document.documentElement.lang ||
        'en',
    );
    // A failed fetch waits for open(), send() or the retry button, rather than retrying on every render.
    if (!this.panel && !this.panelFailed && (this.mode === 'inline' || this.isOpen)) void this.loadPanel();
    if (this.panel && !this.panelStylesAdopted) {
      this.panelStylesAdopted = true;
      adoptStyles(this.renderRoot as ShadowRoot, [...JarvisChat.elementStyles, ...this.panelStyles]);
    }
  }

  protected override updated(): void {
    if (this.focusInputWhenDrawn && this.panel) {
      this.focusInputWhenDrawn = false;
      this.panel.focusInput();
    }
    this.applyColor('--jarvis-config-accent', this.config?.accentColor);
    this.applyColor('--jarvis-config-on-accent', this.config?.accentTextColor);
  }

  override render() {
    const floating = this.mode !== 'inline';
    const { strings } = this;
    return html`
      ${
        floating
          ? html`<button
            part="launcher"
            class="launcher"
            type="button"
            aria-label=${this.isOpen ? strings.closeChat : strings.openChat}
            aria-expanded=${this.isOpen ? 'true' : 'false'}
            aria-controls=${this.panel ? 'panel' : nothing}
            @click=${() => this.toggle()}
            @pointerenter=${this.preload}
            @focus=${this.preload}
          >
            ${this.isOpen ? closeIcon : chatIcon}
          </button>`
          : nothing
      }
      ${this.panel ? this.panel.render(this.panelView()) : floating && !this.isOpen ? nothing : this.renderLoadingPanel()}
    `;
  }

  /** The panel's frame while its script loads, or the reason it could not, with a retry button. */
  private renderLoadingPanel() {
    const { strings } = this;
    // Only a frame that was really painted counts: a panel already fetched (hover preloads it)
    // replaces the frame before the next frame and plays the animation itself.
    requestAnimationFrame(() => {
      if (!this.panel && this.isOpen) this.loadingFrameShown = true;
    });
    return html`<section
      id="panel"
      part="panel"
      class="panel"
      role=${this.mode === 'inline' ? 'region' : 'dialog'}
      aria-label=${this.config?.name || strings.chat}
      aria-busy=${this.panelFailed ? nothing : 'true'}
      dir=${isRightToLeft(this.locale) ? 'rtl' : 'ltr'}
      lang=${this.locale}
    >
      ${
        this.panelFailed
          ? html`<p class="error" role="alert">${panelLoadError.message}</p>
            <button part="retry" type="button" @click=${() => void this.loadPanel()}>${strings.tryAgain}</button>`
          : nothing
      }
    </section>`;
  }

  private panelView(): PanelView {
    return {
      locale: this.locale,
      strings: this.strings,
      config: this.config,
      configError: this.configError,
      reloadConfig: this.loadConfig,
      entered: this.loadingFrameShown,
    };
  }

  /** The panel, once its script has loaded; `undefined` when it could not be fetched. */
  private loadPanel(): Promise<ChatPanel | undefined> {
    if (this.panelFailed) {
      this.panelFailed = false;
      this.requestUpdate();
    }
    this.panelLoading ??= loadPanelModule().then(
      ({ ChatPanel, panelStyles }) => {
        this.panelStyles = panelStyles;
        const panel = new ChatPanel(this);
        if (this.pendingIdentity) panel.identify(...this.pendingIdentity);
        this.pendingIdentity = undefined;
        this.panel = panel;
        this.requestUpdate();
        return panel;
      },
      () => {
        this.panelLoading = undefined;
        this.panelFailed = true;
        this.requestUpdate();
        this.dispatchEvent(new JarvisErrorEvent(panelLoadError));
        return undefined;
      },
    );
    return this.panelLoading;
  }

  /** Fetches the panel's script ahead of a click (pointer over or focus on the launcher). */
  private preload = () => void loadPanelModule().catch(() => undefined);

  /** Loads (or, from the retry button, reloads) the bot's config: the closed launcher needs its colours. */
  private loadConfig = (): void => {
    this.configLoading?.abort();
    const loading = new AbortController();
    this.configLoading = loading;
    this.configError = undefined;
    const config = this.transport
      ? this.transport.loadConfig(loading.signal)
      : fetchWidgetConfig({ api: this.api || location.origin, botKey: this.bot }, loading.signal);
    config
      .then(
        (loaded) => {
          if (!loading.signal.aborted) this.config = loaded;
        },
        (error: unknown) => {
          if (loading.signal.aborted) return;
          this.configError = toChatError(error);
          this.dispatchEvent(new JarvisErrorEvent(this.configError));
        },
      )
      .finally(() => this.requestUpdate());
    this.requestUpdate();
  };

  private applyLocale(locale: string): void {
    if (locale !== this.locale) {
      this.locale = locale;
      const strings = loadStrings(locale);
      if (strings instanceof Promise) {
        const loading = strings.then((loaded) => {
          if (this.localeLoading !== loading) return;
          this.localeLoading = undefined;
          this.localeStrings = loaded;
          this.requestUpdate();
        });
        this.localeLoading = loading;
      } else {
        this.localeLoading = undefined;
        this.localeStrings = strings;
      }
    }
    const [madeFrom, madeWith] = this.stringsMadeFrom;
    if (madeFrom === this.localeStrings && madeWith === this.config) return;
    // Made anew only when an input changed: messages redraw when `strings` is another object.
    this.stringsMadeFrom = [this.localeStrings, this.config];
    this.strings = withOwnerStrings(this.localeStrings, locale, this.config?.strings);
  }

  /** A colour from the bot's config, unless the page sets its own; invalid colours are ignored. */
  private applyColor(name: string, color = ''): void {
    if (this.style.getPropertyValue(name) === color) return;
    // Through the CSSOM, which a strict CSP allows, unlike a `style` attribute.
    if (color && CSS.supports('color', color)) this.style.setProperty(name, color);
    else this.style.removeProperty(name);
  }

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen && this.mode !== 'inline') {
      event.stopPropagation();
      this.close();
    } else {
      this.panel?.handleKeydown(event);
    }
  };
}
