// Size budget check, run after a package's build from the package's folder (`node ../../scripts/check-size.mjs`).
// Reads size-budget.json: named groups, each an entry script and a budget in bytes per compression, e.g.
//   { "initial": { "entry": "dist/cdn/jarvis-chat.js", "gzip": 12000 },
//     "total": { "entry": "dist/cdn/jarvis-chat.js", "lazy": true, "gzip": 30000 } }
// A group is the entry plus every file it imports statically, and with `lazy` also every file it
// imports with import(), followed transitively. Each file is compressed on its own, as a browser
// fetches it, and the group's size is the sum. Prints every file and each group against its budget,
// and exits 1 when a group is over budget or a file is missing.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const budgets = JSON.parse(await readFile('size-budget.json', 'utf8'));

const measure = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

// Minified rollup output: `from"./x.js"` and `import"./x.js"` are static, `import("./x.js")` is lazy.
const staticImport = /(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g;
const lazyImport = /import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

const sizes = new Map();
async function sizeOf(file) {
  if (!sizes.has(file)) sizes.set(file, { file, ...measure(await readFile(file)) });
  return sizes.get(file);
}

/** The entry and what it imports, in load order. */
async function filesOf(entry, lazy) {
  const seen = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    for (const pattern of lazy ? [staticImport, lazyImport] : [staticImport]) {
      for (const [, specifier] of source.matchAll(pattern)) pending.push(join(dirname(file), specifier));
    }
  }
  return [...seen];
}

const rows = [['', 'raw', 'gzip', 'brotli', 'budget', 'delta', '']];
const problems = [];
for (const [group, { entry, lazy = false, ...limits }] of Object.entries(budgets)) {
  let files;
  try {
    files = await Promise.all((await filesOf(entry, lazy)).map(sizeOf));
  } catch (error) {
    problems.push(
      `${group}: ${error.path ? `${relative('.', error.path)} is missing` : error.message}; did the build write it?`,
    );
    continue;
  }
  for (const file of files) rows.push([`  ${file.file}`, file.raw, file.gzip, file.brotli, '', '', '']);
  const sum = (key) => files.reduce((total, file) => total + file[key], 0);
  const total = { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  for (const [compression, limit] of Object.entries(limits)) {
    if (!(compression in total))
      throw new Error(`size-budget.json: unknown measure "${compression}" in ${group}`);
    const delta = total[compression] - limit;
    if (delta > 0) problems.push(`${group} is ${delta} B over its ${compression} budget of ${limit} B`);
    const label = `${group} (${entry}${lazy ? ' and what it loads later' : ''})`;
    rows.push([
      label,
      total.raw,
      total.gzip,
      total.brotli,
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
