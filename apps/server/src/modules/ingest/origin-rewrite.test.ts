import { describe, expect, it } from 'vitest';
import { createOriginRewriter, parseOriginMapping } from './origin-rewrite.js';

describe('origin rewriting', () => {
  it('parses FROM=TO into two origins, dropping any path', () => {
    expect(parseOriginMapping('https://www.example.com/=http://127.0.0.1:8000/docs')).toEqual({
      from: 'https://www.example.com',
      to: 'http://127.0.0.1:8000',
    });
  });

  it('refuses text that is not two http(s) origins, showing the expected form', () => {
    for (const bad of ['nope', 'https://a.example', 'https://a.example=file:///etc', '=http://127.0.0.1']) {
      expect(() => parseOriginMapping(bad)).toThrow(/--map-origin takes FROM=TO, two http\(s\) origins/);
    }
  });

  it('rewrites only URLs on a mapped origin, keeping path, query and fragment', () => {
    const rewrite = createOriginRewriter([{ from: 'https://www.example.com', to: 'http://127.0.0.1:8000' }]);
    expect(rewrite('https://www.example.com/api/?page=2#top')).toBe('http://127.0.0.1:8000/api/?page=2#top');
    expect(rewrite('https://WWW.EXAMPLE.COM:443/x')).toBe('http://127.0.0.1:8000/x');
    expect(rewrite('http://www.example.com/x')).toBe('http://www.example.com/x');
    expect(rewrite('https://other.example/x')).toBe('https://other.example/x');
    expect(rewrite('not a url')).toBe('not a url');
  });
});
