import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { type FileSection, maxFileBytes, parseFile } from './parse-file.js';

/** A document read from a folder source: a whole file, or one page of a PDF. */
export interface FolderDocument extends FileSection {
  type: 'document';
  /** Path relative to the folder, with `/` separators. */
  path: string;
  /** Where the file is on disk. */
  absolutePath: string;
}

/** A file in the folder that could not be read, and why; the rest of the folder is still read. */
export interface FolderProblem {
  type: 'problem';
  path: string;
  absolutePath: string;
  reason: string;
}

// .mdx is read too: documentation sites (Docusaurus and the like) keep their pages in it.
const readableExtensions = new Set(['.md', '.markdown', '.mdx', '.txt', '.html', '.htm', '.pdf', '.docx']);

/**
 * Reads every Markdown, text, HTML, PDF and Word file under `location` recursively (or the one
 * file it names, whatever its extension), sorted by relative path, skipping dot-folders,
 * dot-files and node_modules. See `parseFile` for how each kind is read; a PDF yields one
 * document per page. A file that cannot be read is reported and skipped.
 */
export async function* readFolder(
  location: string,
  signal?: AbortSignal,
): AsyncGenerator<FolderDocument | FolderProblem> {
  const info = await stat(location);
  const root = info.isDirectory() ? location : dirname(location);
  const files = info.isDirectory() ? await listReadableFiles(location) : [location];
  const byPath = files.map((file) => ({ file, path: relative(root, file).split(sep).join('/') }));
  byPath.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { file, path } of byPath) {
    signal?.throwIfAborted();
    try {
      // Checked before reading, so a stray disk image is not loaded into memory to be refused.
      const { size } = await stat(file);
      if (size > maxFileBytes) {
        throw new Error(`${basename(file)} is larger than ${maxFileBytes / 1024 / 1024} MB; it was skipped.`);
      }
      const sections = await parseFile({ name: basename(file), bytes: await readFile(file) }, signal);
      for (const section of sections) yield { type: 'document', path, absolutePath: file, ...section };
    } catch (error) {
      signal?.throwIfAborted();
      const reason = error instanceof Error ? error.message : String(error);
      yield { type: 'problem', path, absolutePath: file, reason };
    }
  }
}

async function listReadableFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listReadableFiles(path)));
    else if (entry.isFile() && readableExtensions.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}
