import { Readable, type Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

type Body = AsyncIterable<Buffer> & { destroy(): unknown };

/** Reads at most `maxBytes` of a body, then destroys the stream so the rest is never read. */
export async function readAtMost(body: Body, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    parts.push(part);
    size += part.length;
    if (size >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(parts).subarray(0, maxBytes);
}

const gzipMagic = Buffer.from([0x1f, 0x8b]);
const gzipFileTypes = /^application\/(x-)?gzip\b/i;

/**
 * Undoes what was done to a body on the way: the `Content-Encoding` (gzip, deflate, br), and, for
 * a gzip file such as `sitemap.xml.gz`, the file's own compression. The result is cut at `maxBytes`
 * too, so a small compressed body cannot unpack into gigabytes; a body that was cut before it
 * ended still yields what it holds.
 */
export async function decodeBody(
  raw: Buffer,
  response: { contentEncoding: string | undefined; contentType: string; url: URL },
  maxBytes: number,
): Promise<Buffer> {
  let bytes = raw;
  const encodings = (response.contentEncoding ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding && encoding !== 'identity');
  // Encodings are listed in the order they were applied, so they come off in reverse.
  for (const encoding of encodings.reverse()) {
    const decoder = decoderFor(encoding);
    if (!decoder) throw new Error(`The server sent an unsupported Content-Encoding (${encoding}).`);
    bytes = await readAtMost(Readable.from([bytes]).pipe(decoder), maxBytes);
  }
  const gzipFile =
    gzipFileTypes.test(response.contentType) || response.url.pathname.toLowerCase().endsWith('.gz');
  if (gzipFile && bytes.subarray(0, 2).equals(gzipMagic)) {
    bytes = await readAtMost(Readable.from([bytes]).pipe(decoderFor('gzip')!), maxBytes);
  }
  return bytes;
}

function decoderFor(encoding: string): Transform | undefined {
  // Sync flush instead of finish: a body cut at the byte cap still gives up what it holds.
  if (encoding === 'gzip' || encoding === 'x-gzip')
    return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
  if (encoding === 'deflate') return createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
  if (encoding === 'br') return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
  return undefined;
}
