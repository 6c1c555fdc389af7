import { expect, fixture, html } from '@open-wc/testing';
import { renderAnswerText } from './render-answer-text.js';

const sources = [{ number: 1, url: 'https://docs.example/install', title: 'Install' }];

describe('renderAnswerText', () => {
  it('renders fenced code as a code block and prose as paragraphs with citations', async () => {
    const element = await fixture(
      html`<div>${renderAnswerText('To install, run: [1]\n\n```sh\nnpm i x\n```\n\nDone.', sources)}</div>`,
    );
    expect(element.querySelector('pre code')!.textContent).to.equal('npm i x');
    expect(
      [...element.querySelectorAll('p')].map((p) => p.textContent?.replace(/\s+/g, ' ').trim()),
    ).to.deep.equal(['To install, run: 1', 'Done.']);
    expect(element.querySelector('sup a')!.getAttribute('href')).to.equal('https://docs.example/install');
  });

  it('shows an unfinished code block while it streams', async () => {
    const element = await fixture(html`<div>${renderAnswerText('Run:\n\n```sh\nnpm i', sources)}</div>`);
    expect(element.querySelector('pre code')!.textContent).to.equal('npm i');
  });

  it('leaves citations of unknown sources as plain text', async () => {
    const element = await fixture(html`<div>${renderAnswerText('See [7].', sources)}</div>`);
    expect(element.querySelector('a')).to.equal(null);
    expect(element.textContent).to.contain('See [7].');
  });
});

describe('renderAnswerText line breaks and unsafe sources', () => {
  it('renders single newlines as line breaks inside a paragraph', async () => {
    const element = await fixture(html`<div>${renderAnswerText('First line\nsecond line', sources)}</div>`);
    expect(element.querySelectorAll('p')).to.have.length(1);
    expect(element.querySelectorAll('p br')).to.have.length(1);
  });

  it('keeps the citation of a source whose URL is not http(s) as plain text', async () => {
    const unsafe = [{ number: 1, url: 'javascript:alert(1)', title: 'x' }];
    const element = await fixture(html`<div>${renderAnswerText('See [1].', unsafe)}</div>`);
    expect(element.querySelector('a')).to.equal(null);
    expect(element.textContent).to.contain('See [1].');
  });
});
