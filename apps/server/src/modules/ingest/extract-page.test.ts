import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractPage } from './extract-page.js';

const fixtures = new URL('../../../../../../shared/fixtures/sites/', import.meta.url);
const haveFixtures = existsSync(fixtures);
if (!haveFixtures)
  console.warn('Skipping extraction tests on the fixture sites: ../shared/fixtures is absent.');

const page = `<!doctype html><html><head><title>Refunds – Shop</title><link rel="canonical" href="/help/refunds"></head>
<body>
<header><h1>Shop</h1><a href="/">Home</a></header>
<nav><a href="/help/">Help</a><a href="/help/shipping#top">Shipping</a></nav>
<div class="cookie-banner">We use cookies. Accept?</div>
<main><article>
<header><h1>Refunds</h1></header>
<p>We offer refunds within <strong>30 days</strong> of purchase. See the <a href="../terms">terms</a> for details of what counts as a purchase and what does not.</p>
<img src="img/refund-flow.png" alt="Refund flow">
<h2>How to ask</h2>
<p>Write to us with your order number and we will answer within two working days, every time, without fail.</p>
<div class="highlight-sh"><pre><span></span>curl -X POST https://shop.example/refunds \\
  -d order=123
# a comment, not a heading</pre></div>
<h2>Deadlines</h2>
<table><tr><th>Item</th><th>Days</th></tr><tr><td>Books</td><td>30</td></tr><tr><td>Food | drink</td><td>7</td></tr></table>
<p>Deadlines are counted in calendar days from the day the parcel arrives at your door.</p>
</article></main>
<footer>© Shop Ltd. <a href="mailto:x@example.com">Mail</a></footer>
</body></html>`;

describe('extractPage', () => {
  const result = extractPage(page, 'https://shop.example/help/refunds/index.html');

  it('takes the title from the article heading, not the site header', () => {
    expect(result.title).toBe('Refunds');
    expect(result.markdown.startsWith('# Refunds\n')).toBe(true);
  });

  it('drops navigation, header, footer and the cookie banner', () => {
    expect(result.markdown).not.toMatch(/cookies|© Shop|\[Home\]|Shipping/);
  });

  it('keeps headings as ATX headings', () => {
    expect(result.markdown).toContain('\n## How to ask\n');
    expect(result.markdown).toContain('\n## Deadlines\n');
  });

  it('fences code blocks with their language, even without a <code> element', () => {
    expect(result.markdown).toContain(
      '```sh\ncurl -X POST https://shop.example/refunds \\\n  -d order=123\n# a comment, not a heading\n```',
    );
  });

  it('turns tables into pipe tables', () => {
    expect(result.markdown).toContain(
      '| Item | Days |\n| --- | --- |\n| Books | 30 |\n| Food \\| drink | 7 |',
    );
  });

  it('resolves relative links and images in the content against the page URL', () => {
    expect(result.markdown).toContain('[terms](https://shop.example/help/terms)');
    expect(result.markdown).toContain(
      '![Refund flow](https://shop.example/help/refunds/img/refund-flow.png)',
    );
  });

  it('collects absolute links without fragments from the whole page, and the canonical URL', () => {
    expect(result.links).toContain('https://shop.example/help/shipping');
    expect(result.links).toContain('https://shop.example/');
    expect(result.links.some((link) => link.startsWith('mailto:'))).toBe(false);
    expect(result.canonicalUrl).toBe('https://shop.example/help/refunds');
    expect(result.needsJavaScript).toBe(false);
  });

  it('honours <base href> when resolving links', () => {
    const based = extractPage(
      '<base href="https://cdn.example/docs/"><a href="guide.html">Guide</a>',
      'https://a.example/',
    );
    expect(based.links).toEqual(['https://cdn.example/docs/guide.html']);
  });

  it("takes the page's one <article> whole, short link-only notes too, with its other h1s as h2", () => {
    const marked = extractPage(
      `<html><head><title>Records</title></head><body><nav><a href="/">Home</a></nav><main><article>
<h1>Records</h1>
<p>${'Records belong to a collection. Each one is a JSON object with an id and a last_modified field, which the server sets. '.repeat(5)}</p>
<h1>Permissions</h1>
<div class="admonition note"><p>Note</p><p>See <a href="/perms">permissions</a> and <a href="/errors">errors</a>.</p></div>
<h2>Filtering</h2>
<p>Records can be filtered on any field with query parameters, and sorted with <code>_sort</code>.</p>
</article></main></body></html>`,
      'https://docs.example/records.html',
    );
    expect(marked.markdown).toMatch(/^# Records\n/);
    expect(marked.markdown).toContain('\n## Permissions\n');
    expect(marked.markdown).toContain('See [permissions](https://docs.example/perms) and');
    expect(marked.markdown).toContain('\n## Filtering\n');
  });

  it('does not take a small <article> beside the main text for the content', () => {
    const text = 'The museum is open every day but Monday, from ten in the morning to six at night. ';
    const card = extractPage(
      `<html><body><div class="page"><h1>Visit</h1><p>${text.repeat(6)}</p></div>
<article class="card"><p>Members get in free.</p></article></body></html>`,
      'https://museum.example/visit',
    );
    expect(card.markdown).toContain('The museum is open every day');
  });

  it('falls back to the body when readability finds no article', () => {
    const short = extractPage(
      '<html><body><p>Opening hours: 9 to 5.</p></body></html>',
      'https://a.example/hours',
    );
    expect(short.markdown).toContain('Opening hours: 9 to 5.');
    expect(short.title).toBe('/hours');
  });

  it.each([
    ['an empty root div', '<div id="root"></div><script src="/app.js"></script>'],
    ['a Next.js shell', '<div id="__next"></div>'],
    ['a noscript plea', '<noscript>You need to enable JavaScript to run this app.</noscript><div></div>'],
    ['scripts and almost no text', '<p>Loading…</p><script src="/bundle.js"></script>'],
  ])('flags %s as needing JavaScript', (_name, body) => {
    expect(extractPage(`<html><body>${body}</body></html>`, 'https://app.example/').needsJavaScript).toBe(
      true,
    );
  });

  it('does not flag a short static page without scripts', () => {
    expect(
      extractPage('<html><body><p>Call us.</p></body></html>', 'https://a.example/').needsJavaScript,
    ).toBe(false);
  });

  it.skipIf(!haveFixtures)(
    'extracts a real MkDocs page without its navigation (needs ../shared)',
    async () => {
      const html = await readFile(new URL('drf/api-guide/serializers/index.html', fixtures), 'utf8');
      const result = extractPage(html, 'http://127.0.0.1:8000/api-guide/serializers/');
      expect(result.title).toBe('Serializers');
      expect(result.markdown).toMatch(/^## Serializers$/m);
      expect(result.markdown).toMatch(/^### Declaring Serializers$/m);
      expect(result.markdown).toContain(
        '```\nfrom rest_framework import serializers\n\nclass CommentSerializer',
      );
      // The site navigation lists every guide; none of that may leak into the content.
      expect(result.markdown).not.toMatch(
        /Django REST framework\s*\n\s*- Home|Edit on GitHub|Table of contents/,
      );
      expect(result.canonicalUrl).toBe('https://www.django-rest-framework.org/api-guide/serializers/');
      expect(result.links).toContain('http://127.0.0.1:8000/api-guide/views/');
      expect(result.needsJavaScript).toBe(false);
    },
  );

  it.skipIf(!haveFixtures)(
    'extracts a real Sphinx page with its code and field tables (needs ../shared)',
    async () => {
      const html = await readFile(new URL('kinto/core/resource.html', fixtures), 'utf8');
      const result = extractPage(html, 'http://127.0.0.1:8000/core/resource.html');
      expect(result.title).toBe('Resource');
      expect(result.markdown).toMatch(/^## URLs$/m);
      expect(result.markdown).toContain('```python\nimport colander\n');
      expect(result.markdown).toContain('| Return type: | int |');
      expect(result.markdown).not.toMatch(/Next\s*Previous|Built with Sphinx|¶/);
      expect(result.links).toContain('http://127.0.0.1:8000/core/index.html');
    },
  );

  it.skipIf(!haveFixtures)(
    'keeps the sections of a real Sphinx page that Readability used to drop (needs ../shared)',
    async () => {
      const html = await readFile(new URL('kinto/api/1.x/records.html', fixtures), 'utf8');
      const result = extractPage(html, 'http://127.0.0.1:8000/api/1.x/records.html');
      expect(result.markdown).toContain(
        'In the JSON request payloads, an optional `permissions` attribute can be provided.',
      );
      expect(result.markdown).toContain('JSON-Patch');
    },
  );
});
