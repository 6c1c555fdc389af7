import { createHash } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The ~49,000 most common passwords from breach corpora, as zxcvbn-ts ships them. Compared
 * lowercased, so `Password1` is as refused as `password1`.
 */
const commonPasswords = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/** Whether a password is on the offline list of common (breached) passwords. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

export interface PwnedPasswordCheckOptions {
  /** The range API's base: `{baseUrl}/range/{first five hex digits of the SHA-1}`. */
  baseUrl: string;
  timeoutMs?: number;
  /** Told when the service cannot be asked; the password is then let through (the offline list still applies). */
  onUnavailable?: (reason: string) => void;
}

/**
 * Asks Have I Been Pwned's k-anonymity range API how often a password appears in breaches: only the
 * first five hex digits of its SHA-1 leave the server, and padded answers hide which suffix matched.
 * Written here rather than using better-auth's plugin because that one cannot be pointed at a
 * mirror or a test server.
 */
export function createPwnedPasswordCheck(options: PwnedPasswordCheckOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async function timesPwned(password: string): Promise<number> {
    const hash = createHash('sha1').update(password).digest('hex').toUpperCase();
    const prefix = hash.slice(0, 5);
    const suffix = hash.slice(5);
    let body: string;
    try {
      const response = await fetch(`${base}/range/${prefix}`, {
        headers: { 'add-padding': 'true', 'user-agent': 'Jarvis password check' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.text();
    } catch (error) {
      options.onUnavailable?.(error instanceof Error ? error.message : String(error));
      return 0;
    }
    for (const line of body.split(/\r?\n/)) {
      const [lineSuffix, count] = line.trim().split(':');
      if (lineSuffix?.toUpperCase() === suffix) return Number(count) || 0;
    }
    return 0;
  };
}
