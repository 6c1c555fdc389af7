import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, createGuardedLookup, isForbiddenAddress } from './ssrf-guard.js';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows public %s',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );
});

describe('assertUrlAllowed', () => {
  it('refuses non-HTTP schemes, credentials and private literal addresses', () => {
    expect(() => assertUrlAllowed('file:///etc/passwd', [])).toThrow(/Only http and https/);
    expect(() => assertUrlAllowed('http://user:pw@example.com/', [])).toThrow(/credentials/);
    expect(() => assertUrlAllowed('http://169.254.169.254/latest/meta-data/', [])).toThrow(
      /private or reserved/,
    );
    expect(() => assertUrlAllowed('http://[::ffff:7f00:1]/', [])).toThrow(/private or reserved/);
  });

  it('lets an operator allow named hosts', () => {
    expect(assertUrlAllowed('http://127.0.0.1:8080/docs', ['127.0.0.1']).port).toBe('8080');
  });
});

describe('createGuardedLookup', () => {
  const lookup = (host: string, allow: string[]) =>
    new Promise<string>((resolve, reject) =>
      createGuardedLookup(allow)(host, {}, (error, address) =>
        error ? reject(error) : resolve(String(address)),
      ),
    );

  it('refuses a name that resolves to a loopback address at connect time', async () => {
    await expect(lookup('localhost', [])).rejects.toMatchObject({ code: 'ERR_SSRF_BLOCKED' });
  });

  it('resolves allowed hosts', async () => {
    expect(await lookup('localhost', ['localhost'])).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
