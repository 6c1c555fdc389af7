import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chunkMarkdown, estimateTokens } from './chunk-markdown.js';
import { extractPage } from './extract-page.js';

const fixtures = new URL('../../../../../../shared/fixtures/sites/', import.meta.url);
const haveFixtures = existsSync(fixtures);

describe('chunkMarkdown', () => {
  it('keeps the path of headings above every chunk', () => {
    const chunks = chunkMarkdown(
      '# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n\n### Linux\n\nUse apt.\n\n## Usage\n\nCall it.',
    );
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.content])).toEqual([
      [['Guide'], 'Intro text.'],
      [['Guide', 'Install'], 'Run the installer.'],
      [['Guide', 'Install', 'Linux'], 'Use apt.'],
      [['Guide', 'Usage'], 'Call it.'],
    ]);
  });

  it('does not treat # inside fenced code as a heading, nor cut the fence', () => {
    const markdown = '# Title\n\n```sh\n# a comment\n\necho hi\n```\n\nAfter.';
    const chunks = chunkMarkdown(markdown);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.headingPath).toEqual(['Title']);
    expect(chunks[0]!.content).toBe('```sh\n# a comment\n\necho hi\n```\n\nAfter.');
  });

  it('moves a code block whole to the next chunk rather than cutting it', () => {
    const prose = 'Some words about the setup that come before the example and explain it. '.repeat(3).trim();
    const code = `\`\`\`python\n${Array.from({ length: 8 }, (_, i) => `value_${i} = compute(${i})`).join('\n')}\n\`\`\``;
    const chunks = chunkMarkdown(`# Setup\n\n${prose}\n\n${code}`, { maxTokens: 80, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.content)).toEqual([prose, code]);
  });

  it('cuts a code block that alone exceeds the budget at line ends, fencing every piece', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `print("line ${i} of the long example")`);
    const chunks = chunkMarkdown(`\`\`\`python\n${lines.join('\n')}\n\`\`\``, { maxTokens: 100 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.content).toMatch(/^```python\n[^`]+\n```$/);
      expect(chunk.tokenCount).toBeLessThanOrEqual(100);
    }
    const rejoined = chunks.flatMap((chunk) => chunk.content.split('\n').slice(1, -1));
    expect(rejoined).toEqual(lines);
  });

  it('cuts a long table at row ends, repeating its header', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `| setting_${i} | the default value for setting ${i} |`,
    );
    const table = ['| Name | Default |', '| --- | --- |', ...rows].join('\n');
    const chunks = chunkMarkdown(table, { maxTokens: 120 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks)
      expect(chunk.content.startsWith('| Name | Default |\n| --- | --- |\n|')).toBe(true);
  });

  it('packs paragraphs up to the budget and overlaps consecutive chunks with trailing sentences', () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i} says something useful. It ends here ${i}.`,
    );
    const chunks = chunkMarkdown(`# Long\n\n${paragraphs.join('\n\n')}`, {
      maxTokens: 40,
      overlapTokens: 10,
    });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(40);
    for (let i = 1; i < chunks.length; i += 1) {
      const previousEnd = chunks[i - 1]!.content.split('\n\n').at(-1)!.split('. ').at(-1)!;
      expect(chunks[i]!.content.startsWith(previousEnd)).toBe(true);
    }
  });

  it('cuts a paragraph longer than the budget at sentence ends', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunkMarkdown(long, { maxTokens: 50, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.content).toMatch(/^Sentence number \d+ is here\..*\.$/);
  });

  it('cuts a run-on text without sentence ends at spaces', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkMarkdown(words, { maxTokens: 50, overlapTokens: 0 });
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(50);
    expect(chunks.map((chunk) => chunk.content).join(' ')).toBe(words);
  });

  it('drops empty sections and whitespace-only chunks', () => {
    expect(chunkMarkdown('# Only a heading\n\n## Another\n\n   \n\t\n')).toEqual([]);
    expect(chunkMarkdown('')).toEqual([]);
  });

  it('estimates tokens as characters / 4', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(chunkMarkdown('Twelve chars')[0]!.tokenCount).toBe(3);
  });

  it.skipIf(!haveFixtures)('chunks a real documentation page within budget (needs ../shared)', async () => {
    const html = await readFile(new URL('drf/api-guide/serializers/index.html', fixtures), 'utf8');
    const { markdown } = extractPage(html, 'http://127.0.0.1/api-guide/serializers/');
    const chunks = chunkMarkdown(markdown);
    expect(chunks.length).toBeGreaterThan(40);
    for (const chunk of chunks) {
      expect(chunk.headingPath[0]).toBe('Serializers');
      expect(chunk.tokenCount).toBeLessThanOrEqual(300);
      // Every chunk that opens a fence closes it.
      expect((chunk.content.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    expect(chunks.some((chunk) => chunk.headingPath.join(' > ') === 'Serializers > ModelSerializer')).toBe(
      true,
    );
  });
});
