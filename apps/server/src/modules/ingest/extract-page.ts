import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

/** The main content of an HTML page as Markdown, plus what the crawler needs to go on. */
export interface ExtractedPage {
  title: string;
  markdown: string;
  /** Absolute http(s) links found anywhere on the page (navigation included), without fragments. */
  links: string[];
  canonicalUrl?: string;
  /** The page looks like an app shell whose content only JavaScript renders. */
  needsJavaScript: boolean;
}

// Chrome around the content that readability sometimes keeps; removed before it runs.
const boilerplate =
  'script, style, noscript, template, iframe, svg, nav, footer, header, aside, form, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .cookie, .cookies, #cookie-banner, .cookie-banner, .headerlink, .md-source, .md-footer, .md-sidebar, .wy-nav-side, .rst-footer-buttons';

const turndown = new TurndownService({
  headingStyle: 'atx',
  codeBlockStyle: 'fenced',
  bulletListMarker: '-',
});
turndown.remove(['script', 'style', 'noscript']);

/** Extracts title, main content (Markdown with headings), links and canonical URL from one page. */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const { document } = parseHTML(html);
  const base = new URL(document.querySelector('base[href]')?.getAttribute('href') ?? pageUrl, pageUrl);

  const links = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    const absolute = absoluteUrl(anchor.getAttribute('href')!, base);
    if (absolute) links.add(absolute);
  }
  const canonicalHref = document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href');
  const canonicalUrl = canonicalHref ? absoluteUrl(canonicalHref, base) : undefined;
  const bodyText = document.body?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const needsJavaScript =
    bodyText.length < 200 &&
    (document.querySelector('#root, #app, #__next, #__nuxt, [data-reactroot]') !== null ||
      /enable javascript/i.test(document.querySelector('noscript')?.textContent ?? '') ||
      document.querySelectorAll('script[src]').length > 0);

  // Links and images inside the content must survive as absolute URLs once the page is gone.
  for (const element of document.querySelectorAll('a[href], img[src]')) {
    const attribute = element.tagName === 'IMG' ? 'src' : 'href';
    const absolute = absoluteUrl(element.getAttribute(attribute)!, base, true);
    if (absolute) element.setAttribute(attribute, absolute);
  }
  const pageTitle = document.querySelector('title')?.textContent?.trim() ?? '';
  const firstHeading = document.querySelector('h1')?.textContent?.trim();
  for (const element of document.querySelectorAll(boilerplate)) element.remove();

  const article = new Readability(document as never, { keepClasses: false }).parse();
  const contentHtml =
    article?.content && article.textContent?.trim() ? article.content : (document.body?.innerHTML ?? '');
  const markdown = turndown
    .turndown(contentHtml)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    title: cleanTitle(firstHeading || article?.title || pageTitle) || new URL(pageUrl).pathname,
    markdown,
    links: [...links],
    ...(canonicalUrl ? { canonicalUrl } : {}),
    needsJavaScript,
  };
}

function absoluteUrl(href: string, base: URL, keepFragment = false): string | undefined {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!keepFragment) url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function cleanTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[¶#]\s*$/, '')
    .trim();
}
