import { Readability } from '@mozilla/readability';
// linkedom's one-file build (its `worker` export, made for worker contexts): the same DOM as the
// main entry, which is some two hundred modules. Every extraction thread loads it before its first
// page, and a crawl starts a thread: 70 ms to import against 180 ms on the bench machine. It is also
// the one file that patches/linkedom@0.18.15.patch must change (see there why it is patched).
import { parseHTML } from 'linkedom/worker';
import { htmlToMarkdown, type MarkdownSource } from './html-to-markdown.js';

/** The main content of an HTML page as Markdown, plus what the crawler needs to go on. */
export interface ExtractedPage {
  title: string;
  /** Main content only, headings kept; starts with the title as `# ` heading. */
  markdown: string;
  /** Absolute http(s) links found anywhere on the page (navigation included), without fragments. */
  links: string[];
  canonicalUrl?: string;
  /** The page looks like an app shell whose content only JavaScript renders. */
  needsJavaScript: boolean;
}

/**
 * Page chrome that readability sometimes keeps, removed before it runs: by tag, ARIA role, class,
 * or a part of the id or class (cookie banners go by many names). Headers and asides inside the
 * article often hold its title or a note, so only those outside main content go. Checked by
 * `isChrome` in the one pass over the page: as a selector list, css-select tried each of its 26
 * selectors on every element, a seventh of an extraction's time.
 */
const chromeTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'nav',
  'footer',
]);
const chromeRoles = new Set(['navigation', 'banner', 'contentinfo']);
const chromeClasses = new Set([
  'cookie',
  'cookies',
  'headerlink',
  'linenos',
  'md-sidebar',
  'md-footer',
  'md-source',
  'wy-nav-side',
  'rst-footer-buttons',
]);
const chromeNameParts = ['cookie-banner', 'cookie-consent'];
const chromeOutsideContent = new Set(['header', 'aside']);

/** What this file reads of linkedom's elements; the server compiles without the DOM library. */
interface PageElement {
  readonly localName: string;
  readonly id: string;
  readonly textContent: string | null;
  readonly parentElement: { closest(selectors: string): unknown } | null;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  remove(): void;
}

function isChrome(element: PageElement): boolean {
  if (chromeTags.has(element.localName)) return true;
  const role = element.getAttribute('role');
  if (role !== null && chromeRoles.has(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const id = element.getAttribute('id') ?? '';
  const className = element.getAttribute('class') ?? '';
  if (chromeNameParts.some((part) => id.includes(part) || className.includes(part))) return true;
  return className !== '' && className.split(/\s+/).some((name) => chromeClasses.has(name));
}

/** The element a client-side framework renders into (React, Vue, Next.js, Nuxt, Angular). */
function isAppRoot(element: PageElement): boolean {
  return (
    appRootIds.has(element.id) || element.localName === 'app-root' || element.hasAttribute('data-reactroot')
  );
}
const appRootIds = new Set(['root', 'app', '__next', '__nuxt']);

/** `<link rel="canonical" href>`; rel holds space-separated keywords, in any case. */
function isCanonicalLink(element: PageElement): boolean {
  return (
    element.hasAttribute('href') &&
    (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')
  );
}

const asksForJavaScript = /enable javascript|javascript (is )?(required|disabled)|turn on javascript/i;

/**
 * Extracts title, main content as Markdown, links and canonical URL from one page. Links and the
 * canonical URL are read before readability rewrites the document; relative links and images in
 * the content are made absolute so they still work when quoted elsewhere.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const document = parseDocument(html);
  const page = new URL(pageUrl);
  // One pass over the elements for what the crawler needs and the chrome to remove: each selector
  // query would be a walk of its own over the whole page.
  let baseHref: string | undefined;
  let canonicalHref: string | undefined;
  let hasScripts = false;
  let hasAppRoot = false;
  const noscriptTexts: string[] = [];
  const linked: { element: PageElement; attribute: 'href' | 'src' }[] = [];
  const chrome: PageElement[] = [];
  const framing: PageElement[] = [];
  for (const element of document.querySelectorAll('*') as Iterable<PageElement>) {
    const name = element.localName;
    if (name === 'a' && element.hasAttribute('href')) linked.push({ element, attribute: 'href' });
    else if (name === 'img' && element.hasAttribute('src')) linked.push({ element, attribute: 'src' });
    else if (name === 'script') hasScripts = true;
    else if (name === 'noscript') noscriptTexts.push(element.textContent ?? '');
    else if (name === 'base' && baseHref === undefined) baseHref = element.getAttribute('href') ?? undefined;
    else if (name === 'link' && canonicalHref === undefined && isCanonicalLink(element)) {
      canonicalHref = element.getAttribute('href') ?? undefined;
    }
    hasAppRoot ||= isAppRoot(element);
    if (isChrome(element)) chrome.push(element);
    else if (chromeOutsideContent.has(name)) framing.push(element);
  }
  const base = toUrl(baseHref ?? '', page) ?? page;
  const canonicalUrl = canonicalHref ? absoluteUrl(canonicalHref, base) : undefined;
  const noscriptText = noscriptTexts.join(' ');

  const links = new Set<string>();
  // Each link is parsed once: absolute in the page (fragment kept), and without its fragment for
  // the crawler.
  for (const { element, attribute } of linked) {
    const url = webUrl(element.getAttribute(attribute) ?? '', base);
    if (!url) continue;
    element.setAttribute(attribute, url.href);
    if (attribute === 'href') {
      url.hash = '';
      links.add(url.href);
    }
  }
  for (const element of chrome) element.remove();
  for (const element of framing) {
    if (!element.parentElement?.closest('main, article, [role=main]')) element.remove();
  }

  const bodyText = visibleText(document.body);
  const needsJavaScript =
    bodyText.length < 200 && (hasAppRoot || hasScripts || asksForJavaScript.test(noscriptText));
  const heading =
    document.querySelector('main h1, article h1, [role=main] h1') ?? document.querySelector('h1');
  const headingText = cleanTitle(heading?.textContent ?? '');
  const documentTitle = cleanTitle(document.querySelector('title')?.textContent ?? '');

  let content = markedMainContent(document, bodyText.length);
  let articleTitle = '';
  if (content) demoteTopHeadings(document, content);
  else {
    // Readability hands back its content element as is (no HTML string to serialise), and turndown
    // converts that element directly instead of parsing the HTML again with a DOM of its own.
    const article = new Readability<MarkdownSource>(document, {
      keepClasses: true,
      serializer: (element) => element as unknown as MarkdownSource,
    }).parse();
    content = (article?.textContent?.trim() ? article.content : document.body) ?? undefined;
    articleTitle = cleanTitle(article?.title ?? '');
  }
  // The parser leaves a text node per entity; joined, they are escaped as the one text they are.
  (content as { normalize?: () => void } | undefined)?.normalize?.();
  const title = headingText || articleTitle || documentTitle || page.pathname;
  return {
    title,
    markdown: withTitleHeading(content ? htmlToMarkdown(content) : '', title),
    links: [...links],
    ...(canonicalUrl ? { canonicalUrl } : {}),
    needsJavaScript,
  };
}

/**
 * The main content the page marks itself, once the chrome is gone: its one `<article>`, or else its
 * one `<main>` (or `role="main"`), whichever comes first holding at least half the page's text.
 * Readability's scoring is for pages that do not say; on documentation sites it dropped real
 * sections (notes, FAQ answers, lists of parameters) as too short or too full of links, and it was
 * two thirds of an extraction's time. Pages with several articles (a blog's front page) or none
 * still go to Readability.
 */
function markedMainContent(document: ParsedDocument, bodyTextLength: number) {
  if (bodyTextLength === 0) return undefined;
  for (const selector of ['article', 'main, [role=main]']) {
    const found = document.querySelectorAll(selector);
    if (found.length !== 1) continue;
    if (visibleText(found[0]).length >= bodyTextLength / 2) return found[0];
  }
  return undefined;
}

/**
 * Every `<h1>` in the content becomes an `<h2>`, as Readability does: the page title alone is the
 * top heading of each chunk's heading path (withTitleHeading puts it back on top).
 */
function demoteTopHeadings(document: ParsedDocument, content: ContentElement): void {
  for (const h1 of content.querySelectorAll('h1')) {
    const h2 = document.createElement('h2');
    h2.append(...h1.childNodes);
    h1.replaceWith(h2);
  }
}

/** An element's text with runs of whitespace as one space: what the length checks compare. */
function visibleText(element: { readonly textContent: string | null } | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

type ParsedDocument = ReturnType<typeof parseDocument>;
type ContentElement = NonNullable<ReturnType<typeof markedMainContent>>;

/** Parses a page; a fragment without an `<html>` element (a template, a snippet) is wrapped in one. */
function parseDocument(html: string) {
  const { document } = parseHTML(html);
  if (document.documentElement?.tagName === 'HTML') return document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

/**
 * Readability drops the heading that repeats the title and demotes other h1s, so the title goes
 * back on top: every chunk then carries the page title in its heading path.
 */
function withTitleHeading(markdown: string, title: string): string {
  if (!markdown) return '';
  const firstLine = markdown.split('\n', 1)[0] ?? '';
  if (/^#{1,2}\s/.test(firstLine) && cleanTitle(firstLine.replace(/^#+\s*/, '')) === title) {
    return markdown.replace(/^#{1,2}\s/, '# ');
  }
  return `# ${title}\n\n${markdown}`;
}

function toUrl(href: string, base: URL): URL | undefined {
  try {
    return new URL(href.trim(), base);
  } catch {
    return undefined;
  }
}

/** An http(s) link made absolute, or undefined for anything else (mailto:, javascript:, junk). */
function webUrl(href: string, base: URL): URL | undefined {
  const url = toUrl(href, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

function absoluteUrl(href: string, base: URL): string | undefined {
  const url = webUrl(href, base);
  if (url) url.hash = '';
  return url?.href;
}

function cleanTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[¶#]\s*$/, '')
    .trim();
}
