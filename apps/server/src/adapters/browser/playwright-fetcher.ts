import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertUrlAllowed, SsrfBlockedError } from '../../modules/ingest/ssrf-guard.js';
import { blockedHeader, type GuardedProxy, startGuardedProxy } from './guarded-proxy.js';
import type { PageFetcher } from './port.js';

export interface PlaywrightFetcherOptions {
  /** Any Chromium: Debian's /usr/bin/chromium, Chrome, or a Playwright build. */
  executablePath: string;
  /** Hosts fetched even though they are or resolve to private addresses. */
  allowHosts: readonly string[];
}

// Quiet, headless and sandbox-free (containers rarely allow the sandbox). `--host-resolver-rules`
// is left out: it would stop Chromium from resolving the sites it is here to render.
/** Launch flags for a quiet headless Chromium; the e2e tests launch it the same way. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

// Nothing in these helps extract text; skipping them makes rendering several times faster.
const skippedResourceTypes = new Set(['image', 'font', 'media']);

interface Running {
  browser: Browser;
  proxy: GuardedProxy;
  /** One context per site and user agent, with the pages open in it. */
  contexts: Map<string, SiteContext>;
}

interface SiteContext {
  context: Promise<BrowserContext>;
  /** Pages rendering now. */
  openPages: number;
  /** Tabs whose last page rendered cleanly, kept for the site's next page (see `idleTabMs`). */
  idleTabs: Page[];
}

/** Contexts kept for sites not being rendered right now; the oldest idle one closes beyond this. */
const keptContexts = 4;

/**
 * How long a tab waits for the site's next page before it closes. A crawl asks for the next page
 * at once; a new tab for each page cost about 0.9 s of a 1.3 s render (bench:ingest), as Chromium
 * starts and sets up a page each time, where navigating an open tab reuses all of that.
 */
const idleTabMs = 5_000;

/**
 * Renders pages in headless Chromium for sites whose content only JavaScript writes. The browser
 * starts on first use and is shared. Pages of one site share a context (cookies, storage, cache),
 * and a tab that rendered a page cleanly goes on to the site's next one (see `idleTabMs`); nothing
 * is shared between sites. All of Chromium's traffic goes through a guarded proxy, so redirects and
 * subresources obey the same SSRF rules as the plain fetcher; a route handler also drops forbidden
 * URLs and heavy resources before they leave the browser. `playwright-core` is loaded only when the
 * browser first starts, so installs without it can still use the plain fetcher.
 */
export function createPlaywrightFetcher(options: PlaywrightFetcherOptions): PageFetcher {
  let running: Promise<Running> | undefined;

  const start = () => {
    if (!running) {
      const starting = launch(options);
      running = starting;
      // A failed launch or a crashed browser is started afresh by the next page.
      const forget = () => {
        if (running === starting) running = undefined;
      };
      starting.then(({ browser, proxy }) => {
        browser.once('disconnected', () => {
          forget();
          void proxy.close();
        });
      }, forget);
    }
    return running;
  };

  const openContext = async (userAgent: string) => {
    const { browser } = await start();
    const context = await browser.newContext({ userAgent, serviceWorkers: 'block', acceptDownloads: false });
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (skippedResourceTypes.has(request.resourceType())) return route.abort('blockedbyclient');
      try {
        assertUrlAllowed(request.url(), options.allowHosts);
      } catch {
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    return context;
  };

  return {
    async fetchPage(url, fetchOptions) {
      const target = assertUrlAllowed(url, options.allowHosts);
      const { signal } = fetchOptions;
      signal?.throwIfAborted();
      const site = contextFor(await start(), `${target.origin} ${fetchOptions.userAgent}`, () =>
        openContext(fetchOptions.userAgent),
      );
      site.openPages += 1;
      let page: Page | undefined;
      let rendered = false;
      // Closing the page is what interrupts a navigation in progress.
      const stop = () => void page?.close().catch(() => undefined);
      try {
        page = takeIdleTab(site) ?? (await (await site.context).newPage());
        signal?.throwIfAborted();
        signal?.addEventListener('abort', stop, { once: true });
        const deadline = Date.now() + fetchOptions.timeoutMs;
        const response = await page.goto(target.href, {
          waitUntil: 'domcontentloaded',
          timeout: fetchOptions.timeoutMs,
        });
        const blocked = response?.headers()[blockedHeader];
        if (blocked) throw new SsrfBlockedError(blocked);
        // Pages that poll forever never go idle; what has rendered by the deadline is kept.
        await page
          .waitForLoadState('networkidle', { timeout: Math.max(deadline - Date.now(), 1) })
          .catch(() => undefined);
        const html = await page.content();
        rendered = true;
        return {
          url: page.url(),
          status: response?.status() ?? 200,
          contentType: response?.headers()['content-type'] ?? 'text/html',
          body: cutToBytes(html, fetchOptions.maxBytes),
        };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw error;
      } finally {
        signal?.removeEventListener('abort', stop);
        // A tab that failed, timed out or was stopped may be mid-navigation: it is not reused.
        if (page && rendered && !page.isClosed()) keepIdleTab(site, page);
        else await page?.close().catch(() => undefined);
        site.openPages -= 1;
      }
    },

    async close() {
      const current = await running?.catch(() => undefined);
      running = undefined;
      await current?.browser.close();
      await current?.proxy.close();
    },
  };
}

async function launch(options: PlaywrightFetcherOptions): Promise<Running> {
  const { chromium } = await import('playwright-core');
  const proxy = await startGuardedProxy(options.allowHosts);
  try {
    const browser = await chromium.launch({
      executablePath: options.executablePath,
      headless: true,
      args: chromiumArgs,
      // `<-loopback>` sends loopback through the proxy too; Chromium would otherwise go direct.
      proxy: { server: proxy.url, bypass: '<-loopback>' },
    });
    return { browser, proxy, contexts: new Map() };
  } catch (error) {
    await proxy.close();
    throw error;
  }
}

/** The site's context, opened on first use; the oldest idle ones close once more than a few are kept. */
function contextFor(running: Running, key: string, open: () => Promise<BrowserContext>): SiteContext {
  let site = running.contexts.get(key);
  if (!site) {
    site = { context: open(), openPages: 0, idleTabs: [] };
    site.context.catch(() => running.contexts.delete(key));
    running.contexts.set(key, site);
  }
  for (const [otherKey, other] of running.contexts) {
    if (running.contexts.size <= keptContexts) break;
    if (other === site || other.openPages > 0) continue;
    running.contexts.delete(otherKey);
    void other.context.then((context) => context.close()).catch(() => undefined);
  }
  return site;
}

function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= maxBytes ? text : bytes.subarray(0, maxBytes).toString('utf8');
}

/** The site's most recently used idle tab that is still open (a renderer can crash meanwhile). */
function takeIdleTab(site: SiteContext): Page | undefined {
  for (let tab = site.idleTabs.pop(); tab; tab = site.idleTabs.pop()) {
    clearTimeout(idleTimers.get(tab));
    if (!tab.isClosed()) return tab;
  }
  return undefined;
}

/** Keeps a tab for the site's next page; it closes after `idleTabMs` unless taken before. */
function keepIdleTab(site: SiteContext, tab: Page): void {
  site.idleTabs.push(tab);
  const timer = setTimeout(() => {
    const index = site.idleTabs.indexOf(tab);
    if (index < 0) return;
    site.idleTabs.splice(index, 1);
    void tab.close().catch(() => undefined);
  }, idleTabMs);
  timer.unref();
  idleTimers.set(tab, timer);
}

const idleTimers = new WeakMap<Page, NodeJS.Timeout>();
