import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import {
  type AuthenticatedCaller,
  type AuthenticatedUser,
  AuthenticationError,
  type UserAuthenticator,
} from './port.js';

export interface SupabaseAuthOptions {
  /** The project URL, e.g. https://abcd.supabase.co; tokens are issued by `${url}/auth/v1`. */
  url: string;
  /** The project's legacy JWT secret, for projects that still sign with HS256. */
  jwtSecret?: string;
  /** Called for every verified caller, before any procedure runs: creates the account on first sight. */
  ensureUser(user: AuthenticatedUser, ip: string): Promise<void>;
}

/** The claims of a Supabase access token that Jarvis reads. */
const accessTokenClaims = z.object({
  sub: z.uuid(),
  email: z.string().min(3),
  role: z.literal('authenticated'),
  aal: z.enum(['aal1', 'aal2']).optional(),
  is_anonymous: z.boolean().optional(),
  user_metadata: z
    .object({ full_name: z.string().optional(), name: z.string().optional() })
    .loose()
    .optional(),
});

/**
 * Supabase Auth: the dashboard signs in with supabase-js and sends the session's access token as
 * `Authorization: Bearer <token>`. Tokens signed with the project's asymmetric keys are checked against
 * its JWKS (fetched once, then cached and refreshed by jose); HS256 tokens against the legacy secret
 * when it is configured. `aal2` means the session proved a second factor.
 */
export function createSupabaseAuthenticator(options: SupabaseAuthOptions): UserAuthenticator {
  const issuer = `${options.url.replace(/\/+$/, '')}/auth/v1`;
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;

  async function verify(token: string): Promise<JWTPayload> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError('The bearer token is not a Supabase access token (not a JWT).');
    }
    const claims = { issuer, audience: 'authenticated' };
    if (algorithm === 'HS256') {
      if (!secret)
        throw new AuthenticationError(
          'This token is signed with a shared secret, which this server does not accept: set SUPABASE_JWT_SECRET, or use the project’s signing keys.',
        );
      return (await jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] })).payload;
    }
    return (await jwtVerify(token, keys, { ...claims, algorithms: ['ES256', 'RS256', 'EdDSA'] })).payload;
  }

  return {
    mode: 'supabase',
    signInHint:
      'Sign in with Supabase and send the session’s access token as "Authorization: Bearer <token>".',
    secondFactorHint:
      'Verify a second factor with Supabase (supabase.auth.mfa.challengeAndVerify) and send the new aal2 access token.',
    async authenticate({ authorization, ip }): Promise<AuthenticatedCaller | undefined> {
      const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!token) return undefined;
      let payload: JWTPayload;
      try {
        payload = await verify(token);
      } catch (error) {
        throw new AuthenticationError(whyRefused(error));
      }
      const parsed = accessTokenClaims.safeParse(payload);
      if (!parsed.success || parsed.data.is_anonymous)
        throw new AuthenticationError(
          'This Supabase token is not a signed-in user’s access token (it needs role "authenticated", a user id and an email).',
        );
      const claims = parsed.data;
      const mfaVerified = claims.aal === 'aal2';
      const user: AuthenticatedUser = {
        id: claims.sub,
        email: claims.email.toLowerCase(),
        name:
          claims.user_metadata?.full_name ??
          claims.user_metadata?.name ??
          claims.email.split('@')[0] ??
          'You',
        // Supabase issues a session only once the address is confirmed (when the project asks for that).
        emailVerified: true,
        twoFactorEnabled: mfaVerified,
      };
      await options.ensureUser(user, ip);
      return { user, mfaVerified };
    },
  };
}

function whyRefused(error: unknown): string {
  if (error instanceof AuthenticationError) return error.message;
  if (error instanceof errors.JWTExpired)
    return 'The Supabase session has expired: refresh it (supabase-js does) and send the new access token.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `This token was not issued for this Jarvis (its "${error.claim}" claim does not match): check SUPABASE_URL.`;
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'This token is signed with a key the Supabase project does not publish (rotated or foreign).';
  if (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_TIMEOUT')
    return 'Could not reach Supabase to check the token’s signing keys; try again.';
  return 'The Supabase access token is not valid (bad signature or malformed).';
}
