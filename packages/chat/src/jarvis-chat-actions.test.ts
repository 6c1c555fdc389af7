import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JarvisFeedbackEvent } from './events/jarvis-feedback-event.js';
import type { JarvisChat } from './jarvis-chat.js';

const part = <T extends HTMLElement = HTMLElement>(element: JarvisChat, name: string) =>
  element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const answers = (element: JarvisChat) => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-role="assistant"][data-status]'),
];

async function answered(question: string, bot = 'pk_test_ok_1234') {
  const element = await fixture<JarvisChat>(html`<jarvis-chat bot=${bot} mode="inline"></jarvis-chat>`);
  await waitUntil(() => part(element, 'starters'), 'the config loaded');
  await element.send(question);
  await element.updateComplete;
  return element;
}

async function seenByServer(question: string) {
  const response = await fetch(`/__fake/requests?question=${encodeURIComponent(question)}`);
  return (await response.json()) as { input: Record<string, unknown> } | null;
}

const recordedFeedback = async () =>
  (await (await fetch('/__fake/feedback')).json()) as {
    messageId: string;
    rating: string;
    comment?: string;
  }[];

describe('<jarvis-chat> answer actions', () => {
  beforeEach(() => localStorage.clear());

  it('sends thumbs down, then an optional comment, to chat.feedback and fires jarvis-feedback', async () => {
    const element = await answered('rate this answer');
    const rated = oneEvent(element, 'jarvis-feedback') as Promise<JarvisFeedbackEvent>;
    part(element, 'rate-down')!.click();
    const { detail } = await rated;
    expect(detail.rating).to.equal('down');
    expect(detail.messageId).to.match(/^[0-9a-f-]{36}$/);
    expect((await recordedFeedback()).at(-1)).to.deep.equal({ botKey: 'pk_test_ok_1234', ...detail });
    await element.updateComplete;
    expect(part(element, 'rate-down')!.getAttribute('aria-pressed')).to.equal('true');

    const form = part<HTMLFormElement>(element, 'feedback-form')!;
    form.querySelector('textarea')!.value = '  Missing the price  ';
    const commented = oneEvent(element, 'jarvis-feedback') as Promise<JarvisFeedbackEvent>;
    form.requestSubmit();
    expect((await commented).detail).to.deep.equal({ ...detail, comment: 'Missing the price' });
    await element.updateComplete;
    expect(part(element, 'feedback-form')).to.equal(null);
    expect(answers(element)[0]!.textContent).to.contain('Thanks for your feedback.');
  });

  it('copies the answer text and says so', async () => {
    const element = await answered('copy this answer');
    const copied: string[] = [];
    // Headless Chromium has no clipboard permission; the page's view of the clipboard is replaced.
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    try {
      part(element, 'copy')!.click();
      await waitUntil(() => part(element, 'copy')!.getAttribute('aria-label') === 'Copied');
      expect(copied).to.deep.equal(['Jarvis answers from your site [1]. It streams too [2].']);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('asks the last question again in place of its answer', async () => {
    const element = await answered('answer me twice');
    const again = oneEvent(element, 'jarvis-answer');
    part(element, 'regenerate')!.click();
    await again;
    await element.updateComplete;
    expect(answers(element)).to.have.length(1);
    expect(getComputedStyle(part(element, 'regenerate')!).display).to.not.equal('none');
  });

  it('shows a timestamp under every message', async () => {
    const element = await answered('what time is it');
    const times = [...element.shadowRoot!.querySelectorAll('time')];
    expect(times).to.have.length(2);
    expect(Date.now() - Date.parse(times[0]!.getAttribute('datetime')!)).to.be.lessThan(60_000);
  });

  it('sends the identity from identify() with every question until reset()', async () => {
    const element = await answered('before identify');
    const signature = 'ab'.repeat(32);
    element.identify({ id: 'user-1', name: 'Ada', email: 'ada@example.com', plan: 'pro' }, signature);
    await element.send('after identify');
    expect((await seenByServer('after identify'))?.input.identity).to.deep.equal({
      id: 'user-1',
      name: 'Ada',
      email: 'ada@example.com',
      attributes: { plan: 'pro' },
      signature,
    });
    expect((await seenByServer('before identify'))?.input.identity).to.equal(undefined);
    element.reset();
    await element.send('after logout');
    expect((await seenByServer('after logout'))?.input.identity).to.equal(undefined);
  });

  it('says when the browser is offline and blocks sending until it is back', async () => {
    const element = await answered('online question');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    // The browser's network state cannot be switched from a page; its getter and events are.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await element.updateComplete;
      expect(part(element, 'offline')!.textContent).to.contain('You are offline');
      expect(part<HTMLButtonElement>(element, 'send')!.disabled).to.equal(true);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    expect(navigator.onLine).to.equal(onLine.get!.call(navigator));
    window.dispatchEvent(new Event('online'));
    await element.updateComplete;
    expect(part(element, 'offline')).to.equal(null);
  });

  it('puts the launcher in the corner set by position', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat position="bottom-left"></jarvis-chat>`);
    expect(part(element, 'launcher')!.getBoundingClientRect().left).to.equal(20);
  });
});
