// What a browser downloads for a script: the entry plus every file it imports statically and, with
// `lazy`, every file it imports with import(), followed transitively, each compressed on its own as a
// browser fetches it. Used by the size budget (check-size.mjs) and by `pnpm bench:widget`.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Raw, gzip (level 9) and brotli (quality 11) sizes of one file's bytes.
 * @param {Uint8Array} bytes
 * @returns {{ raw: number, gzip: number, brotli: number }}
 */
export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// Minified rollup output: `from"./x.js"` and `import"./x.js"` are static, `import("./x.js")` is lazy.
// Only relative string specifiers count: `import(variable)` cannot be followed and bare names are
// not files the page loads.
const staticImport = /(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g;
const lazyImport = /import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

/**
 * The entry and the files it imports, in load order, as paths joined onto the entry's folder.
 * Rejects with the read error (its `path` names the missing file) when one cannot be read.
 * @param {string} entry
 * @param {boolean} lazy also follow import()
 * @returns {Promise<string[]>}
 */
export async function importedFiles(entry, lazy) {
  /** @type {Set<string>} */
  const seen = new Set();
  const pending = [entry];
  for (let file = pending.shift(); file !== undefined; file = pending.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    for (const pattern of lazy ? [staticImport, lazyImport] : [staticImport]) {
      for (const [, specifier = ''] of source.matchAll(pattern)) pending.push(join(dirname(file), specifier));
    }
  }
  return [...seen];
}

// A file reached from several entries (initial and total share theirs) is compressed once.
/** @type {Map<string, { file: string, raw: number, gzip: number, brotli: number }>} */
const sizesByFile = new Map();

/**
 * Sizes of one file, compressed once per process.
 * @param {string} file
 * @returns {Promise<{ file: string, raw: number, gzip: number, brotli: number }>}
 */
export async function fileSizes(file) {
  let sizes = sizesByFile.get(file);
  if (!sizes) {
    sizes = { file, ...compressedSizes(await readFile(file)) };
    sizesByFile.set(file, sizes);
  }
  return sizes;
}

/**
 * Every file an entry script loads (see importedFiles) with its sizes, and their sums.
 * @param {string} entry
 * @param {{ lazy?: boolean }} [options] `lazy`: count what import() loads later too
 * @returns {Promise<{ files: { file: string, raw: number, gzip: number, brotli: number }[], raw: number, gzip: number, brotli: number }>}
 */
export async function scriptSizes(entry, options = {}) {
  const files = await Promise.all((await importedFiles(entry, options.lazy ?? false)).map(fileSizes));
  /** @param {'raw' | 'gzip' | 'brotli'} key */
  const sum = (key) => files.reduce((total, file) => total + file[key], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}
