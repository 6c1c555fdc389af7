import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';

/** Where a widget's controls are, for the in-page probe (see widget-probe.js). */
export interface WidgetProbe {
  /** Selectors crossing shadow roots to the first thing the visitor sees (a launcher button). */
  launcher: string[];
  /** Selectors to the question box. */
  input: string[];
  /** The launcher opens the panel on a click; false for a widget that renders open (inline). */
  clickOpens: boolean;
}

/** One page load's figures; the times are in ms on the page's clock. */
export interface WidgetSample {
  /** Navigation start to the first frame with the launcher (or the inline chat) visible. */
  launcherVisibleMs: number;
  /** Click on the launcher to the first frame with the question box visible and enabled; for an
   * inline widget, the launcherVisible frame to that frame. */
  panelReadyMs: number;
  /** JS heap in use after the panel is ready and a full garbage collection, in MiB. */
  heapMb: number;
}

const probeSource = readFile(new URL('./widget-probe.js', import.meta.url), 'utf8');
const timeout = 20_000;

/**
 * Loads `url` in a fresh browser context (empty cache, no cookies or storage), waits for the widget's
 * launcher, lets the network settle, clicks the launcher when it has one, waits for the question box
 * and reads the JS heap after a garbage collection. With `mustLoad`, a load that got no successful
 * response whose URL matches it is an error, not a figure (the widget did not reach its server).
 */
export async function measureWidgetPage(
  browser: Browser,
  url: string,
  probe: WidgetProbe,
  options: { mustLoad?: RegExp | undefined } = {},
): Promise<WidgetSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let loaded = false;
    page.on('response', (response) => {
      if (options.mustLoad?.test(response.url()) && response.ok()) loaded = true;
    });
    await page.addInitScript({
      content: `${await probeSource}\nstartWidgetProbe(${JSON.stringify(probe)});`,
    });
    await page.goto(url);
    const launcherVisible = await probeResult(page, 'launcherVisible');
    // Let the page finish what it does on load (config fetches, failed calls to a dummy host), as it
    // would before a visitor reaches for the launcher, so the click measures opening, not loading.
    await page.waitForLoadState('networkidle', { timeout });
    if (probe.clickOpens) await page.locator(probe.launcher.join(' ')).click({ timeout });
    const inputReady = await probeResult(page, 'inputReady');
    const clicked = probe.clickOpens ? await probeResult(page, 'clicked') : launcherVisible;
    if (options.mustLoad && !loaded)
      throw new Error(`${url}: no successful response from ${options.mustLoad}`);
    return {
      launcherVisibleMs: launcherVisible,
      panelReadyMs: inputReady - clicked,
      heapMb: await heapAfterGc(page),
    };
  } finally {
    await context.close();
  }
}

/** JS heap of the same page with no widget on it: the floor under every widget's heap. */
export async function measureBlankPageHeap(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForLoadState('networkidle', { timeout });
    return await heapAfterGc(page);
  } finally {
    await context.close();
  }
}

async function probeResult(page: Page, key: 'launcherVisible' | 'clicked' | 'inputReady'): Promise<number> {
  // A string expression, not a function: tsx would add helpers to a function that the page lacks.
  const handle = await page.waitForFunction(`window.widgetProbe?.${key}`, undefined, { timeout });
  return Number(await handle.jsonValue());
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
  return used / 1048576;
}
