import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JarvisChat } from './jarvis-chat.js';

const part = (element: JarvisChat, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const sendLabel = (element: JarvisChat) => part(element, 'send')!.textContent?.trim();

describe('<jarvis-chat> languages', () => {
  const pageLanguage = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = pageLanguage;
  });

  it('takes its language from the lang attribute', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat lang="es" mode="inline"></jarvis-chat>`);
    expect(sendLabel(element)).to.equal('Enviar');
    expect(part(element, 'input')!.getAttribute('placeholder')).to.equal('Haz una pregunta…');
  });

  it("follows the page's language when it has none of its own", async () => {
    document.documentElement.lang = 'de-AT';
    const element = await fixture<JarvisChat>(html`<jarvis-chat mode="inline"></jarvis-chat>`);
    expect(sendLabel(element)).to.equal('Senden');
    const nested = await fixture<HTMLElement>(
      html`<div lang="pt-BR"><jarvis-chat mode="inline"></jarvis-chat></div>`,
    );
    const nestedChat = nested.querySelector<JarvisChat>('jarvis-chat')!;
    // fixture() waited for the <div> only; the element's own update also waits for its language.
    await nestedChat.updateComplete;
    expect(sendLabel(nestedChat)).to.equal('Enviar');
  });

  it('lays Arabic out right to left and switches language at run time with setLocale()', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat lang="ar" mode="inline"></jarvis-chat>`);
    const panel = part(element, 'panel')!;
    expect(panel.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(panel).direction).to.equal('rtl');
    expect(sendLabel(element)).to.equal('إرسال');

    element.setLocale('ja');
    await element.updateComplete;
    expect(panel.getAttribute('dir')).to.equal('ltr');
    expect(element.getAttribute('lang')).to.equal('ja');
    expect(sendLabel(element)).to.equal('送信');
  });

  it("shows the owner's placeholder over the built-in one, and English for unknown languages", async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" lang="zz" mode="inline"></jarvis-chat>`,
    );
    await waitUntil(() => part(element, 'starters'));
    expect(sendLabel(element)).to.equal('Send');
    expect(part(element, 'input')!.getAttribute('placeholder')).to.equal('Ask the test bot…');
  });
});
