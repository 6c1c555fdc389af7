import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JarvisChat } from './jarvis-chat.js';

const shadow = (element: JarvisChat) => element.shadowRoot!;
const lastAnswer = (element: JarvisChat) =>
  [...shadow(element).querySelectorAll<HTMLElement>('[part~="message"][data-role="assistant"]')].at(-1)!;

async function ask(element: JarvisChat, question: string) {
  const input = shadow(element).querySelector('textarea')!;
  input.value = question;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

describe('<jarvis-chat>', () => {
  it('shows the greeting, starter questions and placeholder from the server', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => shadow(element).textContent?.includes('Hello from the test bot.'));
    const starters = [...shadow(element).querySelectorAll('.starters button')].map((b) =>
      b.textContent?.trim(),
    );
    expect(starters).to.deep.equal(['What is Jarvis?', 'How do I install it?']);
    expect(shadow(element).querySelector('textarea')!.placeholder).to.equal('Ask the test bot…');
    expect(getComputedStyle(element).getPropertyValue('--jarvis-accent').trim()).to.equal('#0a7d33');
  });

  it('streams an answer with citation links and numbered sources, and fires events', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => shadow(element).querySelector('.starters'));
    const message = oneEvent(element, 'jarvis-message');
    const answered = oneEvent(element, 'jarvis-answer');
    await ask(element, 'What is Jarvis?');
    expect((await message).detail).to.deep.equal({ text: 'What is Jarvis?' });
    // Part of the answer is on screen before the rest has arrived.
    await waitUntil(
      () =>
        lastAnswer(element)?.getAttribute('data-status') === 'streaming' &&
        lastAnswer(element).textContent?.includes('Jarvis answers'),
    );
    const { detail } = await answered;
    expect(detail.text).to.equal('Jarvis answers from your site [1]. It streams too [2].');
    expect(detail.conversationId).to.equal('c-1');
    await element.updateComplete;
    const answer = lastAnswer(element);
    const citations = [...answer.querySelectorAll<HTMLAnchorElement>('sup.citation a')];
    expect(citations.map((a) => [a.textContent, a.href])).to.deep.equal([
      ['1', 'https://docs.example/intro'],
      ['2', 'https://docs.example/streaming'],
    ]);
    const sources = [...answer.querySelectorAll<HTMLAnchorElement>('[part~="sources"] a')];
    expect(sources.map((a) => [a.textContent, a.target, a.rel])).to.deep.equal([
      ['Intro', '_blank', 'noopener noreferrer'],
      ['Streaming', '_blank', 'noopener noreferrer'],
    ]);
    expect(shadow(element).querySelector('[aria-live]')!.textContent).to.contain(
      'Jarvis answers from your site',
    );
  });

  it('renders hostile model text and source URLs inert', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_hostile_1234" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => shadow(element).querySelector('.starters'));
    await element.send('hello');
    await element.updateComplete;
    await aTimeout(50);
    const answer = lastAnswer(element);
    expect(answer.querySelector('img')).to.equal(null);
    expect(answer.textContent).to.contain('<img src=x onerror=');
    expect(answer.querySelector('a[href^="javascript:"]')).to.equal(null);
    expect(answer.querySelector('b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('stops a streaming answer and keeps what arrived', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => shadow(element).querySelector('.starters'));
    const done = element.send('slow please');
    await waitUntil(() => shadow(element).querySelector('[part~="stop"]'));
    await waitUntil(() => lastAnswer(element).textContent?.includes('Jarvis answers'), 'first delta', {
      timeout: 3000,
    });
    shadow(element).querySelector<HTMLButtonElement>('[part~="stop"]')!.click();
    await done;
    await element.updateComplete;
    expect(lastAnswer(element).getAttribute('data-status')).to.equal('stopped');
    expect(lastAnswer(element).textContent).to.contain('Jarvis answers');
    expect(lastAnswer(element).textContent).not.to.contain('It streams');
    expect(shadow(element).querySelector('[part~="send"]')).to.not.equal(null);
  });

  it('shows the server error for an unknown bot and fires jarvis-error', async () => {
    const errored = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('jarvis-error', (event) => resolve(event as CustomEvent), { once: true }),
    );
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_missing_1234" mode="inline"></jarvis-chat>`,
    );
    expect((await errored).detail).to.deep.equal({
      code: 'NOT_FOUND',
      message: 'No bot has this publishable key. Check the bot attribute.',
    });
    await element.updateComplete;
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain(
      'No bot has this publishable key',
    );
  });

  it('shows an error in the stream with a retry button', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => shadow(element).querySelector('.starters'));
    await element.send('fail please');
    await element.updateComplete;
    expect(lastAnswer(element).querySelector('[role="alert"]')!.textContent).to.contain('question: too long');
    expect(lastAnswer(element).querySelector('.retry')).to.not.equal(null);
  });

  it('opens from the launcher, closes on Escape and gives focus back to the launcher', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234"></jarvis-chat>`);
    const panel = shadow(element).querySelector<HTMLElement>('[part~="panel"]')!;
    expect(panel.hidden).to.equal(true);
    const launcher = shadow(element).querySelector<HTMLButtonElement>('[part~="launcher"]')!;
    const opened = oneEvent(element, 'jarvis-open');
    launcher.click();
    await opened;
    await element.updateComplete;
    expect(panel.hidden).to.equal(false);
    expect(element.hasAttribute('open')).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    const closed = oneEvent(element, 'jarvis-close');
    shadow(element)
      .querySelector('textarea')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await closed;
    await element.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(shadow(element).activeElement).to.equal(launcher);
  });

  it('offers open(), close(), toggle() and reset()', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234"></jarvis-chat>`);
    element.open();
    expect(element.isOpen).to.equal(true);
    element.toggle();
    expect(element.isOpen).to.equal(false);
    await element.send('What is Jarvis?');
    element.reset();
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('[data-role="user"]')).to.have.length(0);
  });
});
