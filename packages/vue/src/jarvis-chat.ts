import '@jarvis/chat/define';
import type {
  ChatTransport,
  JarvisAnswerEvent,
  JarvisChat as JarvisChatElement,
  JarvisCloseEvent,
  JarvisErrorEvent,
  JarvisFeedbackEvent,
  JarvisIdentity,
  JarvisMessageEvent,
  JarvisOpenEvent,
} from '@jarvis/chat';
import { defineComponent, h, type PropType, ref } from 'vue';

/**
 * `<jarvis-chat>` as a Vue 3 component. Props are set on the element as properties; each `jarvis-*`
 * event is re-emitted with its typed event class (`@jarvis-answer="…"`), and `v-model:open` follows
 * the floating panel. A template ref exposes the element's commands (`open`, `send`, …) and the
 * element itself as `element`.
 *
 * Importing this module registers the element (through `@jarvis/chat/define`).
 */
export const JarvisChat = defineComponent({
  name: 'JarvisChat',
  props: {
    /** The bot's publishable key (`pk_…`). */
    bot: { type: String, default: '' },
    /** The Jarvis server's origin; empty means the page's own. */
    api: { type: String, default: '' },
    /** A launcher with a floating panel, or a chat in the page's flow. */
    mode: { type: String as PropType<'floating' | 'inline'>, default: 'floating' },
    /** `light`, `dark`, or `auto` to follow the visitor's system setting. */
    theme: { type: String as PropType<'light' | 'dark' | 'auto'>, default: 'light' },
    /** The corner of the floating launcher and panel. */
    position: { type: String as PropType<'bottom-right' | 'bottom-left'>, default: 'bottom-right' },
    /** The language of the widget's own texts; empty follows the page. */
    lang: { type: String, default: '' },
    /** Whether the floating panel is open; use `v-model:open` to follow it. */
    open: { type: Boolean, default: false },
    /** A custom backend instead of the server's tRPC API. */
    transport: { type: Object as PropType<ChatTransport>, default: undefined },
  },
  emits: {
    'update:open': (open: boolean) => typeof open === 'boolean',
    jarvisOpen: (event: JarvisOpenEvent) => event instanceof Event,
    jarvisClose: (event: JarvisCloseEvent) => event instanceof Event,
    jarvisMessage: (event: JarvisMessageEvent) => event instanceof Event,
    jarvisAnswer: (event: JarvisAnswerEvent) => event instanceof Event,
    jarvisFeedback: (event: JarvisFeedbackEvent) => event instanceof Event,
    jarvisError: (event: JarvisErrorEvent) => event instanceof Event,
  },
  setup(props, { emit, expose }) {
    const element = ref<JarvisChatElement>();
    expose({
      /** The `<jarvis-chat>` element, once mounted. */
      get element() {
        return element.value;
      },
      open: () => element.value?.open(),
      close: () => element.value?.close(),
      toggle: () => element.value?.toggle(),
      send: async (text: string) => element.value?.send(text),
      stop: () => element.value?.stop(),
      reset: () => element.value?.reset(),
      identify: (user: JarvisIdentity, signature?: string) => element.value?.identify(user, signature),
      setLocale: (locale: string) => element.value?.setLocale(locale),
    });
    return () =>
      h('jarvis-chat', {
        ref: element,
        bot: props.bot,
        api: props.api,
        mode: props.mode,
        theme: props.theme,
        position: props.position,
        // Empty means "follow the page"; an empty lang attribute would mean "unknown language".
        lang: props.lang || undefined,
        isOpen: props.open,
        transport: props.transport,
        // Vue turns `onJarvisOpen` into a listener for `jarvis-open` on the element.
        onJarvisOpen: (event: JarvisOpenEvent) => {
          emit('jarvisOpen', event);
          emit('update:open', true);
        },
        onJarvisClose: (event: JarvisCloseEvent) => {
          emit('jarvisClose', event);
          emit('update:open', false);
        },
        onJarvisMessage: (event: JarvisMessageEvent) => emit('jarvisMessage', event),
        onJarvisAnswer: (event: JarvisAnswerEvent) => emit('jarvisAnswer', event),
        onJarvisFeedback: (event: JarvisFeedbackEvent) => emit('jarvisFeedback', event),
        onJarvisError: (event: JarvisErrorEvent) => emit('jarvisError', event),
      });
  },
});

/** What a template ref on `<JarvisChat>` holds: the element's commands and the element itself. */
export interface JarvisChatInstance {
  readonly element: JarvisChatElement | undefined;
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): Promise<void>;
  stop(): void;
  reset(): void;
  identify(user: JarvisIdentity, signature?: string): void;
  setLocale(locale: string): void;
}
