import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { JarvisAnswerEvent } from './events/jarvis-answer-event.js';
import type { JarvisErrorEvent } from './events/jarvis-error-event.js';
import type { JarvisChat } from './jarvis-chat.js';

// The element talks to test-support/fake-jarvis-server.mjs through the real tRPC transport.

const shadow = (element: JarvisChat) => element.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(element: JarvisChat, name: string) =>
  shadow(element).querySelector<T>(`[part~="${name}"]`);
const answers = (element: JarvisChat) => [
  ...shadow(element).querySelectorAll<HTMLElement>('[part~="message"][data-role="assistant"][data-status]'),
];
const lastAnswer = (element: JarvisChat) => answers(element).at(-1)!;

async function inlineChat(bot = 'pk_test_ok_1234') {
  const element = await fixture<JarvisChat>(html`<jarvis-chat bot=${bot} mode="inline"></jarvis-chat>`);
  await waitUntil(() => part(element, 'starters'), 'the config loaded');
  return element;
}

async function seenByServer(question: string) {
  const response = await fetch(`/__fake/requests?question=${encodeURIComponent(question)}`);
  return (await response.json()) as { input: { conversationId?: string }; abortedByClient: boolean } | null;
}

describe('<jarvis-chat>', () => {
  // Conversations are saved per bot in localStorage; every test starts with none.
  beforeEach(() => localStorage.clear());

  it('shows the greeting, starter questions, placeholder and colour from the server', async () => {
    const element = await inlineChat();
    expect(shadow(element).textContent).to.contain('Hello from the test bot.');
    const starters = [...part(element, 'starters')!.querySelectorAll('button')].map((b) =>
      b.textContent?.trim(),
    );
    expect(starters).to.deep.equal(['What is Jarvis?', 'How do I install it?']);
    expect(part<HTMLTextAreaElement>(element, 'input')!.placeholder).to.equal('Ask the test bot…');
    expect(getComputedStyle(element).getPropertyValue('--jarvis-accent').trim()).to.equal('#0a7d33');
    expect(part(element, 'panel')!.getAttribute('aria-label')).to.equal('Test bot');
  });

  it("lets the page's --jarvis-accent win over the bot's colour", async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <style>
        .branded { --jarvis-accent: rgb(200, 0, 0); }
      </style>
      <jarvis-chat class="branded" bot="pk_test_ok_1234" mode="inline"></jarvis-chat>
    </div>`);
    const element = page.querySelector('jarvis-chat')!;
    await waitUntil(() => part(element, 'starters'));
    expect(getComputedStyle(part(element, 'send')!).backgroundColor).to.equal('rgb(200, 0, 0)');
  });

  it('sends with Enter, keeps Shift+Enter for new lines, and streams the answer with citations and sources', async () => {
    const element = await inlineChat();
    const input = part<HTMLTextAreaElement>(element, 'input')!;
    input.focus();
    await sendKeys({ type: 'What is' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'Jarvis?' });
    expect(input.value).to.equal('What is\nJarvis?');
    expect(answers(element)).to.have.length(0);

    const message = oneEvent(element, 'jarvis-message');
    const answered = oneEvent(element, 'jarvis-answer') as Promise<JarvisAnswerEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await message).detail).to.deep.equal({ text: 'What is\nJarvis?' });
    expect(input.value).to.equal('');
    expect(part(element, 'starters')).to.equal(null);

    // Part of the answer is on screen, with a Stop button, before the rest has arrived.
    await waitUntil(
      () =>
        lastAnswer(element)?.dataset.status === 'streaming' &&
        lastAnswer(element).textContent?.includes('Jarvis answers') &&
        part(element, 'stop'),
      'a partial answer while streaming',
      { interval: 5 },
    );
    const { detail } = await answered;
    expect(detail).to.deep.include({
      text: 'Jarvis answers from your site [1]. It streams too [2].',
      status: 'complete',
    });
    expect(detail.conversationId).to.match(/^[0-9a-f-]{36}$/);
    expect(detail.sources.map((source) => source.number)).to.deep.equal([1, 2]);

    await element.updateComplete;
    const answer = lastAnswer(element);
    expect(answer.dataset.status).to.equal('complete');
    const citations = [...answer.querySelectorAll<HTMLAnchorElement>('sup a')];
    expect(citations.map((a) => [a.textContent, a.href, a.target, a.rel])).to.deep.equal([
      ['1', 'https://docs.example/intro', '_blank', 'noopener noreferrer'],
      ['2', 'https://docs.example/streaming', '_blank', 'noopener noreferrer'],
    ]);
    const sources = [...answer.querySelectorAll<HTMLAnchorElement>('[part~="sources"] a')];
    expect(sources.map((a) => [a.textContent, a.href, a.target, a.rel])).to.deep.equal([
      ['Intro', 'https://docs.example/intro', '_blank', 'noopener noreferrer'],
      ['Streaming', 'https://docs.example/streaming', '_blank', 'noopener noreferrer'],
    ]);
    expect(shadow(element).querySelector('[aria-live="polite"]')!.textContent).to.equal(
      'Jarvis answers from your site. It streams too.',
    );
    expect(part(element, 'send')).to.not.equal(null);
  });

  it('asks a starter question when it is clicked, and continues the conversation on a follow-up', async () => {
    const element = await inlineChat();
    const first = oneEvent(element, 'jarvis-answer') as Promise<JarvisAnswerEvent>;
    part(element, 'starters')!.querySelector('button')!.click();
    const { conversationId } = (await first).detail;
    // The bubble also holds its time; the question itself is in `.text`.
    expect(shadow(element).querySelector('[data-role="user"] .text')!.textContent).to.equal(
      'What is Jarvis?',
    );

    await element.send('follow-up from the element test');
    expect((await seenByServer('follow-up from the element test'))?.input.conversationId).to.equal(
      conversationId,
    );

    element.reset();
    await element.send('fresh start from the element test');
    expect((await seenByServer('fresh start from the element test'))?.input.conversationId).to.equal(
      undefined,
    );
  });

  it('appends streamed text in place, leaving earlier messages untouched', async () => {
    const element = await inlineChat();
    await element.send('first question for the mutation test');
    await element.updateComplete;
    const earlier = [...shadow(element).querySelectorAll('[part~="message"]')];
    const touched = new Set<Node>();
    const observer = new MutationObserver((records) => {
      for (const record of records) touched.add(record.target);
    });
    observer.observe(part(element, 'messages')!, { subtree: true, childList: true, characterData: true });
    await element.send('second question for the mutation test');
    observer.disconnect();
    for (const message of earlier) {
      expect([...touched].some((node) => message.contains(node))).to.equal(false);
    }
    expect(lastAnswer(element).textContent).to.contain('It streams too');
  });

  it('renders model text and source URLs inert', async () => {
    const element = await inlineChat('pk_test_hostile_1234');
    await element.send('hello');
    await element.updateComplete;
    const answer = lastAnswer(element);
    expect(answer.querySelector('img')).to.equal(null);
    expect(answer.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(answer.querySelector('b')).to.equal(null);
    expect(answer.textContent).to.contain('<b>bold</b>');
    expect(answer.querySelectorAll('a')).to.have.length(0);
    expect(answer.textContent).to.contain('see [1] and [2].');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('stops a streaming answer: the request is aborted and what arrived stays, marked stopped', async () => {
    const element = await inlineChat();
    const question = 'slow please (stop button)';
    const done = element.send(question);
    await waitUntil(() => lastAnswer(element)?.textContent?.includes('Jarvis answers'), 'the first delta', {
      timeout: 3000,
    });
    const answered = oneEvent(element, 'jarvis-answer') as Promise<JarvisAnswerEvent>;
    part<HTMLButtonElement>(element, 'stop')!.click();
    await done;
    expect((await answered).detail.status).to.equal('stopped');
    await element.updateComplete;
    expect(lastAnswer(element).dataset.status).to.equal('stopped');
    expect(lastAnswer(element).textContent).to.contain('Stopped.');
    expect(lastAnswer(element).textContent).not.to.contain('from your site');
    expect(part(element, 'send')).to.not.equal(null);
    expect(shadow(element).activeElement).to.equal(part(element, 'input'));
    await waitUntil(
      async () => (await seenByServer(question))?.abortedByClient,
      'the server saw the hang-up',
    );
  });

  it("shows the server's message for an unknown bot and fires jarvis-error", async () => {
    // Listening on the document proves the event bubbles out of the element and crosses shadow roots.
    const errored = new Promise<JarvisErrorEvent>((resolve) =>
      document.addEventListener('jarvis-error', (event) => resolve(event as JarvisErrorEvent), {
        once: true,
      }),
    );
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_missing_1234" mode="inline"></jarvis-chat>`,
    );
    expect((await errored).detail).to.deep.equal({
      code: 'NOT_FOUND',
      message: 'No bot has this publishable key. Check the bot attribute.',
    });
    await element.updateComplete;
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.equal(
      'No bot has this publishable key. Check the bot attribute.',
    );
    expect(part<HTMLTextAreaElement>(element, 'input')!.disabled).to.equal(true);
    expect(part(element, 'retry')).to.not.equal(null);
  });

  it('shows an error from the stream with a retry button that asks again', async () => {
    const element = await inlineChat();
    const errored = oneEvent(element, 'jarvis-error') as Promise<JarvisErrorEvent>;
    await element.send('fail please');
    expect((await errored).detail).to.deep.equal({ code: 'BAD_REQUEST', message: 'question: too long' });
    await element.updateComplete;
    expect(lastAnswer(element).querySelector('[role="alert"]')!.textContent).to.equal('question: too long');
    const erroredAgain = oneEvent(element, 'jarvis-error');
    part<HTMLButtonElement>(element, 'retry')!.click();
    await erroredAgain;
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('[data-role="user"]')).to.have.length(1);
    expect(answers(element)).to.have.length(1);
  });

  it('follows a streaming answer to the bottom unless the visitor scrolls up', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" mode="inline" style="height: 220px"></jarvis-chat>`,
    );
    await waitUntil(() => part(element, 'starters'));
    const list = part(element, 'messages')!;
    await element.send('a first question to fill the list');
    await element.send('a second question to fill the list');
    await element.updateComplete;
    expect(list.scrollHeight).to.be.greaterThan(list.clientHeight);
    expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.lessThan(2);

    const done = element.send('slow please (scrolling)');
    await waitUntil(() => lastAnswer(element)?.textContent?.includes('Jarvis answers'), 'the first delta', {
      timeout: 3000,
    });
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await done;
    await element.updateComplete;
    expect(list.scrollTop).to.equal(0);
  });

  it('opens from the launcher, closes on Escape and gives focus back to the launcher', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234"></jarvis-chat>`);
    const launcher = part<HTMLButtonElement>(element, 'launcher')!;
    // The closed widget is the launcher alone: the panel's script loads on first open.
    expect(part(element, 'panel')).to.equal(null);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');

    const opened = oneEvent(element, 'jarvis-open');
    launcher.click();
    await opened;
    await element.updateComplete;
    const panel = part(element, 'panel')!;
    expect(panel.hidden).to.equal(false);
    expect(element.hasAttribute('open')).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(shadow(element).activeElement).to.equal(part(element, 'input'));

    const closed = oneEvent(element, 'jarvis-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await element.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(element.hasAttribute('open')).to.equal(false);
    expect(shadow(element).activeElement).to.equal(launcher);
  });

  it('offers open(), close(), toggle(), send() and reset()', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234"></jarvis-chat>`);
    const events: string[] = [];
    for (const type of ['jarvis-open', 'jarvis-close'] as const)
      element.addEventListener(type, () => events.push(type));
    element.open();
    element.open();
    expect(element.isOpen).to.equal(true);
    element.toggle();
    expect(element.isOpen).to.equal(false);
    element.toggle();
    element.close();
    expect(events).to.deep.equal(['jarvis-open', 'jarvis-close', 'jarvis-open', 'jarvis-close']);

    await element.send('a question before reset()');
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('[data-role="user"]')).to.have.length(1);
    element.reset();
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('[data-role="user"]')).to.have.length(0);
    expect(part(element, 'starters')).to.not.equal(null);
  });

  it('reads api at run time and talks to that server', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" api=${location.origin} mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => part(element, 'starters'));
    element.api = 'http://127.0.0.1:9';
    const errored = oneEvent(element, 'jarvis-error') as Promise<JarvisErrorEvent>;
    expect((await errored).detail.code).to.equal('NETWORK');
  });
});
