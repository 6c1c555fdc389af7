import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { maxFileBytes, parseFile } from './parse-file.js';

const fixture = (name: string) => readFile(new URL(`./test-fixtures/${name}`, import.meta.url));

describe('parseFile', () => {
  it('reads a PDF page by page, titled from its metadata, with page numbers', async () => {
    const sections = await parseFile({ name: 'handbook.pdf', bytes: await fixture('handbook.pdf') });
    expect(sections.map(({ page, title }) => ({ page, title }))).toEqual([
      { page: 1, title: 'Staff handbook, page 1' },
      { page: 2, title: 'Staff handbook, page 2' },
    ]);
    expect(sections[0]!.markdown).toContain('27 days of paid leave');
    expect(sections[1]!.markdown).toMatch(/^# Staff handbook, page 2\n\nExpenses\nTravel expenses/);
  });

  it('reads a Word document with its headings as Markdown headings', async () => {
    const [section, ...rest] = await parseFile({
      name: 'onboarding.docx',
      bytes: await fixture('onboarding.docx'),
    });
    expect(rest).toEqual([]);
    expect(section).toMatchObject({ title: 'Onboarding guide' });
    expect(section!.markdown).toBe(
      '# Onboarding guide\n\nEvery new starter meets their buddy on the first Monday.\n\n## Equipment\n\nLaptops are handed out by the IT desk on floor 3.',
    );
  });

  it('reads a "PDF" that is really an HTML page as HTML', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>Session expired</title></head><body><main><h1>Session expired</h1><p>Please sign in again to download the report.</p></main></body></html>';
    const sections = await parseFile({
      name: 'report.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.from(html),
    });
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ title: 'Session expired' });
    expect(sections[0]!.markdown).toContain('Please sign in again');
  });

  it('keeps an HTML page that quotes a PDF header near its top as HTML', async () => {
    const html =
      '<html><head><title>File signatures</title></head><body><p>Every PDF starts with %PDF-1.7.</p></body></html>';
    const [section] = await parseFile({ name: 'signatures.html', bytes: Buffer.from(html) });
    expect(section).toMatchObject({ title: 'File signatures' });
    expect(section!.markdown).toContain('%PDF-1.7');
  });

  it('reads a PDF uploaded under another name by its bytes', async () => {
    const sections = await parseFile({
      name: 'notes.txt',
      contentType: 'text/plain',
      bytes: await fixture('handbook.pdf'),
    });
    expect(sections.map((section) => section.page)).toEqual([1, 2]);
  });

  it('decodes HTML in windows-1252 as its <meta> says, and undeclared Latin-1 text', async () => {
    const [page] = await parseFile({
      name: 'menu.html',
      bytes: Buffer.from(
        '<html><head><meta charset="windows-1252"><title>Men\xfc</title></head><body><p>Cr\xe8me br\xfbl\xe9e: 7 \x80</p></body></html>',
        'latin1',
      ),
    });
    expect(page).toMatchObject({ title: 'Menü' });
    expect(page!.markdown).toContain('Crème brûlée: 7 €');
    const [text] = await parseFile({ name: 'notes.txt', bytes: Buffer.from('Caf\xe9 au lait', 'latin1') });
    expect(text!.markdown).toBe('Café au lait');
  });

  it('reads Markdown without its front matter, titled from it', async () => {
    const [section] = await parseFile({
      name: 'guide.md',
      bytes: Buffer.from('---\ntitle: Getting started\n---\n# Install\n\nRun it.'),
    });
    expect(section).toMatchObject({ title: 'Getting started', markdown: '# Install\n\nRun it.' });
  });

  it('refuses a binary file it cannot read, naming it', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    await expect(parseFile({ name: 'logo.pdf', bytes: png })).rejects.toThrow(
      'logo.pdf is not a PDF, Word (.docx), HTML, Markdown or plain-text file.',
    );
  });

  it('refuses a damaged PDF and a zip that is not a Word document with a clear message', async () => {
    const pdf = await fixture('handbook.pdf');
    await expect(parseFile({ name: 'cut.pdf', bytes: pdf.subarray(0, 40) })).rejects.toThrow(
      /^cut\.pdf: The PDF could not be read .*damaged or incomplete/,
    );
    const zip = Buffer.from('504b0304140000000000', 'hex');
    await expect(parseFile({ name: 'archive.docx', bytes: zip })).rejects.toThrow(
      /archive\.docx is not a PDF/,
    );
  });

  it('refuses a file over the size limit, saying the limit', async () => {
    const big = Buffer.alloc(maxFileBytes + 1, 'a');
    await expect(parseFile({ name: 'big.txt', bytes: big })).rejects.toThrow(
      'big.txt is 10 MB; files up to 10 MB can be read.',
    );
  });

  it('refuses a file without any text', async () => {
    await expect(parseFile({ name: 'empty.md', bytes: Buffer.from('\n\n') })).rejects.toThrow(
      'empty.md has no text in it.',
    );
  });
});
