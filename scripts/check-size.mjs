// Size budget check, run after a package's build from its folder: reads size-budget.json
// ({ "file": { "gzip": bytes } }), prints raw/gzip/brotli sizes against the budget, fails when over.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const budgets = JSON.parse(await readFile('size-budget.json', 'utf8'));
let over = false;
const rows = [];
for (const [file, budget] of Object.entries(budgets)) {
  const bytes = await readFile(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const delta = gzip - budget.gzip;
  if (delta > 0) over = true;
  rows.push({ file, raw: bytes.length, gzip, brotli, budget: budget.gzip, headroom: -delta });
}
console.table(rows);
if (over) {
  console.error(
    'Over the size budget: make it smaller, or raise the budget in size-budget.json and say why in the commit.',
  );
  process.exit(1);
}
