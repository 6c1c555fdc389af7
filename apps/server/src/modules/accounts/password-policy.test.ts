import { describe, expect, it } from 'vitest';
import { startFakeHibpServer } from '../../test-support/fake-hibp-server.js';
import { createPwnedPasswordCheck, isCommonPassword } from './password-policy.js';

describe('password policy', () => {
  it('finds common passwords whatever their case, and lets a long passphrase through', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('Qwertyuiop')).toBe(true);
    expect(isCommonPassword('violet-harbour-lantern-42')).toBe(false);
  });

  it('counts breaches from a range API, and lets the password through when the API cannot be reached', async () => {
    const hibp = await startFakeHibpServer({ 'correct-horse-battery-staple': 12 });
    try {
      const timesPwned = createPwnedPasswordCheck({ baseUrl: `${hibp.url}/` });
      expect(await timesPwned('correct-horse-battery-staple')).toBe(12);
      expect(await timesPwned('violet-harbour-lantern-42')).toBe(0);
    } finally {
      await hibp.close();
    }
    const problems: string[] = [];
    const offline = createPwnedPasswordCheck({
      baseUrl: hibp.url,
      onUnavailable: (reason) => problems.push(reason),
    });
    expect(await offline('correct-horse-battery-staple')).toBe(0);
    expect(problems).toHaveLength(1);
  });
});
