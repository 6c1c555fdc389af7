import {
  type AnswerChunk,
  type ChatTransport,
  ChatTransportError,
  type JarvisAnswerEvent,
  type JarvisChat as JarvisChatElement,
  type JarvisFeedbackEvent,
  type JarvisMessageEvent,
} from '@jarvis/chat';
import { expect, waitUntil } from '@open-wc/testing';
import { act, createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { JarvisChat } from './index.js';

// Tells React that updates are wrapped in act(), so it flushes them before act() resolves.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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

describe('<JarvisChat> in React', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    // The element saves conversations per bot in localStorage; each test starts with none.
    localStorage.clear();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  it('renders <jarvis-chat> with its props set on the upgraded element', async () => {
    await act(async () => {
      root.render(createElement(JarvisChat, { bot: 'pk_test', api: 'http://127.0.0.1:1', mode: 'inline' }));
    });
    const element = container.querySelector('jarvis-chat')!;
    expect(element).to.be.instanceOf(customElements.get('jarvis-chat')!);
    expect(element.bot).to.equal('pk_test');
    expect(element.api).to.equal('http://127.0.0.1:1');
    expect(element.getAttribute('mode')).to.equal('inline');
  });

  it('gives the element through its ref, and the element’s events reach the onJarvis… props', async () => {
    const ref = createRef<JarvisChatElement>();
    const seen: string[] = [];
    let question = '';
    let answer = '';
    await act(async () => {
      root.render(
        createElement(JarvisChat, {
          ref,
          bot: 'pk_test',
          transport: cannedTransport,
          onJarvisOpen: () => seen.push('open'),
          onJarvisClose: () => seen.push('close'),
          onJarvisMessage: (event: JarvisMessageEvent) => {
            question = event.detail.text;
          },
          onJarvisAnswer: (event: JarvisAnswerEvent) => {
            answer = event.detail.text;
          },
        }),
      );
    });
    const element = ref.current!;
    expect(element.tagName).to.equal('JARVIS-CHAT');
    expect(element.transport).to.equal(cannedTransport);

    element.open();
    expect(element.isOpen).to.equal(true);
    element.close();
    expect(seen).to.deep.equal(['open', 'close']);

    await element.send('  How much is it?  ');
    expect(question).to.equal('How much is it?');
    await waitUntil(() => answer !== '', 'no jarvis-answer reached onJarvisAnswer');
    expect(answer).to.equal('Plans start at $10.');
  });

  it('passes theme, position and lang through, and a rating reaches onJarvisFeedback', async () => {
    const ref = createRef<JarvisChatElement>();
    const rated: JarvisFeedbackEvent['detail'][] = [];
    const transport: ChatTransport = { ...cannedTransport, sendFeedback: async () => undefined };
    await act(async () => {
      root.render(
        createElement(JarvisChat, {
          ref,
          bot: 'pk_test',
          mode: 'inline',
          theme: 'dark',
          position: 'bottom-left',
          lang: 'fr',
          transport,
          onJarvisFeedback: (event: JarvisFeedbackEvent) => rated.push(event.detail),
        }),
      );
    });
    const element = ref.current!;
    await element.send('How much is it?');
    await element.updateComplete;
    expect([element.theme, element.position, element.lang]).to.deep.equal(['dark', 'bottom-left', 'fr']);
    const rateUp = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="rate-up"]')!;
    expect(rateUp.getAttribute('aria-label')).to.equal('Utile');
    rateUp.click();
    await waitUntil(() => rated.length > 0, 'no jarvis-feedback reached onJarvisFeedback');
    expect(rated).to.deep.equal([{ messageId: 'm1', rating: 'up' }]);
  });

  it('reports a bot that cannot load through onJarvisError', async () => {
    let code = '';
    const failing: ChatTransport = {
      loadConfig: async () => {
        throw new ChatTransportError('NOT_FOUND', 'No bot with this key.');
      },
      streamAnswer: cannedTransport.streamAnswer,
    };
    await act(async () => {
      root.render(
        createElement(JarvisChat, {
          bot: 'pk_unknown',
          mode: 'inline',
          transport: failing,
          onJarvisError: (event) => {
            code = event.detail.code;
          },
        }),
      );
    });
    await waitUntil(() => code !== '', 'no jarvis-error reached onJarvisError');
    expect(code).to.equal('NOT_FOUND');
  });
});
