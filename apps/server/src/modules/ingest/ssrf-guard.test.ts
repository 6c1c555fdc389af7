import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, createGuardedLookup, isForbiddenAddress } from './ssrf-guard.js';

describe('isForbiddenAddress', () => {
  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, whole block', '127.255.0.9'],
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.31.255.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['cloud metadata (link-local)', '169.254.169.254'],
    ['unspecified', '0.0.0.0'],
    ['multicast', '224.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['reserved 240/4', '240.0.0.1'],
    ['documentation', '192.0.2.10'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 unique local', 'fd12:3456::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:a9fe:a9fe'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['NAT64 of metadata', '64:ff9b::169.254.169.254'],
    ['6to4 of a private address', '2002:0a00:0001::1'],
    ['teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['not an address', 'not-an-ip'],
  ])('refuses %s (%s)', (_name, ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    'allows the public address %s',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );
});

describe('assertUrlAllowed', () => {
  it('refuses schemes other than http and https', () => {
    expect(() => assertUrlAllowed('file:///etc/passwd', [])).toThrow(/Only http and https/);
    expect(() => assertUrlAllowed('gopher://example.com/', [])).toThrow(/Only http and https/);
  });

  it('refuses credentials in the URL', () => {
    expect(() => assertUrlAllowed('http://user:pw@example.com/', [])).toThrow(/credentials/);
  });

  it('refuses literal private addresses in any spelling', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:7f00:1]/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]:8080/',
    ]) {
      expect(() => assertUrlAllowed(url, []), url).toThrow(
        expect.objectContaining({
          code: 'ERR_SSRF_BLOCKED',
          message: expect.stringMatching(/private or reserved/),
        }),
      );
    }
  });

  it('lets public hosts and operator-allowed hosts through', () => {
    expect(assertUrlAllowed('https://example.com/docs', []).hostname).toBe('example.com');
    expect(assertUrlAllowed('http://127.0.0.1:8080/docs', ['127.0.0.1']).port).toBe('8080');
    expect(assertUrlAllowed('http://[::1]/', ['::1']).hostname).toBe('[::1]');
  });
});

describe('createGuardedLookup', () => {
  const lookup = (host: string, allow: string[], all = false) =>
    new Promise<string | LookupAddress[]>((resolve, reject) =>
      createGuardedLookup(allow)(host, { all }, (error, address) =>
        error ? reject(error) : resolve(address),
      ),
    );

  it('refuses a name that resolves to a loopback address, naming host and address', async () => {
    await expect(lookup('localhost', [])).rejects.toMatchObject({
      code: 'ERR_SSRF_BLOCKED',
      message: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1)/),
    });
  });

  it('resolves a host the operator allowed, in both callback shapes', async () => {
    expect(await lookup('localhost', ['localhost'])).toMatch(/^(127\.0\.0\.1|::1)$/);
    const all = await lookup('localhost', ['LOCALHOST'], true);
    expect(Array.isArray(all) && all.length).toBeGreaterThan(0);
  });

  it('passes resolver errors through unchanged', async () => {
    await expect(lookup('no-such-host.invalid', [])).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
