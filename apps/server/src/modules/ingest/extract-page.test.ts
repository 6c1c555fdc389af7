import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractPage } from './extract-page.js';

const fixtures = new URL('../../../../../../shared/fixtures/sites/', import.meta.url);
const haveFixtures = existsSync(fixtures);

const page = `<!doctype html><html><head><title>Refunds – Shop</title><link rel="canonical" href="/help/refunds"></head>
<body>
<header><a href="/">Home</a></header>
<nav><a href="/help/">Help</a><a href="/help/shipping#top">Shipping</a></nav>
<div class="cookie-banner">We use cookies. Accept?</div>
<main><article>
<h1>Refunds</h1>
<p>We offer refunds within <strong>30 days</strong> of purchase. See the <a href="../terms">terms</a> for details of what counts as a purchase and what does not.</p>
<h2>How to ask</h2>
<p>Write to us with your order number and we will answer within two working days, every time, without fail.</p>
<pre><code class="language-sh">curl -X POST https://shop.example/refunds</code></pre>
</article></main>
<footer>© Shop Ltd. <a href="mailto:x@example.com">Mail</a></footer>
</body></html>`;

describe('extractPage', () => {
  it('keeps the main content as Markdown with headings and code, without chrome', () => {
    const result = extractPage(page, 'https://shop.example/help/refunds/index.html');
    expect(result.title).toBe('Refunds');
    expect(result.markdown).toContain('## How to ask');
    expect(result.markdown).toContain('```');
    expect(result.markdown).toContain('curl -X POST');
    expect(result.markdown).not.toMatch(/cookies|© Shop/);
    expect(result.markdown).toContain('(https://shop.example/help/terms)');
  });

  it('collects absolute links without fragments, and the canonical URL', () => {
    const result = extractPage(page, 'https://shop.example/help/refunds/index.html');
    expect(result.links).toContain('https://shop.example/help/shipping');
    expect(result.links).toContain('https://shop.example/');
    expect(result.links.some((link) => link.startsWith('mailto:'))).toBe(false);
    expect(result.canonicalUrl).toBe('https://shop.example/help/refunds');
    expect(result.needsJavaScript).toBe(false);
  });

  it('flags an app shell that needs JavaScript', () => {
    const shell = '<html><body><div id="root"></div><script src="/app.js"></script></body></html>';
    expect(extractPage(shell, 'https://app.example/').needsJavaScript).toBe(true);
  });

  it.skipIf(!haveFixtures)(
    'extracts a real MkDocs page without its navigation (needs ../shared)',
    async () => {
      const html = await readFile(new URL('drf/api-guide/serializers/index.html', fixtures), 'utf8');
      const result = extractPage(html, 'http://127.0.0.1/api-guide/serializers/');
      expect(result.title).toMatch(/Serializers/);
      expect(result.markdown).toMatch(/^#+ /m);
      expect(result.markdown).toContain('ModelSerializer');
      expect(result.markdown.length).toBeGreaterThan(5000);
      expect(result.links.length).toBeGreaterThan(20);
    },
  );

  it.skipIf(!haveFixtures)('extracts a real Sphinx page (needs ../shared)', async () => {
    const html = await readFile(new URL('kinto/index.html', fixtures), 'utf8');
    const result = extractPage(html, 'http://127.0.0.1/index.html');
    expect(result.title).toMatch(/Kinto/);
    expect(result.markdown.length).toBeGreaterThan(300);
  });
});
