/** The kinds of file Jarvis can read. */
export type FileType = 'pdf' | 'docx' | 'html' | 'markdown' | 'text';

/** What the file says it is: its name and the content type it was served or uploaded with. */
export interface FileTypeHint {
  name?: string | undefined;
  contentType?: string | undefined;
}

const pdfMagic = Buffer.from('%PDF-');
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// The tags the WHATWG MIME sniffing standard takes as "this is HTML" when a document starts with one.
const htmlStart =
  /^(?:\u00ef\u00bb\u00bf)?\s*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>/]/i;

/**
 * The real type of a file, read from its bytes rather than trusted from its name or content type:
 * a "PDF" that is really an HTML error page is HTML, an `.html` that starts with `%PDF-` is a PDF.
 * The name and content type only decide between kinds the bytes cannot tell apart (Markdown or
 * plain text; an HTML fragment). Returns undefined for binary files Jarvis cannot read (images,
 * archives, spreadsheets).
 */
export function sniffFileType(bytes: Uint8Array, hint: FileTypeHint = {}): FileType | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  const declared = declaredType(hint);
  // PDF readers accept the header anywhere in the first 1024 bytes (some generators put junk
  // first), but only a file that says it is a PDF gets that benefit: a web page about PDFs may
  // well quote "%PDF-1.7" near its top.
  if (head.indexOf(pdfMagic) === 0 || (declared === 'pdf' && head.includes(pdfMagic))) return 'pdf';
  if (head.subarray(0, 4).equals(zipMagic)) return isWordDocument(bytes) ? 'docx' : undefined;
  if (looksBinary(head)) return undefined;
  if (declared === 'html' || htmlStart.test(head.toString('latin1'))) return 'html';
  return declared === 'markdown' ? 'markdown' : 'text';
}

/** A .docx is a zip whose central directory names `word/document.xml`. */
function isWordDocument(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml');
}

/** NUL bytes (outside UTF-16, which announces itself with a byte-order mark) mean binary. */
function looksBinary(head: Buffer): boolean {
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  return !utf16 && head.includes(0);
}

function declaredType(hint: FileTypeHint): 'pdf' | 'html' | 'markdown' | undefined {
  const type = hint.contentType?.split(';')[0]?.trim().toLowerCase();
  const extension = hint.name?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (type === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (extension === 'html' || extension === 'htm' || extension === 'xhtml') return 'html';
  if (extension === 'md' || extension === 'markdown' || extension === 'mdx') return 'markdown';
  return undefined;
}
