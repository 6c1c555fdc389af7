import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMarkdownFolder } from './read-folder.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-folder-'));
  await mkdir(join(dir, 'guides'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'node_modules'));
  await writeFile(join(dir, 'index.md'), '# Welcome\n\nHello.');
  await writeFile(join(dir, 'guides', 'setup.markdown'), 'No heading here.');
  await writeFile(join(dir, 'notes.txt'), 'Plain text.');
  await writeFile(join(dir, 'image.png'), 'not text');
  await writeFile(join(dir, '.git', 'HEAD.md'), '# hidden');
  await writeFile(join(dir, 'node_modules', 'x.md'), '# dependency');
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
  it('reads Markdown and text files recursively, sorted, with titles', async () => {
    const documents = await collect(dir);
    expect(documents.map((document) => [document.path, document.title])).toEqual([
      ['guides/setup.markdown', 'setup'],
      ['index.md', 'Welcome'],
      ['notes.txt', 'notes'],
    ]);
    expect(documents[1]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a single file', async () => {
    const documents = await collect(join(dir, 'index.md'));
    expect(documents.map((document) => document.path)).toEqual(['index.md']);
  });
});
