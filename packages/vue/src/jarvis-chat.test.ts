import type {
  AnswerChunk,
  ChatTransport,
  JarvisAnswerEvent,
  JarvisChat as JarvisChatElement,
  JarvisFeedbackEvent,
  JarvisMessageEvent,
} from '@jarvis/chat';
import { expect, waitUntil } from '@open-wc/testing';
import { type App, createApp, defineComponent, h, nextTick, ref } from 'vue';
import { JarvisChat, type JarvisChatInstance, JarvisPlugin } from './index.js';

/** A transport that answers every question with one sentence and no network. */
const cannedTransport: ChatTransport = {
  loadConfig: async () => ({
    name: 'Docs bot',
    greeting: 'Hello!',
    starterQuestions: [],
    accentColor: '#2563eb',
    accentTextColor: '#ffffff',
    avatarUrl: '',
    placeholder: 'Ask',
    strings: {},
  }),
  async *streamAnswer(): AsyncIterable<AnswerChunk> {
    yield { type: 'text-delta', text: 'Plans start at $10.' };
    yield { type: 'sources-ready', sources: [] };
    yield { type: 'answer-end', conversationId: 'c1', messageId: 'm1', status: 'complete' };
  },
};

describe('<JarvisChat> in Vue', () => {
  let container: HTMLElement;
  let app: App | undefined;

  beforeEach(() => {
    // The element saves conversations per bot in localStorage; each test starts with none.
    localStorage.clear();
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    app?.unmount();
    app = undefined;
    container.remove();
  });

  it('renders <jarvis-chat> with its props set on the upgraded element', async () => {
    app = createApp(() => h(JarvisChat, { bot: 'pk_test', api: 'http://127.0.0.1:1', mode: 'inline' }));
    app.mount(container);
    const element = container.querySelector('jarvis-chat')!;
    expect(element).to.be.instanceOf(customElements.get('jarvis-chat')!);
    expect(element.bot).to.equal('pk_test');
    expect(element.api).to.equal('http://127.0.0.1:1');
    await element.updateComplete;
    expect(element.getAttribute('mode')).to.equal('inline');
  });

  it('forwards the element’s events to its emits and keeps v-model:open in step', async () => {
    const open = ref(false);
    const chat = ref<JarvisChatInstance>();
    let question = '';
    let answer = '';
    app = createApp(
      defineComponent({
        setup: () => () =>
          h(JarvisChat, {
            ref: chat,
            bot: 'pk_test',
            transport: cannedTransport,
            open: open.value,
            'onUpdate:open': (value: boolean) => {
              open.value = value;
            },
            onJarvisMessage: (event: JarvisMessageEvent) => {
              question = event.detail.text;
            },
            onJarvisAnswer: (event: JarvisAnswerEvent) => {
              answer = event.detail.text;
            },
          }),
      }),
    );
    app.mount(container);
    const element = container.querySelector('jarvis-chat') as JarvisChatElement;

    chat.value!.open();
    expect(open.value).to.equal(true);
    chat.value!.close();
    expect(open.value).to.equal(false);

    open.value = true;
    await nextTick();
    expect(element.isOpen).to.equal(true);

    expect(chat.value!.element).to.equal(element);
    await chat.value!.send('  How much is it?  ');
    expect(question).to.equal('How much is it?');
    await waitUntil(() => answer !== '', 'no jarvis-answer reached the jarvisAnswer emit');
    expect(answer).to.equal('Plans start at $10.');
  });

  it('passes theme and position through, follows the page language until told one, and emits jarvisFeedback', async () => {
    const chat = ref<JarvisChatInstance>();
    const rated: JarvisFeedbackEvent['detail'][] = [];
    const transport: ChatTransport = { ...cannedTransport, sendFeedback: async () => undefined };
    app = createApp(
      defineComponent({
        setup: () => () =>
          h(JarvisChat, {
            ref: chat,
            bot: 'pk_test',
            mode: 'inline',
            theme: 'dark',
            position: 'bottom-left',
            transport,
            onJarvisFeedback: (event: JarvisFeedbackEvent) => rated.push(event.detail),
          }),
      }),
    );
    app.mount(container);
    const element = container.querySelector('jarvis-chat') as JarvisChatElement;
    await element.updateComplete;
    expect([element.getAttribute('theme'), element.getAttribute('position')]).to.deep.equal([
      'dark',
      'bottom-left',
    ]);
    // No `lang` prop: no empty lang attribute, so the page's language applies.
    expect(element.hasAttribute('lang')).to.equal(false);
    chat.value!.setLocale('de');
    await element.updateComplete;
    expect(element.getAttribute('lang')).to.equal('de');

    await chat.value!.send('How much is it?');
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="rate-down"]')!.click();
    await waitUntil(() => rated.length > 0, 'no jarvis-feedback reached the jarvisFeedback emit');
    expect(rated).to.deep.equal([{ messageId: 'm1', rating: 'down' }]);
  });

  it('JarvisPlugin registers <JarvisChat> as a global component', () => {
    app = createApp({ render: () => h('div') });
    app.use(JarvisPlugin).mount(container);
    expect(app.component('JarvisChat')).to.equal(JarvisChat);
  });
});
