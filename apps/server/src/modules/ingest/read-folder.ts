import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';

/** A text file read from a folder source. */
export interface FolderDocument {
  /** Path relative to the folder, with `/` separators. */
  path: string;
  title: string;
  markdown: string;
  contentHash: string;
}

const textExtensions = new Set(['.md', '.markdown', '.mdx', '.txt']);

/**
 * Reads every Markdown or text file under `location` (or the one file it names), sorted by path,
 * skipping dot-folders and node_modules.
 */
export async function* readMarkdownFolder(location: string): AsyncGenerator<FolderDocument> {
  const info = await stat(location);
  const root = info.isDirectory() ? location : join(location, '..');
  const files = info.isDirectory() ? (await listFiles(location)).sort() : [location];
  for (const file of files) {
    const markdown = await readFile(file, 'utf8');
    const heading = markdown.match(/^\s{0,3}#\s+(.+?)\s*#*\s*$/m)?.[1];
    yield {
      path: relative(root, file).split(sep).join('/'),
      title: heading ?? basename(file, extname(file)),
      markdown,
      contentHash: createHash('sha256').update(markdown).digest('hex'),
    };
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile() && textExtensions.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}
