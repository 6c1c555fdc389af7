/** Prints rows as an aligned table, then the figures as the one JSON line every benchmark ends with. */
export function report(bench, rows, figures) {
  const widths = Object.keys(rows[0] ?? {}).map((key) =>
    Math.max(key.length, ...rows.map((row) => String(row[key]).length)),
  );
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  if (rows.length > 0) {
    console.log(line(Object.keys(rows[0])));
    for (const row of rows) console.log(line(Object.values(row)));
  }
  console.log(JSON.stringify({ bench, ...figures }));
}

/** Samples resident memory every 50 ms; `peakMb()` is the highest seen so far. */
export function trackPeakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  return {
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
    stop: () => clearInterval(timer),
  };
}
