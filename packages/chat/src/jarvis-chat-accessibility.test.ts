import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type AxeCore from 'axe-core';
import './define.js';
import type { JarvisChat } from './jarvis-chat.js';

const part = <T extends HTMLElement = HTMLElement>(element: JarvisChat, name: string) =>
  element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** axe-core's browser build registers `window.axe`; its CommonJS main cannot be imported as a module. */
async function loadAxe(): Promise<typeof AxeCore> {
  await import('axe-core/axe.min.js' as string);
  return (window as unknown as { axe: typeof AxeCore }).axe;
}

/** A floating widget, opened, with one finished answer in it. */
async function openWithAnswer(theme: 'light' | 'dark') {
  const element = await fixture<JarvisChat>(
    html`<jarvis-chat bot="pk_test_markdown_1234" theme=${theme}></jarvis-chat>`,
  );
  element.open();
  await waitUntil(() => part(element, 'starters'), 'the config loaded');
  await element.send('show me everything');
  await element.updateComplete;
  // Mid-way through the opening fade the panel is see-through, and axe would measure its contrast
  // against the page behind it; visitors read it once it has settled.
  await Promise.all(
    part(element, 'panel')!
      .getAnimations()
      .map((animation) => animation.finished),
  );
  return element;
}

describe('<jarvis-chat> accessibility', () => {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no WCAG 2.1 A/AA violations (contrast included) when open with an answer, ${theme} theme`, async () => {
      const axe = await loadAxe();
      const element = await openWithAnswer(theme);
      const results = await axe.run(element, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      const violations = results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      expect(violations).to.deep.equal([]);
      expect(results.passes.some((rule) => rule.id === 'color-contrast')).to.equal(true);
    });
  }

  it('uses the dark palette for theme="auto" when the system is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_ok_1234" theme="auto" open></jarvis-chat>`,
    );
    expect(getComputedStyle(part(element, 'panel')!).backgroundColor).to.equal('rgb(17, 24, 39)');
    element.theme = 'light';
    await element.updateComplete;
    expect(getComputedStyle(part(element, 'panel')!).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('covers a phone screen, locks the page scroll and keeps Tab inside the panel', async () => {
    // No opening animation, so the panel is measured where it ends up.
    await emulateMedia({ reducedMotion: 'reduce' });
    await setViewport({ width: 375, height: 640 });
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234"></jarvis-chat>`);
    part<HTMLButtonElement>(element, 'launcher')!.click();
    await waitUntil(() => part(element, 'starters'));
    const panel = part(element, 'panel')!.getBoundingClientRect();
    expect([panel.left, panel.top, panel.width, panel.height]).to.deep.equal([0, 0, 375, 640]);
    expect(document.documentElement.style.overflow).to.equal('hidden');
    expect(part(element, 'panel')!.getAttribute('aria-modal')).to.equal('true');
    expect(getComputedStyle(part(element, 'input')!).fontSize).to.equal('16px');

    part(element, 'send')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'close'));
    await sendKeys({ press: 'Shift+Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'send'));

    const closed = oneEvent(element, 'jarvis-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await element.updateComplete;
    expect(document.documentElement.style.overflow).to.equal('');
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'launcher'));
  });

  it('opens without animation when the visitor prefers reduced motion', async () => {
    const element = await fixture<JarvisChat>(html`<jarvis-chat bot="pk_test_ok_1234" open></jarvis-chat>`);
    expect(getComputedStyle(part(element, 'panel')!).animationName).to.equal('jarvis-open');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(part(element, 'panel')!).animationName).to.equal('none');
  });
});
