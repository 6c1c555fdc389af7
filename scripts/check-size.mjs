// Size budget check, run after a package's build from the package's folder (`node ../../scripts/check-size.mjs`).
// Reads size-budget.json, e.g. { "dist/cdn/jarvis-chat.min.js": { "gzip": 16000, "brotli": 14000 } },
// a budget in bytes per compression for each file. Prints raw, gzip and brotli sizes with each
// budget and the difference, and exits 1 when a file is over a budget or missing.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const budgets = JSON.parse(await readFile('size-budget.json', 'utf8'));

const measure = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const rows = [['file', 'raw', 'gzip', 'brotli', 'budget', 'delta', '']];
const problems = [];
for (const [file, budget] of Object.entries(budgets)) {
  let sizes;
  try {
    sizes = measure(await readFile(file));
  } catch {
    problems.push(`${file} is missing: did the build write it?`);
    continue;
  }
  for (const [compression, limit] of Object.entries(budget)) {
    if (!(compression in sizes))
      throw new Error(`size-budget.json: unknown measure "${compression}" for ${file}`);
    const delta = sizes[compression] - limit;
    if (delta > 0) problems.push(`${file} is ${delta} B over its ${compression} budget of ${limit} B`);
    rows.push([
      file,
      sizes.raw,
      sizes.gzip,
      sizes.brotli,
      `${limit} (${compression})`,
      delta > 0 ? `+${delta}` : String(delta),
      delta > 0 ? 'OVER' : 'ok',
    ]);
  }
}

const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
for (const row of rows) {
  console.log(
    row
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join('  ')
      .trimEnd(),
  );
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error('Make it smaller, or raise the budget in size-budget.json and say why in the commit.');
  process.exit(1);
}
