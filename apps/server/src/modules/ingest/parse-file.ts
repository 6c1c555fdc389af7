import { createHash } from 'node:crypto';
import { decodeText } from './decode-text.js';
import { extractPage } from './extract-page.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { docxToHtml } from './parse-docx.js';
import { readPdfText } from './parse-pdf.js';
import { sniffFileType } from './sniff-file-type.js';

/** Files larger than this are refused: 10 MB holds a few thousand pages of text. */
export const maxFileBytes = 10 * 1024 * 1024;

/** A file to read: its bytes, its name, and what it was served or uploaded as. */
export interface FileToRead {
  name: string;
  bytes: Uint8Array;
  contentType?: string | undefined;
  /** Where the file lives on the web, if it does: relative links in HTML are resolved against it. */
  url?: string | undefined;
}

/** One document made from a file: the whole file, or one page of a PDF. */
export interface FileSection {
  /** The PDF page this section holds (1-based); absent for other kinds of file. */
  page?: number;
  title: string;
  markdown: string;
  /** sha256 of `markdown`, hex; unchanged files are skipped on re-sync. */
  contentHash: string;
}

/**
 * Reads a PDF, Word (.docx), HTML, Markdown or plain-text file into Markdown documents. The kind is
 * read from the bytes (see `sniffFileType`), never trusted from the name alone. A PDF gives one
 * section per page that has text, so a citation can name its page. Text and HTML in legacy
 * encodings (windows-1252, ISO-8859-x, Shift_JIS…) are decoded by their declared or sniffed
 * charset. Throws an Error naming the file and what to do about it when the file cannot be read.
 */
export async function parseFile(file: FileToRead, signal?: AbortSignal): Promise<FileSection[]> {
  if (file.bytes.byteLength > maxFileBytes) {
    throw new Error(
      `${file.name} is ${megabytes(file.bytes.byteLength)}; files up to ${megabytes(maxFileBytes)} can be read.`,
    );
  }
  const type = sniffFileType(file.bytes, { name: file.name, contentType: file.contentType });
  if (!type) {
    throw new Error(`${file.name} is not a PDF, Word (.docx), HTML, Markdown or plain-text file.`);
  }
  const fallbackTitle = file.name.replace(/^.*[/\\]/, '').replace(/\.[a-z0-9]+$/i, '') || file.name;
  let sections: Omit<FileSection, 'contentHash'>[];
  if (type === 'pdf') {
    const pdf = await readPdfText(file.bytes, signal).catch((error: Error) => {
      throw new Error(`${file.name}: ${error.message}`);
    });
    const title = pdf.title ?? fallbackTitle;
    sections = pdf.pages.flatMap((text, index) => {
      if (!text) return [];
      const pageTitle = `${title}, page ${index + 1}`;
      return [{ page: index + 1, title: pageTitle, markdown: `# ${pageTitle}\n\n${text}` }];
    });
    if (sections.length === 0) {
      throw new Error(
        `${file.name} has no text layer (it may be a scan); Jarvis does not read text in images.`,
      );
    }
  } else if (type === 'docx') {
    const html = await docxToHtml(file.bytes).catch((error: Error) => {
      throw new Error(`${file.name}: ${error.message}`);
    });
    const markdown = htmlToMarkdown(html);
    sections = [{ title: firstHeading(markdown) ?? fallbackTitle, markdown }];
  } else if (type === 'html') {
    const html = decodeText(file.bytes, { contentType: file.contentType, html: true });
    const page = extractPage(html, file.url ?? `file:///${encodeURIComponent(file.name)}`);
    const hasTitle = /<title[\s>]|<h1[\s>]/i.test(html);
    sections = [{ title: hasTitle ? page.title : fallbackTitle, markdown: page.markdown }];
  } else {
    const text = decodeText(file.bytes, { contentType: file.contentType });
    const frontMatter = text.match(/^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/);
    const markdown = frontMatter ? text.slice(frontMatter[0].length) : text;
    const title =
      frontMatter?.[1]?.match(/^title:\s*["']?(.+?)["']?\s*$/m)?.[1] ??
      firstHeading(markdown) ??
      fallbackTitle;
    sections = [{ title, markdown }];
  }
  const withText = sections.filter((section) => section.markdown.trim());
  if (withText.length === 0) throw new Error(`${file.name} has no text in it.`);
  return withText.map((section) => ({
    ...section,
    contentHash: createHash('sha256').update(section.markdown).digest('hex'),
  }));
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

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
