import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngestProgressBar, formatIngestSummary } from './ingest-progress-bar.js';
import type { IngestProgress } from './ingest-service.js';

/** A stream that keeps what was written, as a pipe or a terminal of 100 columns would receive it. */
function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 100 } : {});
  let output = '';
  stream.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { stream, output: () => output };
}

const at = (fetched: number, discovered: number, extra: Partial<IngestProgress> = {}): IngestProgress => ({
  discovered,
  fetched,
  stored: fetched,
  unchanged: 0,
  failed: 0,
  chunks: fetched * 10,
  ...extra,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createIngestProgressBar', () => {
  it('writes a plain line on a schedule when not on a TTY, with rate and ETA for a known total', () => {
    const { stream, output } = capture(false);
    const bar = createIngestProgressBar({ stream, totalKnown: true, lineIntervalMs: 1000 });
    vi.advanceTimersByTime(2000);
    bar.update(at(20, 70, { failed: 1 }));
    vi.advanceTimersByTime(1000);
    bar.update(at(40, 70, { failed: 2 }));
    vi.advanceTimersByTime(1000);
    bar.stop();
    const lines = output().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // No escape codes, no bar glyphs: a log file or CI reads it as written.
    for (const terminalOnly of ['\x1b', '█', '░']) expect(output()).not.toContain(terminalOnly);
    expect(lines.at(-1)).toBe('40/70 pages fetched, 2 failed, 400 chunks embedded, 13.3 pages/s, ETA 3s');
    expect(lines).toContain('20/70 pages fetched, 1 failed, 200 chunks embedded, 10.0 pages/s, ETA 5s');
  });

  it('gives no ETA for a crawl, whose count of pages found keeps growing', () => {
    const { stream, output } = capture(false);
    const bar = createIngestProgressBar({ stream, totalKnown: false, lineIntervalMs: 1000 });
    vi.advanceTimersByTime(4000);
    bar.update(at(8, 30));
    bar.stop();
    expect(output().trimEnd().split('\n').at(-1)).toBe(
      '8 pages fetched of 30 found so far, 0 failed, 80 chunks embedded, 2.0 pages/s',
    );
  });

  it('draws a live bar on a TTY, redrawn in place, and clears it when done', () => {
    const { stream, output } = capture(true);
    const bar = createIngestProgressBar({ stream, totalKnown: true });
    bar.update(at(5, 10, { currentUrl: 'http://127.0.0.1/docs/a.html' }));
    vi.advanceTimersByTime(200);
    expect(output()).toContain('█'.repeat(12));
    expect(output()).toContain('5/10 pages fetched');
    expect(output()).toContain('http://127.0.0.1/docs/a.html');
    expect(output()).toContain('\x1b[?25l');
    bar.stop();
    // The cursor is shown again and the line cleared, leaving the terminal to the summary.
    expect(output()).toContain('\x1b[?25h');
    expect(output().endsWith('\x1b[2K')).toBe(true);
  });
});

describe('formatIngestSummary', () => {
  it('lists each failed page with its reason after the counts', () => {
    const summary = formatIngestSummary(at(2, 4, { failed: 2, unchanged: 1, stored: 1, chunks: 7 }), [
      { url: 'https://shop.example/missing', reason: '404 Not Found' },
      { url: 'https://shop.example/private/x', reason: 'blocked by robots.txt' },
    ]);
    expect(summary).toBe(
      [
        'Done: 1 pages stored (7 chunks), 1 unchanged, 2 failed.',
        'Failed pages:',
        '  https://shop.example/missing  404 Not Found',
        '  https://shop.example/private/x  blocked by robots.txt',
        '',
      ].join('\n'),
    );
  });

  it('keeps a long list to a screenful and says how many more there are', () => {
    const failures = Array.from({ length: 80 }, (_, index) => ({
      url: `https://shop.example/${index}`,
      reason: 'timed out after 15 s',
    }));
    const lines = formatIngestSummary(at(0, 80, { failed: 80 }), failures)
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(53);
    expect(lines.at(-1)).toContain('and 30 more');
  });
});
