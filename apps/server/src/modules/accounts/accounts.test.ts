import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { auditEvents } from '../../db/schema.js';
import { type RunningServer, startServer } from '../../main.js';
import { BrowserSession } from '../../test-support/browser-session.js';
import { type FakeHibpServer, startFakeHibpServer } from '../../test-support/fake-hibp-server.js';
import { joinByInvitation } from '../../test-support/join-by-invitation.js';
import { createMemoryMailSender } from '../../test-support/memory-mail-sender.js';
import { totpCode } from '../../test-support/totp.js';
import type { AppRouter } from '../../trpc/app-router.js';
import { ensureLocalWorkspace } from '../bots/bot-service.js';

const goodPassword = 'violet-harbour-lantern-42';
let nextIp = 1;

/** The error a tRPC call was refused with (fails the test when it was not refused). */
async function errorOf(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof TRPCClientError)) throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome as TRPCClientError<AppRouter>;
}

/** The code of a refused tRPC call, or 'OK'. */
async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { code: string }).code;
    throw error;
  }
}

describe('built-in accounts over real HTTP', () => {
  let server: RunningServer;
  const mail = createMemoryMailSender();

  beforeAll(async () => {
    server = await startServer(
      loadConfig({ PORT: '0', JARVIS_DEMO: 'false', JARVIS_TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' }),
      { inMemory: true, mailSender: mail },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const browser = () => new BrowserSession(server.url, `198.51.100.${nextIp++}`);

  /** Signs up, follows the verification link from the mail, and signs in. */
  async function signedInUser(email: string, name = email.split('@')[0]!) {
    const session = browser();
    const signUp = await session.post('/sign-up/email', { name, email, password: goodPassword });
    expect(signUp.status).toBe(200);
    const verified = await session.fetch(mail.lastLinkTo(email));
    expect(verified.status).toBeLessThan(400);
    const signIn = await session.post('/sign-in/email', { email, password: goodPassword });
    expect(signIn.status).toBe(200);
    const client = session.trpc();
    const me = await client.accounts.me.query();
    const [own] = await client.accounts.workspaces.list.query();
    return { session, client, userId: me.id, workspaceId: own!.id };
  }

  /** Turns TOTP on for a signed-in session; returns the authenticator URI and the backup codes. */
  async function enableTotp(session: BrowserSession) {
    const enabled = await session.post('/two-factor/enable', { password: goodPassword });
    expect(enabled.status).toBe(200);
    const totpURI = enabled.body.totpURI as string;
    expect(totpURI).toMatch(/^otpauth:\/\/totp\//);
    const confirmed = await session.post('/two-factor/verify-totp', { code: totpCode(totpURI) });
    expect(confirmed.status).toBe(200);
    return { totpURI, backupCodes: enabled.body.backupCodes as string[] };
  }

  it('signs up, verifies the email from the mail, signs in with an httpOnly cookie and owns a new workspace', async () => {
    const session = browser();
    const signUp = await session.post('/sign-up/email', {
      name: 'Ada',
      email: 'Ada@Example.com',
      password: goodPassword,
    });
    expect(signUp.status).toBe(200);
    // No session before the address is confirmed.
    expect(session.cookies.size).toBe(0);
    const link = mail.lastLinkTo('ada@example.com');
    expect(link.startsWith(`${server.url}/api/auth/verify-email?token=`)).toBe(true);

    const early = await session.post('/sign-in/email', { email: 'ada@example.com', password: goodPassword });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');

    expect((await session.fetch(link)).status).toBeLessThan(400);
    const signIn = await session.post('/sign-in/email', { email: 'ada@example.com', password: goodPassword });
    expect(signIn.status).toBe(200);
    const sessionCookie = session.setCookieHeaders.find((header) =>
      header.startsWith('jarvis.session_token='),
    );
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i); // http://127.0.0.1 here; Secure when the public URL is https

    const client = session.trpc();
    const me = await client.accounts.me.query();
    expect(me).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada',
      emailVerified: true,
      twoFactorEnabled: false,
    });
    const workspaces = await client.accounts.workspaces.list.query();
    expect(workspaces).toEqual([
      expect.objectContaining({ name: "Ada's workspace", role: 'owner', requireMfa: false }),
    ]);
    const events = (await client.accounts.audit.mine.query()).map((event) => event.action);
    expect(events).toEqual(expect.arrayContaining(['sign-up', 'sign-in', 'sign-in.failed']));

    // Signing out ends the session on the server, not only in the browser.
    const cookiesBefore = session.headers();
    expect((await session.post('/sign-out', {})).status).toBe(200);
    expect(await codeOf(client.accounts.me.query())).toBe('UNAUTHORIZED');
    const replayed = await fetch(`${server.url}/trpc/accounts.me`, { headers: cookiesBefore });
    expect(replayed.status).toBe(401);
  });

  it('refuses a wrong password with 401 and writes the failure to the audit log', async () => {
    const { session, client } = await signedInUser('bob@example.com');
    const stranger = browser();
    const wrong = await stranger.post('/sign-in/email', {
      email: 'bob@example.com',
      password: 'not-the-password-1',
    });
    expect(wrong.status).toBe(401);
    expect(stranger.cookies.size).toBe(0);
    const failures = (await client.accounts.audit.mine.query()).filter(
      (event) => event.action === 'sign-in.failed',
    );
    expect(failures[0]).toMatchObject({ ip: stranger.ip, detail: { email: 'bob@example.com' } });
    expect(session.cookies.size).toBeGreaterThan(0);
  });

  it('refuses a common password at sign-up and at reset, naming why', async () => {
    const session = browser();
    const common = await session.post('/sign-up/email', {
      name: 'C',
      email: 'carol@example.com',
      password: 'qwertyuiop',
    });
    expect(common.status).toBe(400);
    expect(common.body.code).toBe('PASSWORD_TOO_COMMON');
    expect(common.body.message).toMatch(/most common passwords/);

    await signedInUser('carol@example.com');
    expect(
      (await session.post('/request-password-reset', { email: 'carol@example.com', redirectTo: '/' })).status,
    ).toBe(200);
    const token = new URL(mail.lastLinkTo('carol@example.com')).pathname.split('/').pop()!;
    const weak = await session.post('/reset-password', { token, newPassword: 'Password123' });
    expect(weak.body.code).toBe('PASSWORD_TOO_COMMON');
    expect(
      (await session.post('/reset-password', { token, newPassword: 'another-long-passphrase-7' })).status,
    ).toBe(200);
    const signIn = await browser().post('/sign-in/email', {
      email: 'carol@example.com',
      password: 'another-long-passphrase-7',
    });
    expect(signIn.status).toBe(200);
  });

  it('asks for the TOTP code once it is on, and takes each backup code only once', async () => {
    const { session, client } = await signedInUser('dana@example.com');
    const { totpURI, backupCodes } = await enableTotp(session);
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);
    expect((await client.accounts.me.query()).twoFactorEnabled).toBe(true);
    expect((await client.accounts.audit.mine.query()).map((event) => event.action)).toContain('mfa.enabled');

    const laptop = browser();
    const password = await laptop.post('/sign-in/email', {
      email: 'dana@example.com',
      password: goodPassword,
    });
    expect(password.status).toBe(200);
    expect(password.body.twoFactorRedirect).toBe(true);
    expect(laptop.cookies.has('jarvis.session_token')).toBe(false);
    expect(await codeOf(laptop.trpc().accounts.me.query())).toBe('UNAUTHORIZED');
    const wrongCode = await laptop.post('/two-factor/verify-totp', { code: '000000' });
    expect(wrongCode.status).toBe(401);
    const code = await laptop.post('/two-factor/verify-totp', { code: totpCode(totpURI) });
    expect(code.status).toBe(200);
    expect((await laptop.trpc().accounts.me.query()).email).toBe('dana@example.com');

    const phone = browser();
    await phone.post('/sign-in/email', { email: 'dana@example.com', password: goodPassword });
    expect((await phone.post('/two-factor/verify-backup-code', { code: backupCodes[0] })).status).toBe(200);
    expect((await phone.trpc().accounts.me.query()).email).toBe('dana@example.com');

    const again = browser();
    await again.post('/sign-in/email', { email: 'dana@example.com', password: goodPassword });
    expect((await again.post('/two-factor/verify-backup-code', { code: backupCodes[0] })).status).toBe(401);
    expect(await codeOf(again.trpc().accounts.me.query())).toBe('UNAUTHORIZED');

    const actions = (await client.accounts.audit.mine.query()).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['mfa.failed', 'sign-in']));
  });

  it('keeps members without two-factor out of a workspace that requires it', async () => {
    const owner = await signedInUser('erin@example.com');
    const member = await signedInUser('frank@example.com');
    const ws = { workspaceId: owner.workspaceId };
    // An owner without 2FA cannot require it (they would lock themselves out).
    expect(
      await codeOf(owner.client.accounts.workspaces.setRequireMfa.mutate({ ...ws, requireMfa: true })),
    ).toBe('BAD_REQUEST');
    await enableTotp(owner.session);
    await joinByInvitation({
      inviter: owner.client,
      invitee: member.client,
      mail,
      ...ws,
      email: 'frank@example.com',
    });
    await owner.client.accounts.workspaces.setRequireMfa.mutate({ ...ws, requireMfa: true });

    const refused = await errorOf(member.client.accounts.members.list.query(ws));
    expect(refused.data?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/requires two-factor authentication/);
    // Their own workspace is not affected.
    expect(await codeOf(member.client.accounts.members.list.query({ workspaceId: member.workspaceId }))).toBe(
      'OK',
    );

    await enableTotp(member.session);
    expect((await member.client.accounts.members.list.query(ws)).map((row) => row.email)).toEqual([
      'erin@example.com',
      'frank@example.com',
    ]);
    const audit = await owner.client.accounts.audit.list.query(ws);
    expect(audit.map((event) => event.action)).toContain('workspace.require-mfa-changed');
  });

  it('lets owners and admins manage members and keys, members not, and never leaves a workspace without an owner', async () => {
    const owner = await signedInUser('gina@example.com');
    const member = await signedInUser('hal@example.com');
    const admin = await signedInUser('ivy@example.com');
    const ws = { workspaceId: owner.workspaceId };
    await joinByInvitation({
      inviter: owner.client,
      invitee: member.client,
      mail,
      ...ws,
      email: 'HAL@example.com',
    });
    await joinByInvitation({
      inviter: owner.client,
      invitee: admin.client,
      mail,
      ...ws,
      email: 'ivy@example.com',
      role: 'admin',
    });

    // A member reads, but changes nothing.
    expect(await codeOf(member.client.accounts.members.list.query(ws))).toBe('OK');
    expect(
      await codeOf(member.client.accounts.members.invite.mutate({ ...ws, email: 'someone@example.com' })),
    ).toBe('FORBIDDEN');
    expect(await codeOf(member.client.accounts.keys.create.mutate({ ...ws, name: 'CI' }))).toBe('FORBIDDEN');
    expect(await codeOf(member.client.accounts.audit.list.query(ws))).toBe('FORBIDDEN');

    // An admin creates a key, shown once, that works for server-to-server calls until revoked.
    const key = await admin.client.accounts.keys.create.mutate({ ...ws, name: 'CI' });
    expect(key.key).toMatch(/^jsk_/);
    const listed = await admin.client.accounts.keys.list.query(ws);
    expect(listed).toEqual([
      expect.objectContaining({ id: key.id, name: 'CI', prefix: key.prefix, revokedAt: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    const withKey = () =>
      fetch(`${server.url}/trpc/bots.list`, { headers: { authorization: `Bearer ${key.key}` } }).then(
        (r) => r.status,
      );
    expect(await withKey()).toBe(200);
    await admin.client.accounts.keys.revoke.mutate({ ...ws, keyId: key.id });
    expect(await withKey()).toBe(401);
    expect(await codeOf(admin.client.accounts.keys.revoke.mutate({ ...ws, keyId: key.id }))).toBe(
      'BAD_REQUEST',
    );

    // Admins manage members but not owners; the last owner stays an owner.
    await admin.client.accounts.members.setRole.mutate({ ...ws, userId: member.userId, role: 'admin' });
    await admin.client.accounts.members.setRole.mutate({ ...ws, userId: member.userId, role: 'member' });
    expect(
      await codeOf(
        admin.client.accounts.members.setRole.mutate({ ...ws, userId: owner.userId, role: 'member' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        admin.client.accounts.members.setRole.mutate({ ...ws, userId: admin.userId, role: 'owner' }),
      ),
    ).toBe('FORBIDDEN');
    const lastOwner = await errorOf(
      owner.client.accounts.members.setRole.mutate({ ...ws, userId: owner.userId, role: 'admin' }),
    );
    expect(lastOwner.message).toMatch(/last owner/);
    expect(await codeOf(owner.client.accounts.members.remove.mutate({ ...ws, userId: owner.userId }))).toBe(
      'BAD_REQUEST',
    );
    // With a second owner, the first may step down.
    await owner.client.accounts.members.setRole.mutate({ ...ws, userId: admin.userId, role: 'owner' });
    await owner.client.accounts.members.setRole.mutate({ ...ws, userId: owner.userId, role: 'admin' });
    await admin.client.accounts.members.remove.mutate({ ...ws, userId: member.userId });
    expect(await codeOf(member.client.accounts.members.list.query(ws))).toBe('NOT_FOUND');

    const actions = (await admin.client.accounts.audit.list.query(ws)).map((event) => event.action);
    for (const action of [
      'invitation.created',
      'member.joined',
      'member.role-changed',
      'member.removed',
      'key.created',
      'key.revoked',
    ])
      expect(actions).toContain(action);
  });

  it('joins people by invitation only: same answer for any address, accepted by that address alone, once', async () => {
    const owner = await signedInUser('olga@invite.example');
    const invitee = await signedInUser('pia@invite.example');
    const stranger = await signedInUser('quin@invite.example');
    const ws = { workspaceId: owner.workspaceId };
    const known = await owner.client.accounts.members.invite.mutate({ ...ws, email: 'PIA@invite.example' });
    const unknown = await owner.client.accounts.members.invite.mutate({ ...ws, email: 'nobody@example.com' });
    // Inviting tells the inviter nothing about who has an account.
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect([known.email, unknown.email]).toEqual(['pia@invite.example', 'nobody@example.com']);
    expect(mail.sent.findLast((sent) => sent.to === 'nobody@example.com')?.subject).toMatch(
      /olga invited you to olga's workspace on Jarvis/,
    );
    // Nobody is in the workspace before they accept.
    expect(await codeOf(invitee.client.accounts.members.list.query(ws))).toBe('NOT_FOUND');
    const pending = await owner.client.accounts.members.invitations.query(ws);
    expect(pending.map((invitation) => invitation.email).sort()).toEqual([
      'nobody@example.com',
      'pia@invite.example',
    ]);

    const code = mail.lastInvitationCodeTo('pia@invite.example');
    const wrongPerson = await errorOf(stranger.client.accounts.invitations.accept.mutate({ token: code }));
    expect([wrongPerson.data?.code, wrongPerson.message]).toEqual([
      'FORBIDDEN',
      'This invitation was sent to another email address. Sign in with the address it was sent to.',
    ]);
    expect(await invitee.client.accounts.invitations.accept.mutate({ token: code })).toEqual({
      workspaceId: owner.workspaceId,
      role: 'member',
    });
    expect((await invitee.client.accounts.members.list.query(ws)).map((row) => row.email)).toContain(
      'pia@invite.example',
    );
    const used = await errorOf(invitee.client.accounts.invitations.accept.mutate({ token: code }));
    expect([used.data?.code, used.message]).toEqual([
      'NOT_FOUND',
      'This invitation is not valid: it may have expired, been withdrawn or been used. Ask for a new one.',
    ]);
    expect(await codeOf(invitee.client.accounts.invitations.accept.mutate({ token: 'jinv_guess' }))).toBe(
      'NOT_FOUND',
    );

    // A withdrawn invitation cannot be accepted.
    await owner.client.accounts.members.invite.mutate({ ...ws, email: 'quin@invite.example', role: 'admin' });
    const withdrawn = (await owner.client.accounts.members.invitations.query(ws)).find(
      (invitation) => invitation.email === 'quin@invite.example',
    );
    await owner.client.accounts.members.revokeInvitation.mutate({ ...ws, invitationId: withdrawn!.id });
    expect(
      await codeOf(
        stranger.client.accounts.invitations.accept.mutate({
          token: mail.lastInvitationCodeTo('quin@invite.example'),
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        owner.client.accounts.members.revokeInvitation.mutate({ ...ws, invitationId: withdrawn!.id }),
      ),
    ).toBe('NOT_FOUND');

    // Admins invite members and admins, not owners.
    await owner.client.accounts.members.setRole.mutate({ ...ws, userId: invitee.userId, role: 'admin' });
    expect(
      await codeOf(
        invitee.client.accounts.members.invite.mutate({ ...ws, email: 'o@example.com', role: 'owner' }),
      ),
    ).toBe('FORBIDDEN');
    const actions = (await owner.client.accounts.audit.list.query(ws)).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.revoked', 'member.joined']),
    );
  });

  it("keeps each workspace's members, keys and audit log from users of other workspaces", async () => {
    const alice = await signedInUser('jo@example.com');
    const mallory = await signedInUser('kim@example.com');
    const theirs = { workspaceId: alice.workspaceId };
    await alice.client.accounts.keys.create.mutate({ ...theirs, name: 'prod' });
    const attempts = [
      () => mallory.client.accounts.members.list.query(theirs),
      () =>
        mallory.client.accounts.members.invite.mutate({ ...theirs, email: 'kim@example.com', role: 'owner' }),
      () =>
        mallory.client.accounts.members.setRole.mutate({ ...theirs, userId: alice.userId, role: 'member' }),
      () => mallory.client.accounts.keys.list.query(theirs),
      () => mallory.client.accounts.keys.create.mutate({ ...theirs, name: 'mine now' }),
      () => mallory.client.accounts.audit.list.query(theirs),
      () => mallory.client.accounts.workspaces.setRequireMfa.mutate({ ...theirs, requireMfa: false }),
    ];
    for (const attempt of attempts) expect(await codeOf(attempt())).toBe('NOT_FOUND');
    expect(await alice.client.accounts.keys.list.query(theirs)).toHaveLength(1);
    expect(await codeOf(browser().trpc().accounts.workspaces.list.query())).toBe('UNAUTHORIZED');
    const invalid = await errorOf(mallory.client.accounts.members.list.query({ workspaceId: 'not-a-uuid' }));
    expect(invalid.message).toMatch(/workspaceId must be a workspace id/);
  });

  it("never hands a user's workspace to the CLI as the local one", async () => {
    const { workspaceId } = await signedInUser('lee@example.com');
    const local = await ensureLocalWorkspace(server.jarvis.database.orm);
    expect(local).not.toBe(workspaceId);
    expect(await ensureLocalWorkspace(server.jarvis.database.orm)).toBe(local);
  });

  it('refuses account calls from another site’s pages', async () => {
    const { session } = await signedInUser('lee@example.com');
    const fromElsewhere = await session.fetch('/trpc/accounts.me', {
      headers: { origin: 'https://evil.example' },
    });
    expect(fromElsewhere.status).toBe(403);
    const fromHere = await session.fetch('/trpc/accounts.me', { headers: { origin: server.url } });
    expect(fromHere.status).toBe(200);
  });

  /** The audit events written for attempts from one address, oldest first. */
  async function auditEventsFrom(ip: string) {
    const rows = await server.jarvis.database.orm.select().from(auditEvents).where(eq(auditEvents.ip, ip));
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  it('limits password guessing per account and per address with 429 and Retry-After', async () => {
    const max = await signedInUser('max@example.com');
    const guesser = browser();
    const statuses: number[] = [];
    // The account's allowance is 10 attempts in 15 minutes, and signing up used one.
    for (let i = 0; i < 9; i++)
      statuses.push(
        (await guesser.post('/sign-in/email', { email: 'max@example.com', password: `guess-number-${i}` }))
          .status,
      );
    expect(statuses).toEqual(Array(9).fill(401));
    const refused = await guesser.post('/sign-in/email', {
      email: 'max@example.com',
      password: goodPassword,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.message).toMatch(/^Too many requests to sign in\. Try again in \d+ s\.$/);
    // The account is protected from other addresses too (a botnet spreads its guesses)...
    expect(
      (await browser().post('/sign-in/email', { email: 'max@example.com', password: goodPassword })).status,
    ).toBe(429);
    // ...and this address cannot move on to other accounts.
    expect(
      (await guesser.post('/sign-in/email', { email: 'ada@example.com', password: goodPassword })).status,
    ).toBe(429);
    for (let i = 0; i < 5; i++)
      await guesser.post('/sign-in/email', { email: `someone-${i}@example.com`, password: goodPassword });

    // Each limit is written to the audit log once, when it is reached, not for every refused attempt.
    const limited = (await auditEventsFrom(guesser.ip)).filter((event) => event.action === 'sign-in.limited');
    expect(limited.map((event) => event.detail)).toEqual([
      { email: 'max@example.com', per: 'account', retryAfterSeconds: expect.any(Number) },
      { email: 'ada@example.com', per: 'address', retryAfterSeconds: expect.any(Number) },
    ]);
    // The account's owner sees it in their own log.
    const mine = (await max.client.accounts.audit.mine.query()).filter(
      (event) => event.action === 'sign-in.limited',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ ip: guesser.ip, detail: { per: 'account' } });
  });

  it('limits second-factor guessing per address with 429', async () => {
    const { session, client } = await signedInUser('ola@example.com');
    await enableTotp(session);
    const guesser = browser();
    const statuses: number[] = [];
    // Each challenge takes 5 codes before better-auth asks for a new one, so sign in twice.
    for (let challenge = 0; challenge < 2; challenge++) {
      await guesser.post('/sign-in/email', { email: 'ola@example.com', password: goodPassword });
      for (let i = 0; i < 5; i++)
        statuses.push((await guesser.post('/two-factor/verify-totp', { code: '000000' })).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const refused = await guesser.post('/two-factor/verify-totp', { code: '000000' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^Too many requests with two-factor codes\./);
    for (let i = 0; i < 5; i++) await guesser.post('/two-factor/verify-totp', { code: '000000' });

    // Once per window, and in the log of the account whose sign-in challenge was being guessed.
    const limited = (await client.accounts.audit.mine.query()).filter(
      (event) => event.action === 'mfa.limited',
    );
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ ip: guesser.ip, detail: { method: 'totp', per: 'address' } });
  });
});

describe('breached passwords through a Have I Been Pwned range API', () => {
  let server: RunningServer;
  let hibp: FakeHibpServer;
  beforeAll(async () => {
    hibp = await startFakeHibpServer({ 'correct-horse-battery-staple': 3_861 });
    server = await startServer(
      loadConfig({
        PORT: '0',
        JARVIS_DEMO: 'false',
        LOG_LEVEL: 'error',
        JARVIS_HIBP: 'true',
        JARVIS_HIBP_URL: hibp.url,
      }),
      { inMemory: true, mailSender: createMemoryMailSender() },
    );
  });
  afterAll(async () => {
    await server?.close();
    await hibp?.close();
  });

  it('refuses a password found in breaches, sending only five hex digits of its hash', async () => {
    const session = new BrowserSession(server.url, '127.0.0.1');
    const pwned = await session.post('/sign-up/email', {
      name: 'N',
      email: 'nia@example.com',
      password: 'correct-horse-battery-staple',
    });
    expect(pwned.status).toBe(400);
    expect(pwned.body.code).toBe('PASSWORD_PWNED');
    expect(pwned.body.message).toMatch(/appeared in 3,861 data breaches/);
    expect(hibp.requests).toEqual(['DD606']); // SHA-1 8A1DD606… of the password
    const clean = await session.post('/sign-up/email', {
      name: 'N',
      email: 'nia@example.com',
      password: goodPassword,
    });
    expect(clean.status).toBe(200);
  });
});
