import mammoth from 'mammoth';

/**
 * Converts a Word document (.docx) to HTML with mammoth, which maps Word's heading styles to
 * `<h1>`–`<h6>` and keeps lists and tables. Images are left out (they would arrive as large data
 * URLs with nothing to search in them) and files the document links to on disk are never read.
 */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    return result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The Word document could not be read (${reason}); it may be damaged or incomplete.`);
  }
}
