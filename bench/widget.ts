// pnpm bench:widget — what <jarvis-chat> costs a page, beside two widely used chat widgets from npm
// (deep-chat and flowise-embed): gzip and brotli sizes of the scripts a page loads first and in all,
// and in headless Chromium the time to a visible launcher, from a click to a question box that takes
// text, and the JS heap. Run `pnpm build` first. Option: --runs N (page loads per widget, default 7).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { scriptSizes } from '../scripts/cdn-sizes.mjs';
import { chromiumLaunchOptions } from '../scripts/chromium-launch-options.mjs';
import { startJarvis } from '../scripts/start-jarvis.mjs';
import { countOption } from './lib/count-option.js';
import {
  measureBlankPageHeap,
  measureWidgetPage,
  type WidgetProbe,
  type WidgetSample,
} from './lib/measure-widget-page.js';
import { report } from './lib/report.mjs';
import { serveBenchFiles } from './lib/static-server.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = countOption('runs', values.runs);
const jarvisEntry = fileURLToPath(new URL('../packages/chat/dist/cdn/jarvis-chat.js', import.meta.url));
const peerFolder = (name: string) => fileURLToPath(new URL(`./node_modules/${name}/`, import.meta.url));
if (!existsSync(jarvisEntry)) {
  console.error('bench:widget measures the built widget and server; run `pnpm build` first.');
  process.exit(1);
}

/** A widget as a page embeds it: the script it loads, the markup and where its controls are. */
interface Widget {
  name: string;
  version: string;
  /** The script the page loads, whose static imports load with it and import()s later. */
  entry: string;
  /** What goes in the page's <body>, after the page's own text. */
  markup: string;
  probe: WidgetProbe;
  /** A response the page must get for a run to count, proving the widget talked to its server. */
  mustLoad?: RegExp;
}

const pages: Record<string, string> = {};
// Peers are served from their npm packages, as a CDN such as jsDelivr would serve the same files.
const files = await serveBenchFiles(pages, {
  '/deep-chat/': `${peerFolder('deep-chat')}dist/`,
  '/flowise-embed/': `${peerFolder('flowise-embed')}dist/`,
});
const jarvis = await startJarvis();
process.on('exit', () => void jarvis.stop());
// Peers get no backend: their API calls go to a path this server answers with a quick 404.
const dummyApi = `${files.url}/dummy-api`;

const widgets: Widget[] = [
  {
    name: 'jarvis',
    version: 'this checkout',
    entry: jarvisEntry,
    markup: `<script type="module" src="${jarvis.url}/widget.js"></script>
<jarvis-chat bot="${jarvis.botKey}" api="${jarvis.url}"></jarvis-chat>`,
    probe: {
      launcher: ['jarvis-chat', '[part~="launcher"]'],
      input: ['jarvis-chat', '[part~="input"]'],
      clickOpens: true,
    },
    mustLoad: /\/trpc\/widget\.config\b/,
  },
  {
    name: 'deep-chat',
    version: await packageVersion('deep-chat'),
    // The single-file build its README and CDN snippets point to; it renders inline, no launcher.
    entry: `${peerFolder('deep-chat')}dist/deepChat.bundle.js`,
    markup: `<script type="module" src="/deep-chat/deepChat.bundle.js"></script>
<deep-chat connect='{"url":"${dummyApi}/chat"}'></deep-chat>`,
    probe: { launcher: ['deep-chat', '#container'], input: ['deep-chat', '#text-input'], clickOpens: false },
  },
  {
    name: 'flowise-embed',
    version: await packageVersion('flowise-embed'),
    // The bubble ("PopUp") embed from its README: a round button that opens the chat window.
    entry: `${peerFolder('flowise-embed')}dist/web.js`,
    markup: `<script type="module">
import Chatbot from '/flowise-embed/web.js';
Chatbot.init({ chatflowid: 'bench', apiHost: '${dummyApi}' });
</script>`,
    probe: {
      launcher: ['flowise-chatbot', '[part~="button"]'],
      input: ['flowise-chatbot', 'textarea'],
      clickOpens: true,
    },
  },
];

const sizes = new Map<string, { initial: SizeTotals; total: SizeTotals }>();
for (const widget of widgets) {
  sizes.set(widget.name, {
    initial: await scriptSizes(widget.entry),
    total: await scriptSizes(widget.entry, { lazy: true }),
  });
  pages[`/${widget.name}.html`] = benchPage(widget.markup);
}
pages['/blank.html'] = benchPage('');

const browser = await chromium.launch(chromiumLaunchOptions);
const samples = new Map<string, WidgetSample[]>(widgets.map((widget) => [widget.name, []]));
const blankHeaps: number[] = [];
// Round-robin, starting with a different widget each round, so a busy moment on the machine does
// not land on one widget only. Round 0 warms Chromium and the servers up and is not counted.
for (let round = 0; round <= runs; round++) {
  const order = widgets.map((_, index) => widgets[(index + round) % widgets.length]!);
  for (const widget of order) {
    const sample = await measureWidgetPage(browser, `${files.url}/${widget.name}.html`, widget.probe, {
      mustLoad: widget.mustLoad,
    });
    if (round > 0) samples.get(widget.name)!.push(sample);
  }
  const blankHeap = await measureBlankPageHeap(browser, `${files.url}/blank.html`);
  if (round > 0) blankHeaps.push(blankHeap);
}
await browser.close();
await files.close();
await jarvis.stop();

const figures = new Map(
  widgets.map((widget) => {
    const measured = samples.get(widget.name)!;
    const { initial, total } = sizes.get(widget.name)!;
    return [
      widget.name,
      {
        initial_gz_bytes: initial.gzip,
        initial_br_bytes: initial.brotli,
        total_gz_bytes: total.gzip,
        total_br_bytes: total.brotli,
        launcher_visible_ms: Math.round(median(measured.map((sample) => sample.launcherVisibleMs))),
        panel_ready_ms: Math.round(median(measured.map((sample) => sample.panelReadyMs))),
        // A visitor who clicks the moment the launcher shows can type after about this long.
        usable_ms: Math.round(
          median(measured.map((sample) => sample.launcherVisibleMs + sample.panelReadyMs)),
        ),
        heap_mb: round1(median(measured.map((sample) => sample.heapMb))),
      },
    ];
  }),
);
type Figures = typeof figures extends Map<string, infer F> ? F : never;

const spread = (name: string, key: 'launcherVisibleMs' | 'panelReadyMs') => {
  const values = samples.get(name)!.map((sample) => sample[key]);
  return `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
};
const rows: Record<string, string | number>[] = widgets.map((widget) => {
  const figure = figures.get(widget.name)!;
  return {
    widget: `${widget.name} (${widget.version})`,
    'initial gz': figure.initial_gz_bytes,
    'initial br': figure.initial_br_bytes,
    'total gz': figure.total_gz_bytes,
    'total br': figure.total_br_bytes,
    'launcher ms': `${figure.launcher_visible_ms} (${spread(widget.name, 'launcherVisibleMs')})`,
    'panel ms': `${figure.panel_ready_ms} (${spread(widget.name, 'panelReadyMs')})`,
    'launcher+panel ms': figure.usable_ms,
    'heap MB': figure.heap_mb,
  };
});
const jarvisFigures = figures.get('jarvis')!;
for (const widget of widgets.slice(1)) {
  const figure = figures.get(widget.name)!;
  // No ratio where a side is 0: deep-chat has no panel to open.
  const ratio = (key: keyof Figures) =>
    figure[key] && jarvisFigures[key] ? `${formatRatio(figure[key] / jarvisFigures[key])}×` : '–';
  rows.push({
    widget: `${widget.name} ÷ jarvis`,
    'initial gz': ratio('initial_gz_bytes'),
    'initial br': ratio('initial_br_bytes'),
    'total gz': ratio('total_gz_bytes'),
    'total br': ratio('total_br_bytes'),
    'launcher ms': ratio('launcher_visible_ms'),
    'panel ms': ratio('panel_ready_ms'),
    'launcher+panel ms': ratio('usable_ms'),
    'heap MB': ratio('heap_mb'),
  });
}
const blankHeapMb = round1(median(blankHeaps));
rows.push({
  widget: 'same page, no widget',
  'initial gz': '',
  'initial br': '',
  'total gz': '',
  'total br': '',
  'launcher ms': '',
  'panel ms': '',
  'launcher+panel ms': '',
  'heap MB': blankHeapMb,
});
for (const widget of widgets) {
  const { initial, total } = sizes.get(widget.name)!;
  const later = total.files.filter((file) => !initial.files.includes(file));
  console.log(
    `${widget.name} loads ${initial.files.map((file) => basename(file.file)).join(' + ')}` +
      (later.length ? `; later, with import(): ${later.map((file) => basename(file.file)).join(', ')}` : ''),
  );
}
console.log(
  `Sizes in bytes; times are medians of ${runs} page loads (min–max), each in a fresh browser context with an empty cache.`,
);
console.log(
  'launcher ms: navigation start to the launcher drawn; panel ms: click on it to the question box drawn and enabled.',
);
console.log(
  'deep-chat renders open, with no launcher: its "launcher" is the chat box and "panel ms" runs from that frame to its input taking text.',
);
report('widget', rows, {
  ...jarvisFigures,
  runs,
  blank_page_heap_mb: blankHeapMb,
  peers: Object.fromEntries(
    widgets
      .slice(1)
      .map((widget) => [widget.name, { version: widget.version, ...figures.get(widget.name)! }]),
  ),
});

type SizeTotals = Awaited<ReturnType<typeof scriptSizes>>;

function benchPage(widgetMarkup: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Widget benchmark</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>A page with a chat widget</h1>
<p>The same page for every widget, so only the widget differs.</p>
${widgetMarkup}
</main>
</body>
</html>
`;
}

async function packageVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(`${peerFolder(name)}package.json`, 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function formatRatio(value: number): string {
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
