import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
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

// Page chrome that readability sometimes keeps, removed before it runs. Headers and asides inside
// the article often hold its title or a note, so only those outside main content go.
const chrome = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'nav',
  'footer',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[aria-hidden=true]',
  '.cookie',
  '.cookies',
  '[id*=cookie-banner]',
  '[class*=cookie-banner]',
  '[id*=cookie-consent]',
  '[class*=cookie-consent]',
  '.headerlink',
  '.linenos',
  '.md-sidebar',
  '.md-footer',
  '.md-source',
  '.wy-nav-side',
  '.rst-footer-buttons',
].join(', ');
const chromeOutsideContent = 'header, aside';

const appRoots = '#root, #app, #__next, #__nuxt, [data-reactroot], app-root';
const asksForJavaScript = /enable javascript|javascript (is )?(required|disabled)|turn on javascript/i;

/**
 * Extracts title, main content as Markdown, links and canonical URL from one page. Links and the
 * canonical URL are read before readability rewrites the document; relative links and images in
 * the content are made absolute so they still work when quoted elsewhere.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const document = parseDocument(html);
  const page = new URL(pageUrl);
  const base = toUrl(document.querySelector('base[href]')?.getAttribute('href') ?? '', page) ?? page;

  const links = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    const absolute = absoluteUrl(anchor.getAttribute('href') ?? '', base);
    if (absolute) links.add(absolute);
  }
  const canonicalHref = document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href');
  const canonicalUrl = canonicalHref ? absoluteUrl(canonicalHref, base) : undefined;

  const hasScripts = document.querySelector('script') !== null;
  const hasAppRoot = document.querySelector(appRoots) !== null;
  const noscriptText = [...document.querySelectorAll('noscript')]
    .map((element) => element.textContent)
    .join(' ');

  for (const element of document.querySelectorAll('a[href], img[src]')) {
    const attribute = element.tagName === 'IMG' ? 'src' : 'href';
    const absolute = absoluteUrl(element.getAttribute(attribute) ?? '', base, true);
    if (absolute) element.setAttribute(attribute, absolute);
  }
  for (const element of document.querySelectorAll(chrome)) element.remove();
  for (const element of document.querySelectorAll(chromeOutsideContent)) {
    if (!element.parentElement?.closest('main, article, [role=main]')) element.remove();
  }

  const bodyText = document.body?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const needsJavaScript =
    bodyText.length < 200 && (hasAppRoot || hasScripts || asksForJavaScript.test(noscriptText));
  const heading =
    document.querySelector('main h1, article h1, [role=main] h1') ?? document.querySelector('h1');
  const headingText = cleanTitle(heading?.textContent ?? '');
  const documentTitle = cleanTitle(document.querySelector('title')?.textContent ?? '');

  // Readability hands back its content element as is (no HTML string to serialise), and turndown
  // converts that element directly instead of parsing the HTML again with a DOM of its own.
  const article = new Readability<MarkdownSource>(document, {
    keepClasses: true,
    serializer: (element) => element as unknown as MarkdownSource,
  }).parse();
  const content = article?.textContent?.trim() ? article.content : document.body;
  // The parser leaves a text node per entity; joined, they are escaped as the one text they are.
  (content as { normalize?: () => void } | null)?.normalize?.();
  const title = headingText || cleanTitle(article?.title ?? '') || documentTitle || page.pathname;
  return {
    title,
    markdown: withTitleHeading(content ? htmlToMarkdown(content) : '', title),
    links: [...links],
    ...(canonicalUrl ? { canonicalUrl } : {}),
    needsJavaScript,
  };
}

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

function absoluteUrl(href: string, base: URL, keepFragment = false): string | undefined {
  const url = toUrl(href, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  if (!keepFragment) url.hash = '';
  return url.href;
}

function cleanTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[¶#]\s*$/, '')
    .trim();
}
