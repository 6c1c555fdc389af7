import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from './chunk-markdown.js';

describe('chunkMarkdown', () => {
  it('keeps the heading path of every chunk', () => {
    const chunks = chunkMarkdown(
      '# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n\n### Linux\n\nUse apt.\n\n## Usage\n\nCall it.',
    );
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([
      ['Guide'],
      ['Guide', 'Install'],
      ['Guide', 'Install', 'Linux'],
      ['Guide', 'Usage'],
    ]);
    expect(chunks[2]!.content).toBe('Use apt.');
  });

  it('does not treat # inside fenced code as a heading, nor cut the fence', () => {
    const markdown = '# Title\n\n```sh\n# a comment\necho hi\n```\n\nAfter.';
    const chunks = chunkMarkdown(markdown);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.content).toContain('```sh\n# a comment\necho hi\n```');
  });

  it('packs paragraphs up to the budget and overlaps consecutive chunks', () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i} says something useful. It ends here ${i}.`,
    );
    const chunks = chunkMarkdown(`# Long\n\n${paragraphs.join('\n\n')}`, {
      maxTokens: 40,
      overlapTokens: 10,
    });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(50);
    expect(chunks[1]!.content.startsWith('It ends here')).toBe(true);
  });

  it('cuts a paragraph longer than the budget at sentence ends', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunkMarkdown(long, { maxTokens: 50, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.content).toMatch(/\.$/);
  });

  it('drops empty sections', () => {
    expect(chunkMarkdown('# Only a heading\n\n## Another\n\n   \n')).toEqual([]);
  });
});
