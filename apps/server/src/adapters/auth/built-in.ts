import type { AuthenticatedCaller, UserAuthenticator } from './port.js';

/** The part of a better-auth session this adapter reads. */
interface BetterAuthSession {
  user: {
    id: string;
    email: string;
    name: string;
    emailVerified: boolean;
    twoFactorEnabled?: boolean | null;
  };
}

/**
 * Built-in accounts: the session cookie better-auth set at sign-in. better-auth asks for the second
 * factor at every sign-in of an account that has one, so such a session has proved it.
 */
export function createBuiltInAuthenticator(
  getSession: (headers: Headers) => Promise<BetterAuthSession | null>,
): UserAuthenticator {
  return {
    mode: 'built-in',
    signInHint: 'Sign in first (POST /api/auth/sign-in/email).',
    secondFactorHint: 'Turn it on for your account first.',
    async authenticate({ headers }): Promise<AuthenticatedCaller | undefined> {
      const session = await getSession(headers);
      if (!session) return undefined;
      const { id, email, name, emailVerified } = session.user;
      const twoFactorEnabled = Boolean(session.user.twoFactorEnabled);
      return { user: { id, email, name, emailVerified, twoFactorEnabled }, mfaVerified: twoFactorEnabled };
    },
  };
}
