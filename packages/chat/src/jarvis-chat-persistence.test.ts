import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JarvisChat } from './jarvis-chat.js';

const part = (element: JarvisChat, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const questions = (element: JarvisChat) =>
  [...element.shadowRoot!.querySelectorAll('[data-role="user"] .text')].map((each) => each.textContent);

async function seenByServer(question: string) {
  const response = await fetch(`/__fake/requests?question=${encodeURIComponent(question)}`);
  return (await response.json()) as { input: { conversationId?: string } } | null;
}

async function chat(bot = 'pk_test_ok_1234') {
  const element = await fixture<JarvisChat>(html`<jarvis-chat bot=${bot} mode="inline"></jarvis-chat>`);
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="composer"]') && !part(element, 'typing'));
  return element;
}

describe('<jarvis-chat> persistence', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the conversation across a reload and continues it on the server', async () => {
    const first = await chat();
    await first.send('remember me across reloads');
    fixtureCleanup();

    // A new element for the same bot is what the page has after a reload or navigation.
    const again = await chat();
    expect(questions(again)).to.deep.equal(['remember me across reloads']);
    expect(again.shadowRoot!.textContent).to.contain('It streams too');
    await again.send('a follow-up after reload');
    const conversationId = (await seenByServer('a follow-up after reload'))?.input.conversationId;
    expect(conversationId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('starts over from the "New chat" button, forgetting the saved copy', async () => {
    const element = await chat();
    await element.send('to be forgotten');
    await element.updateComplete;
    part(element, 'reset')!.click();
    await element.updateComplete;
    expect(questions(element)).to.deep.equal([]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('jarvis-chat:'))).to.deep.equal([]);
    fixtureCleanup();
    expect(questions(await chat())).to.deep.equal([]);
  });

  it('keeps two widgets for different bots on one page apart', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <jarvis-chat bot="pk_test_ok_1234" mode="inline"></jarvis-chat>
      <jarvis-chat bot="pk_test_markdown_1234" mode="inline"></jarvis-chat>
    </div>`);
    const [one, other] = [...page.querySelectorAll('jarvis-chat')] as JarvisChat[];
    await one!.send('only for the first bot');
    await other!.updateComplete;
    expect(questions(one!)).to.deep.equal(['only for the first bot']);
    expect(questions(other!)).to.deep.equal([]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('jarvis-chat:'))).to.deep.equal([
      `jarvis-chat:${location.origin}:pk_test_ok_1234`,
    ]);
  });

  it('reset() clears the saved conversation, so the next visitor starts clean', async () => {
    const element = await chat();
    await element.send('a private question');
    element.reset();
    fixtureCleanup();
    expect(questions(await chat())).to.deep.equal([]);
  });
});
