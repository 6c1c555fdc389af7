import { afterAll, describe, expect, it } from 'vitest';
import { extractPage } from './extract-page.js';
import { createPageExtractorPool } from './extract-page-pool.js';

const page = (title: string) => `<!doctype html><html><head><title>${title} – Docs</title></head><body>
<nav><a href="/">Home</a> <a href="/guide/">Guide</a></nav>
<main><article><h1>${title}</h1>
<p>${title} explains how the widget answers questions from the pages of your own site, with sources.</p>
<h2>Settings</h2><p>Every setting has a default, so the widget works before you change anything at all.</p>
<a href="../next.html#top">Next</a></article></main>
<footer>© Docs</footer></body></html>`;

describe('createPageExtractorPool', () => {
  const pool = createPageExtractorPool({ size: 2, idleMs: 100 });
  afterAll(() => pool.close());

  it('extracts a page on a worker thread exactly as extractPage does', async () => {
    const html = page('Install');
    const url = 'https://docs.example/guide/install.html';
    expect(await pool.extract(html, url)).toEqual(extractPage(html, url));
  });

  it('gives each of many concurrent pages its own result', async () => {
    const titles = Array.from({ length: 12 }, (_, i) => `Topic ${i}`);
    const pages = await Promise.all(
      titles.map((title, i) => pool.extract(page(title), `https://docs.example/topic-${i}.html`)),
    );
    expect(pages.map((result) => result.title)).toEqual(titles);
    expect(pages[3]!.links).toContain('https://docs.example/next.html');
  });

  it('rejects a page extraction fails on and keeps extracting the next', async () => {
    await expect(pool.extract(page('Broken'), 'not a url')).rejects.toThrow(/invalid url/i);
    expect((await pool.extract(page('After'), 'https://docs.example/after.html')).title).toBe('After');
  });

  it('ends idle threads and starts them again for the next page', async () => {
    await pool.extract(page('Before'), 'https://docs.example/before.html');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await pool.extract(page('Later'), 'https://docs.example/later.html')).title).toBe('Later');
  });

  it('starts a thread on warm-up that takes the first page, and lets it end when idle', async () => {
    const warmed = createPageExtractorPool({ size: 1, idleMs: 100 });
    warmed.warmUp();
    warmed.warmUp();
    expect((await warmed.extract(page('Warm'), 'https://docs.example/warm.html')).title).toBe('Warm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await warmed.extract(page('Again'), 'https://docs.example/again.html')).title).toBe('Again');
    await warmed.close();
  });

  it('fails the pages in flight when it is closed, and works again afterwards', async () => {
    const inFlight = [1, 2, 3, 4, 5].map((i) =>
      pool.extract(page('Closing'), `https://docs.example/${i}.html`),
    );
    const outcomes = inFlight.map((extraction) => expect(extraction).rejects.toThrow(/closed/));
    await pool.close();
    await Promise.all(outcomes);
    expect((await pool.extract(page('Reopened'), 'https://docs.example/re.html')).title).toBe('Reopened');
  });
});
