/** The person behind a request, as the auth adapter established it. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  /** Whether the account has a second factor (built-in: TOTP on; Supabase: the session is aal2). */
  twoFactorEnabled: boolean;
}

export interface AuthenticatedCaller {
  user: AuthenticatedUser;
  /** Whether this session proved a second factor, which a workspace that requires MFA asks for. */
  mfaVerified: boolean;
}

/** What a request carries that can say who sent it. */
export interface CallerCredentials {
  headers: Headers;
  /** The `Authorization` header (or the subscription's connection parameter). */
  authorization: string | undefined;
  ip: string;
}

/** Thrown when a request carries credentials that are not valid; the message says what to do. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/**
 * Finds out who signed in: built-in accounts (better-auth session cookie) or Supabase Auth (a
 * Supabase access token). `undefined` means the request carries no credentials at all.
 */
export interface UserAuthenticator {
  readonly mode: 'built-in' | 'supabase';
  /** What to tell a caller who sent no credentials. */
  readonly signInHint: string;
  /** What to tell a caller whose session has not proved the second factor a workspace requires. */
  readonly secondFactorHint: string;
  authenticate(credentials: CallerCredentials): Promise<AuthenticatedCaller | undefined>;
}
