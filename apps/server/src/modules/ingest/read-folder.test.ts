import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMarkdownFolder } from './read-folder.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-folder-'));
  await mkdir(join(dir, 'guides', 'deep'), { recursive: true });
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
  await writeFile(join(dir, 'index.md'), '# Welcome\n\nHello.');
  await writeFile(join(dir, 'guides', 'setup.markdown'), 'No heading here.');
  await writeFile(
    join(dir, 'guides', 'deep', 'shell.md'),
    '```sh\n# not a title\n```\n\n# Shell tips\n\nUse it.',
  );
  await writeFile(
    join(dir, 'guides', 'page.mdx'),
    '---\ntitle: "From front matter"\nsidebar: 2\n---\n# Heading\n\nBody.',
  );
  await writeFile(join(dir, 'notes.txt'), 'Plain text.');
  await writeFile(join(dir, 'Zebra.md'), '# Zebra');
  await writeFile(join(dir, 'image.png'), 'not text');
  await writeFile(join(dir, '.hidden.md'), '# hidden file');
  await writeFile(join(dir, '.git', 'HEAD.md'), '# hidden folder');
  await writeFile(join(dir, 'node_modules', 'pkg', 'README.md'), '# dependency');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(location: string) {
  const documents = [];
  for await (const document of readMarkdownFolder(location)) documents.push(document);
  return documents;
}

describe('readMarkdownFolder', () => {
  it('reads Markdown and text files recursively, sorted by relative path, skipping hidden and dependency folders', async () => {
    const documents = await collect(dir);
    expect(documents.map((document) => [document.path, document.title])).toEqual([
      ['Zebra.md', 'Zebra'],
      ['guides/deep/shell.md', 'Shell tips'],
      ['guides/page.mdx', 'From front matter'],
      ['guides/setup.markdown', 'setup'],
      ['index.md', 'Welcome'],
      ['notes.txt', 'notes'],
    ]);
  });

  it('leaves front matter out of the text and hashes the text it returns', async () => {
    const documents = await collect(dir);
    const page = documents.find((document) => document.path === 'guides/page.mdx')!;
    expect(page.markdown).toBe('# Heading\n\nBody.');
    expect(page.contentHash).toBe(createHash('sha256').update('# Heading\n\nBody.').digest('hex'));
  });

  it('reads a single file', async () => {
    const documents = await collect(join(dir, 'index.md'));
    expect(documents.map((document) => [document.path, document.markdown])).toEqual([
      ['index.md', '# Welcome\n\nHello.'],
    ]);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(collect(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
