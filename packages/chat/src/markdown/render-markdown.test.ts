import { expect, fixture, html } from '@open-wc/testing';
import { type MarkdownContext, renderMarkdown } from './render-markdown.js';

const copied: string[] = [];
const context: MarkdownContext = {
  sources: [{ number: 1, url: 'https://docs.example/install', title: 'Install' }],
  copyCodeLabel: 'Copy',
  sourceLabel: 'Source',
  copy: (text) => copied.push(text),
};
const render = (text: string) => fixture<HTMLElement>(html`<div>${renderMarkdown(text, context)}</div>`);

describe('renderMarkdown', () => {
  it('draws headings, emphasis, inline code, lists and tables', async () => {
    const element = await render(
      '## Install\n\nRun **this** with `npm` and *care*.\n\n- one\n- two\n\n3. three\n4. four\n\n| a | b |\n|---|--:|\n| 1 | 2 |',
    );
    const heading = element.querySelector('[role="heading"]')!;
    expect(heading.textContent?.trim()).to.equal('Install');
    expect(heading.getAttribute('aria-level')).to.equal('4');
    expect(element.querySelector('strong')!.textContent).to.equal('this');
    expect(element.querySelector('em')!.textContent).to.equal('care');
    expect(element.querySelector('p code')!.textContent).to.equal('npm');
    expect([...element.querySelectorAll('ul li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    expect(element.querySelector('ol')!.getAttribute('start')).to.equal('3');
    expect([...element.querySelectorAll('th')].map((th) => th.textContent)).to.deep.equal(['a', 'b']);
    expect([...element.querySelectorAll('td')].map((td) => td.textContent)).to.deep.equal(['1', '2']);
    expect(element.querySelectorAll('td')[1]!.className).to.equal('align-right');
  });

  it('renders fenced code with a copy button that copies exactly the code', async () => {
    const element = await render('Run:\n\n```sh\nnpm i x\nnpx x\n```\n\nDone.');
    expect(element.querySelector('pre code')!.textContent).to.equal('npm i x\nnpx x');
    element.querySelector<HTMLButtonElement>('.copy-code')!.click();
    expect(copied.at(-1)).to.equal('npm i x\nnpx x');
  });

  it('shows an unfinished code block while it streams', async () => {
    const element = await render('Run:\n\n```sh\nnpm i');
    expect(element.querySelector('pre code')!.textContent).to.equal('npm i');
  });

  it('opens web links in a new tab without access to the page, and links bare URLs', async () => {
    const element = await render('See [the docs](https://docs.example/a) or https://docs.example/b.');
    const links = [...element.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.href, a.target, a.rel])).to.deep.equal([
      ['the docs', 'https://docs.example/a', '_blank', 'noopener noreferrer'],
      ['https://docs.example/b', 'https://docs.example/b', '_blank', 'noopener noreferrer'],
    ]);
  });

  it('keeps the text of javascript:, data: and relative links but not the link', async () => {
    const element = await render(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](/local)',
    );
    expect(element.querySelectorAll('a')).to.have.length(0);
    expect(element.textContent).to.contain('b');
    expect(element.textContent).to.contain('d');
  });

  it('links citations of known web sources only; line breaks stay inside a paragraph', async () => {
    const element = await render('First [1]\nsecond [7]');
    expect(element.querySelectorAll('p')).to.have.length(1);
    expect(element.querySelectorAll('p br')).to.have.length(1);
    const citation = element.querySelector<HTMLAnchorElement>('sup a')!;
    expect([citation.textContent, citation.href, citation.getAttribute('aria-label')]).to.deep.equal([
      '1',
      'https://docs.example/install',
      'Source 1: Install',
    ]);
    expect(element.textContent).to.contain('[7]');
  });
});
