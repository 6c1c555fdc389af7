// Size budget check, run after a package's build from the package's folder (`node ../../scripts/check-size.mjs`).
// Reads size-budget.json: named groups, each an entry script and a budget in bytes per compression, e.g.
//   { "initial": { "entry": "dist/cdn/jarvis-chat.js", "gzip": 12000 },
//     "total": { "entry": "dist/cdn/jarvis-chat.js", "lazy": true, "gzip": 30000 } }
// A group is the entry plus every file it imports statically, and with `lazy` also every file it
// imports with import(), followed transitively (see cdn-sizes.mjs). Each file is compressed on its
// own, as a browser fetches it, and the group's size is the sum. Prints every file and each group against its budget,
// and exits 1 when a group is over budget or a file is missing.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { scriptSizes } from './cdn-sizes.mjs';

const budgets = JSON.parse(await readFile('size-budget.json', 'utf8'));

const rows = [['', 'raw', 'gzip', 'brotli', 'budget', 'delta', '']];
const problems = [];
for (const [group, { entry, lazy = false, ...limits }] of Object.entries(budgets)) {
  let total;
  try {
    total = await scriptSizes(entry, { lazy });
  } catch (error) {
    problems.push(
      `${group}: ${error.path ? `${relative('.', error.path)} is missing` : error.message}; did the build write it?`,
    );
    continue;
  }
  for (const file of total.files) rows.push([`  ${file.file}`, file.raw, file.gzip, file.brotli, '', '', '']);
  for (const [compression, limit] of Object.entries(limits)) {
    if (!['raw', 'gzip', 'brotli'].includes(compression))
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
