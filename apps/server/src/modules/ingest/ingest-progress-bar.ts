import cliProgress from 'cli-progress';
import type { IngestProgress } from './ingest-service.js';

export interface IngestProgressBarOptions {
  /** Where to draw; a TTY gets a live bar, anything else (a pipe, a log file) plain lines. */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /**
   * Whether the number of pages is known from the start (a sitemap). Only then is an ETA
   * meaningful: a crawl keeps finding pages, so its "found" count is a floor, not a total.
   */
  totalKnown: boolean;
  /** How often plain lines are written when the stream is not a TTY; 5 s unless said. */
  lineIntervalMs?: number;
}

export interface IngestProgressBar {
  update(progress: IngestProgress): void;
  /** Draws the last state and lets go of the terminal (the TTY bar is cleared for the summary). */
  stop(): void;
}

type Payload = IngestProgress & { rate: number; etaSeconds: number | undefined };

/**
 * The live progress of `jarvis ingest`: pages found, fetched and failed, chunks embedded, pages per
 * second and, when the total is known, an ETA. cli-progress does the terminal work (redrawing one
 * line at most 10 times a second, clipping to the width, hiding the cursor) and, off a TTY, writes
 * a plain line on a schedule instead, so logs stay readable.
 */
export function createIngestProgressBar(options: IngestProgressBarOptions): IngestProgressBar {
  const tty = options.stream.isTTY === true;
  const startedAt = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream,
      format: (barOptions, params, payload: Payload) => {
        const line = describeProgress(payload, options.totalKnown);
        if (!tty) return line;
        const current = payload.currentUrl ? `  ${payload.currentUrl}` : '';
        return `${cliProgress.Format.BarFormat(params.progress, barOptions)} ${line}${current}`;
      },
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: true,
      notTTYSchedule: options.lineIntervalMs ?? 5000,
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const empty: IngestProgress = { discovered: 0, fetched: 0, stored: 0, unchanged: 0, failed: 0, chunks: 0 };
  bar.start(1, 0, { ...empty, rate: 0, etaSeconds: undefined } satisfies Payload);

  return {
    update(progress) {
      const handled = progress.fetched + progress.failed;
      const seconds = (Date.now() - startedAt) / 1000;
      const rate = seconds > 0 ? progress.fetched / seconds : 0;
      const remaining = Math.max(0, progress.discovered - handled);
      // A rate from the first second or two swings wildly; an ETA from it would too.
      const etaSeconds = options.totalKnown && seconds >= 2 && rate > 0 ? remaining / rate : undefined;
      bar.setTotal(Math.max(1, progress.discovered, handled));
      bar.update(handled, { ...progress, rate, etaSeconds } satisfies Payload);
    },
    stop() {
      bar.stop();
    },
  };
}

/** One plain line: `12/70 pages fetched, 1 failed, 230 chunks embedded, 4.1 pages/s, ETA 14s`. */
function describeProgress(progress: Payload, totalKnown: boolean): string {
  // The count found is reported after the page it came with; never show fewer found than handled.
  const found = Math.max(progress.discovered, progress.fetched + progress.failed);
  const pages = totalKnown
    ? `${progress.fetched}/${found} pages fetched`
    : `${progress.fetched} pages fetched of ${found} found so far`;
  const parts = [
    pages,
    `${progress.failed} failed`,
    `${progress.chunks} chunks embedded`,
    `${progress.rate.toFixed(1)} pages/s`,
  ];
  if (progress.etaSeconds !== undefined) parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  return parts.join(', ');
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  return minutes < 60
    ? `${minutes}m${String(whole % 60).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

// A terminal's worth: a site-wide problem (a broken robots.txt) would otherwise print thousands.
const summaryFailureLimit = 50;

/**
 * What `jarvis ingest` prints when the job ends: the counts, then each page that failed with its
 * reason, so the owner can fix a link or a robots.txt rule without opening the dashboard.
 */
export function formatIngestSummary(
  progress: IngestProgress,
  failures: readonly { url: string; reason: string }[],
): string {
  const lines = [
    `Done: ${progress.stored} pages stored (${progress.chunks} chunks), ${progress.unchanged} unchanged, ${progress.failed} failed.`,
  ];
  if (failures.length > 0) {
    lines.push('Failed pages:');
    for (const failure of failures.slice(0, summaryFailureLimit))
      lines.push(`  ${failure.url}  ${failure.reason}`);
    const more = Math.max(failures.length, progress.failed) - summaryFailureLimit;
    if (more > 0) lines.push(`  … and ${more} more (all of them: sources.get in the owner API).`);
  }
  return `${lines.join('\n')}\n`;
}
