import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FolderDocument, readFolder } from './read-folder.js';

let dir: string;
let office: string;
const fixture = (name: string) => new URL(`./test-fixtures/${name}`, import.meta.url);

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
  office = await mkdtemp(join(tmpdir(), 'jarvis-office-'));
  await copyFile(fixture('handbook.pdf'), join(office, 'handbook.pdf'));
  await copyFile(fixture('onboarding.docx'), join(office, 'onboarding.docx'));
  await writeFile(
    join(office, 'menu.html'),
    Buffer.from('<meta charset="iso-8859-1"><title>Men\xfc</title><p>Cr\xe8me br\xfbl\xe9e</p>', 'latin1'),
  );
  await writeFile(join(office, 'scan.pdf'), '<html><body>404 Not Found</body></html>');
  await writeFile(join(office, 'broken.docx'), Buffer.from('504b030414000000', 'hex'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(office, { recursive: true, force: true });
});

async function collect(location: string) {
  const entries = [];
  for await (const entry of readFolder(location)) entries.push(entry);
  return entries;
}

/** The documents of a folder in which every file is readable. */
async function documentsIn(location: string): Promise<FolderDocument[]> {
  const entries = await collect(location);
  expect(entries.filter((entry) => entry.type === 'problem')).toEqual([]);
  return entries as FolderDocument[];
}

describe('readFolder', () => {
  it('reads Markdown and text files recursively, sorted by relative path, skipping hidden and dependency folders', async () => {
    const documents = await documentsIn(dir);
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
    const documents = await documentsIn(dir);
    const page = documents.find((document) => document.path === 'guides/page.mdx')!;
    expect(page.markdown).toBe('# Heading\n\nBody.');
    expect(page.contentHash).toBe(createHash('sha256').update('# Heading\n\nBody.').digest('hex'));
  });

  it('reads a single file', async () => {
    const documents = await documentsIn(join(dir, 'index.md'));
    expect(documents.map((document) => [document.path, document.markdown])).toEqual([
      ['index.md', '# Welcome\n\nHello.'],
    ]);
  });

  it('reads PDFs page by page, Word documents and HTML in legacy encodings, reporting files it cannot read', async () => {
    const entries = await collect(office);
    expect(
      entries.map((entry) =>
        entry.type === 'document' ? [entry.path, entry.page, entry.title] : [entry.path, entry.reason],
      ),
    ).toEqual([
      ['broken.docx', 'broken.docx is not a PDF, Word (.docx), HTML, Markdown or plain-text file.'],
      ['handbook.pdf', 1, 'Staff handbook, page 1'],
      ['handbook.pdf', 2, 'Staff handbook, page 2'],
      ['menu.html', undefined, 'Menü'],
      ['onboarding.docx', undefined, 'Onboarding guide'],
      ['scan.pdf', undefined, 'scan'],
    ]);
    const menu = entries.find((entry) => entry.path === 'menu.html');
    expect(menu).toMatchObject({ markdown: expect.stringContaining('Crème brûlée') });
  });

  it('reads a single PDF named on its own', async () => {
    const entries = await collect(join(office, 'handbook.pdf'));
    expect(entries.map((entry) => entry.type === 'document' && entry.page)).toEqual([1, 2]);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(collect(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
