import { getDocumentProxy } from 'unpdf';

/** The text layer of a PDF, page by page. */
export interface PdfText {
  /** The title in the document's metadata, when it has a useful one. */
  title?: string;
  /** Text of each page in order (`pages[0]` is page 1); pages without a text layer are empty. */
  pages: string[];
}

/**
 * Reads the text of every page of a PDF with PDF.js (through unpdf's build for servers, which needs
 * no worker, canvas or browser). Fonts are never loaded and scripts never run: only the text layer
 * is wanted. Throws an Error a person can act on for a damaged or password-protected file.
 */
export async function readPdfText(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new Error('The PDF is password-protected; upload a copy without a password.');
    }
    throw new Error(`The PDF could not be read (${describe(error)}); it may be damaged or incomplete.`);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      signal?.throwIfAborted();
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('');
      pages.push(tidy(text));
      page.cleanup();
    }
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    // Generators often leave "Untitled" or the source file's name (e.g. "Microsoft Word - x.docx").
    const useful = title && !/^untitled\b|\.(docx?|pdf|pptx?|odt)$/i.test(title);
    return { ...(useful ? { title } : {}), pages };
  } finally {
    await pdf.destroy();
  }
}

/** Collapses the runs of spaces PDF.js puts between positioned words. */
function tidy(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}
