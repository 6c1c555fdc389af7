import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('decodeText', () => {
  it('reads UTF-8 without being told', () => {
    expect(decodeText(Buffer.from('Café ☕'))).toBe('Café ☕');
  });

  it('honours the charset in the Content-Type header', () => {
    expect(decodeText(latin1('caf\xe9'), { contentType: 'text/plain; charset=ISO-8859-1' })).toBe('café');
  });

  it('honours a <meta charset> near the top of HTML when the header names none', () => {
    const html = latin1('<meta charset="windows-1252"><p>na\xefve \x80 5</p>');
    expect(decodeText(html, { contentType: 'text/html', html: true })).toContain('naïve € 5');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    expect(decodeText(latin1('Cr\xe8me br\xfbl\xe9e'))).toBe('Crème brûlée');
  });

  it('lets a byte-order mark win over the declared charset', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße', 'utf16le')]);
    expect(decodeText(utf16, { contentType: 'text/plain; charset=iso-8859-1' })).toBe('Grüße');
  });

  it('ignores a charset label it does not know', () => {
    expect(decodeText(Buffer.from('Café'), { contentType: 'text/html; charset=klingon' })).toBe('Café');
  });
});
