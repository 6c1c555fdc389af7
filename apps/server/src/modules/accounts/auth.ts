import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins';
import type { Orm } from '../../adapters/db/port.js';
import type { MailSender } from '../../adapters/mail/port.js';
import type { LimitDecision, RateLimits } from '../../adapters/ratelimit/port.js';
import { betterAuthTables } from '../../db/schema.js';
import { rateLimitHeaders, tooManyRequestsMessage } from '../../http/rate-limit-headers.js';
import { type AuditEventInput, recordAuditEvent } from './audit-log.js';
import { setUpNewAccount } from './new-account.js';
import { createPwnedPasswordCheck, isCommonPassword } from './password-policy.js';

/**
 * The header the HTTP layer sets to the client's address (as Express resolved it under
 * JARVIS_TRUST_PROXY) before better-auth sees a request, replacing any value the client sent.
 */
export const clientIpHeader = 'x-jarvis-client-ip';

export interface AuthDeps {
  orm: Orm;
  rateLimits: RateLimits;
  mail: MailSender;
  /** Where the server is reached; verification and reset links point here. */
  publicUrl: string;
  secret: string;
  /** Also ask a Have I Been Pwned range API about new passwords (off when undefined). */
  pwnedPasswordsUrl?: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** Endpoints that set a new password, and the body field that holds it. */
const newPasswordField: Record<string, 'password' | 'newPassword'> = {
  '/sign-up/email': 'password',
  '/reset-password': 'newPassword',
  '/change-password': 'newPassword',
};
const secondFactorPaths = new Set([
  '/two-factor/verify-totp',
  '/two-factor/verify-backup-code',
  '/two-factor/verify-otp',
]);

/** What a better-auth hook receives. */
type AuthHookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** An attempt counter: per client address, or per account (the email tried). */
interface AttemptKey {
  per: 'address' | 'account';
  key: string;
}

/**
 * Whose second factor a request tries: the pending sign-in challenge in the two-factor cookie names
 * them, or, for a code confirming a new authenticator, the signed-in session.
 */
async function secondFactorUserId(ctx: AuthHookContext): Promise<string | null> {
  const challenge = await ctx.getSignedCookie(
    ctx.context.createAuthCookie('two_factor').name,
    ctx.context.secret,
  );
  const pending = challenge ? await ctx.context.internalAdapter.findVerificationValue(challenge) : null;
  return pending?.value ?? ctx.context.session?.user.id ?? null;
}

/**
 * Built-in accounts on better-auth: email and password with verification and reset mails,
 * database sessions in httpOnly cookies, TOTP with backup codes, and Jarvis's own rules around
 * them (common and breached passwords refused, sign-in and second-factor attempts limited, every
 * security event in the audit log, a workspace for each new user). Passwords are hashed with
 * better-auth's default, scrypt, which is memory-hard.
 */
export function createAuth(deps: AuthDeps) {
  const { orm, rateLimits, mail } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const timesPwned = deps.pwnedPasswordsUrl
    ? createPwnedPasswordCheck({
        baseUrl: deps.pwnedPasswordsUrl,
        onUnavailable: (reason) =>
          console.warn(`[auth] Have I Been Pwned not reachable (${reason}); checked the offline list only.`),
      })
    : undefined;
  const audit = (event: AuditEventInput) => recordAuditEvent(orm, event);
  const ipOf = (headers: Headers | undefined) => headers?.get(clientIpHeader) ?? 'unknown';

  /**
   * Counts one attempt against `limit` for each key; refuses with 429 and Retry-After when any is spent.
   * `onLimited` hears only of the first refusal in a key's window: a script that keeps guessing writes
   * one audit event per key and window, not one per attempt, so it cannot flood the audit log.
   */
  async function limitAttempts(
    limit: 'signIn' | 'mfa',
    keys: AttemptKey[],
    who: string,
    onLimited: (per: AttemptKey['per'], decision: LimitDecision) => Promise<void>,
  ): Promise<void> {
    for (const { per, key } of keys) {
      const decision = await rateLimits.consume(limit, key);
      if (decision.firstRefusal) await onLimited(per, decision);
      if (!decision.allowed)
        throw new APIError(
          'TOO_MANY_REQUESTS',
          { code: 'TOO_MANY_ATTEMPTS', message: tooManyRequestsMessage(who, decision) },
          rateLimitHeaders(decision),
        );
    }
  }

  async function refuseWeakPassword(password: unknown): Promise<void> {
    if (typeof password !== 'string') return;
    if (isCommonPassword(password))
      throw new APIError('BAD_REQUEST', {
        code: 'PASSWORD_TOO_COMMON',
        message:
          'This password is one of the most common passwords (it is on lists of breached passwords). Choose a longer, less common one.',
      });
    const count = (await timesPwned?.(password)) ?? 0;
    if (count > 0)
      throw new APIError('BAD_REQUEST', {
        code: 'PASSWORD_PWNED',
        message: `This password has appeared in ${count.toLocaleString('en')} data breaches (Have I Been Pwned). Choose another.`,
      });
  }

  return betterAuth({
    appName: 'Jarvis',
    baseURL: deps.publicUrl,
    basePath: '/api/auth',
    secret: deps.secret,
    database: drizzleAdapter(orm, { provider: 'pg', schema: betterAuthTables }),
    telemetry: { enabled: false },
    logger: {
      disabled: deps.logLevel === 'silent',
      level: deps.logLevel === 'silent' ? 'error' : deps.logLevel,
    },
    // Jarvis's own limiter (per account and per address, in Redis when several servers run) does this.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'jarvis',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
      // UUIDs, as Supabase's user ids are, so row level security can compare any user's id with
      // `auth.uid()` (a uuid) in either auth mode.
      database: { generateId: () => randomUUID() },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mail.send({
          to: user.email,
          subject: 'Reset your Jarvis password',
          text: `Someone asked to reset the password of your Jarvis account. If it was you, open this link within an hour:\n\n${url}\n\nIf it was not, ignore this mail; your password stays as it is.`,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      sendVerificationEmail: async ({ user, url }) => {
        await mail.send({
          to: user.email,
          subject: 'Confirm your email for Jarvis',
          text: `Open this link to confirm your email address and finish signing up:\n\n${url}\n\nIf you did not sign up for Jarvis, ignore this mail.`,
        });
      },
    },
    plugins: [
      twoFactor({
        issuer: 'Jarvis',
        // Per account, across challenges: better-auth's own lockout; per address: Jarvis's `mfa` limit.
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 900 },
      }),
    ],
    databaseHooks: {
      user: {
        create: {
          // Every new user starts as the owner of a workspace of their own.
          after: async (user, ctx) => {
            await setUpNewAccount(orm, user, ipOf(ctx?.headers), 'password');
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const ip = ipOf(ctx.headers);
        if (ctx.path === '/sign-in/email') {
          const email = typeof ctx.body?.email === 'string' ? ctx.body.email.toLowerCase() : '';
          const keys: AttemptKey[] = [
            { per: 'address', key: `ip:${ip}` },
            { per: 'account', key: `account:${email}` },
          ];
          await limitAttempts('signIn', keys, 'to sign in', async (per, decision) => {
            const user = await ctx.context.internalAdapter.findUserByEmail(email);
            await audit({
              action: 'sign-in.limited',
              userId: user?.user.id ?? null,
              detail: { email, per, retryAfterSeconds: Math.ceil(decision.resetMs / 1000) },
              ip,
            });
          });
        }
        if (secondFactorPaths.has(ctx.path))
          await limitAttempts(
            'mfa',
            [{ per: 'address', key: `ip:${ip}` }],
            'with two-factor codes',
            async (per, decision) =>
              audit({
                action: 'mfa.limited',
                userId: await secondFactorUserId(ctx),
                detail: {
                  method: ctx.path.slice('/two-factor/verify-'.length),
                  per,
                  retryAfterSeconds: Math.ceil(decision.resetMs / 1000),
                },
                ip,
              }),
          );
        const field = newPasswordField[ctx.path];
        if (field) await refuseWeakPassword(ctx.body?.[field]);
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = ipOf(ctx.headers);
        const returned = ctx.context.returned;
        const failed = returned instanceof APIError;
        if (ctx.path === '/sign-in/email') {
          const email = typeof ctx.body?.email === 'string' ? ctx.body.email.toLowerCase() : '';
          if (failed) {
            const user = await ctx.context.internalAdapter.findUserByEmail(email);
            await audit({
              action: 'sign-in.failed',
              userId: user?.user.id ?? null,
              detail: { email, reason: returned.body?.code ?? returned.status },
              ip,
            });
            return;
          }
          const session = ctx.context.newSession;
          if (!session) return;
          // With 2FA on, the password alone signs nobody in: the two-factor plugin turns this
          // session into a pending challenge after this hook.
          const pending = Boolean((session.user as { twoFactorEnabled?: boolean }).twoFactorEnabled);
          await audit({
            action: 'sign-in',
            userId: session.user.id,
            detail: { method: 'password', ...(pending ? { secondFactor: 'pending' } : {}) },
            ip,
          });
          return;
        }
        if (secondFactorPaths.has(ctx.path)) {
          const method = ctx.path.slice('/two-factor/verify-'.length);
          if (failed) {
            await audit({
              action: 'mfa.failed',
              userId: await secondFactorUserId(ctx),
              detail: { method, reason: returned.body?.code ?? returned.status },
              ip,
            });
            return;
          }
          // The user in the answer is read before the plugin turns 2FA on: `false` there means this
          // code, sent while signed in, confirmed a new authenticator (the plugin then replaces the
          // session, so a new session alone does not mean a sign-in).
          const user = (returned as { user?: { id: string; twoFactorEnabled?: boolean } } | undefined)?.user;
          if (user && user.twoFactorEnabled === false) {
            await audit({ action: 'mfa.enabled', userId: user.id, detail: { method }, ip });
            return;
          }
          if (ctx.context.newSession)
            await audit({
              action: 'sign-in',
              userId: ctx.context.newSession.user.id,
              detail: { method },
              ip,
            });
          return;
        }
        if (ctx.path === '/two-factor/disable' && !failed && ctx.context.session)
          await audit({ action: 'mfa.disabled', userId: ctx.context.session.user.id, ip });
      }),
    },
  });
}

/** The configured better-auth instance. */
export type JarvisAuth = ReturnType<typeof createAuth>;
