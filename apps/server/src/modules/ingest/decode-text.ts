import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

export interface DecodeTextOptions {
  /** A `Content-Type` value; its `charset=` parameter is honoured. */
  contentType?: string | undefined;
  /** Look for `<meta charset>` / `http-equiv` in the first 1024 bytes, as browsers do for HTML. */
  html?: boolean;
}

/**
 * Decodes bytes the way a browser would: a byte-order mark wins, then the charset the server
 * named, then a `<meta>` charset near the top of HTML; without any, UTF-8 when the bytes are valid
 * UTF-8 and windows-1252 (what browsers assume for undeclared Western pages) when they are not.
 * Labels are read as the WHATWG Encoding standard reads them (so `iso-8859-1` and `latin1` mean
 * windows-1252, as in every browser); an unknown label is ignored rather than failing the page.
 * The bytes are decoded by iconv-lite: Node 20's TextDecoder reads windows-1252 as Latin-1 and
 * turns `€` and curly quotes (0x80–0x9f) into control characters.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  const header = encodingNamed(charsetIn(options.contentType ?? ''));
  if (header) return decodeAs(bytes, header);
  const meta = options.html ? encodingNamed(charsetIn(latin1(bytes.subarray(0, 1024)), true)) : undefined;
  // A <meta> that says UTF-16 was itself read as ASCII-compatible bytes, so it cannot be true;
  // the HTML standard reads such a page as UTF-8.
  if (meta) return decodeAs(bytes, meta.startsWith('utf-16') ? 'utf-8' : meta);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeAs(bytes, 'windows-1252');
  }
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8' || !iconv.encodingExists(encoding)) return new TextDecoder(encoding).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: true,
  });
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The WHATWG name for a charset label (`latin1` → `windows-1252`), or undefined for an unknown one. */
function encodingNamed(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function charsetIn(text: string, inMarkup = false): string | undefined {
  const pattern = inMarkup
    ? /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i
    : /charset\s*=\s*["']?\s*([\w.:-]+)/i;
  return text.match(pattern)?.[1]?.toLowerCase();
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
