import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';

/** A text file read from a folder source. */
export interface FolderDocument {
  /** Path relative to the folder, with `/` separators. */
  path: string;
  /** The front matter's `title`, else the first `# ` heading, else the file name without extension. */
  title: string;
  /** The file's text without its YAML front matter. */
  markdown: string;
  /** sha256 of `markdown`, hex; unchanged files are skipped on re-sync. */
  contentHash: string;
}

// .mdx is read too: documentation sites (Docusaurus and the like) keep their pages in it.
const textExtensions = new Set(['.md', '.markdown', '.mdx', '.txt']);

/**
 * Reads every Markdown or text file under `location` recursively (or the one file it names),
 * sorted by relative path, skipping dot-folders, dot-files and node_modules.
 */
export async function* readMarkdownFolder(location: string): AsyncGenerator<FolderDocument> {
  const info = await stat(location);
  const root = info.isDirectory() ? location : dirname(location);
  const files = info.isDirectory() ? await listTextFiles(location) : [location];
  const byPath = files.map((file) => ({ file, path: relative(root, file).split(sep).join('/') }));
  byPath.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { file, path } of byPath) {
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const frontMatter = text.match(/^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/);
    const markdown = frontMatter ? text.slice(frontMatter[0].length) : text;
    const title =
      frontMatter?.[1]?.match(/^title:\s*["']?(.+?)["']?\s*$/m)?.[1] ??
      firstHeading(markdown) ??
      basename(file, extname(file));
    yield { path, title, markdown, contentHash: createHash('sha256').update(markdown).digest('hex') };
  }
}

/** The first level-one ATX heading outside fenced code (a `# comment` in a shell example is not a title). */
function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const mark = line.match(/^\s*(`{3,}|~{3,})/)?.[1];
    if (mark && (!fence || (mark[0] === fence[0] && mark.length >= fence.length))) {
      fence = fence ? undefined : mark;
      continue;
    }
    if (fence) continue;
    const heading = line.match(/^\s{0,3}#\s+(.+?)(?:\s+#+)?\s*$/)?.[1];
    if (heading) return heading;
  }
  return undefined;
}

async function listTextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listTextFiles(path)));
    else if (entry.isFile() && textExtensions.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}
