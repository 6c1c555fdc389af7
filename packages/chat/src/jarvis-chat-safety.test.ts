import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JarvisChat } from './jarvis-chat.js';

// The echo bot of test-support/fake-jarvis-server.mjs answers with the question itself and cites six
// sources whose titles are HTML and whose URLs are javascript:, data:, vbscript: and the like.
const payloads = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<style>*{display:none}</style><object data="javascript:window.__pwned=1"></object>',
  '[click](javascript:window.__pwned=1)',
  '[click](JAVASCRIPT:window.__pwned=1)',
  '[click]( javascript:window.__pwned=1 )',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[click](vbscript:msgbox(1))',
  '[**<img src=x onerror=window.__pwned=1>**](javascript:window.__pwned=1)',
  '`<img src=x onerror=window.__pwned=1>`',
  '```html\n<script>window.__pwned=1</script>\n```',
  '| <img src=x onerror=window.__pwned=1> | b |\n|---|---|\n| [y](javascript:window.__pwned=1) | c |',
  '## <img src=x onerror=window.__pwned=1>\n\n- <script>window.__pwned=1</script>',
  'https://ok.example/"onmouseover="window.__pwned=1 see [1] [2] [3] [4] [5] [6]',
];

const pwned = () => (window as { __pwned?: unknown }).__pwned;

describe('<jarvis-chat> with hostile answers and sources', () => {
  beforeEach(() => localStorage.clear());

  it('runs no script and renders no unsafe element, attribute or link for any payload', async () => {
    const element = await fixture<JarvisChat>(
      html`<jarvis-chat bot="pk_test_echo_1234" mode="inline"></jarvis-chat>`,
    );
    const root = element.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="starters"]'), 'the config loaded');
    for (const payload of payloads) {
      await element.send(payload);
      await element.updateComplete;
      const bubbles = [...root.querySelectorAll('[part~="message"]')];
      const answer = bubbles.at(-1)!;
      // The question, as the visitor typed it, is shown verbatim as text.
      expect(bubbles.at(-2)!.querySelector('.text')!.textContent).to.equal(payload);
      for (const bubble of bubbles) {
        expect(
          bubble.querySelector('script, img, iframe, object, embed, style, form:not(.feedback)'),
          payload,
        ).to.equal(null);
        for (const svg of bubble.querySelectorAll('svg'))
          expect(svg.closest('[part~="actions"]'), `${payload}: an svg outside the buttons`).to.not.equal(
            null,
          );
        for (const node of bubble.querySelectorAll('*')) {
          const handlers = node.getAttributeNames().filter((name) => name.startsWith('on'));
          expect(handlers, payload).to.deep.equal([]);
        }
        for (const link of bubble.querySelectorAll<HTMLAnchorElement>('a[href]')) {
          expect(['http:', 'https:'], `${payload}: ${link.href}`).to.include(new URL(link.href).protocol);
          expect(link.rel).to.equal('noopener noreferrer');
        }
      }
      // Source titles show as text, never as markup.
      expect(answer.querySelector('[part~="sources"]')!.textContent).to.contain(
        '<script>window.__pwned=1</script>',
      );
    }
    // Give any injected handler (onerror, onload) time to fire.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pwned()).to.equal(undefined);
    // The only link among the sources is the one https URL, its quotes escaped in the attribute.
    const sourceLinks = [...root.querySelectorAll<HTMLAnchorElement>('[part~="sources"] a')];
    expect(new Set(sourceLinks.map((link) => link.href))).to.deep.equal(
      new Set(['https://ok.example/%22%3E%3Cimg%20src=x%20onerror=window.__pwned=1%3E']),
    );
  });
});
