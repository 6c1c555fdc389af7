import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';
import type { AppRouter } from '../../trpc/app-router.js';

// Supabase mode over real HTTP: tokens are made here in Supabase's access-token format and signed
// with keys that a local server publishes at the project's JWKS address, as Supabase does.

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const jwtSecret = 'a-legacy-supabase-jwt-secret-of-enough-length';
let projectUrl: string;
let jwksServer: Server;
let server: RunningServer;
let ecKey: KeyPair;
let rsaKey: KeyPair;

beforeAll(async () => {
  ecKey = await generateKeyPair('ES256', { extractable: true });
  rsaKey = await generateKeyPair('RS256', { extractable: true });
  const keys = [
    { ...(await exportJWK(ecKey.publicKey)), kid: 'ec-key', alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rsaKey.publicKey)), kid: 'rsa-key', alg: 'RS256', use: 'sig' },
  ];
  jwksServer = createServer((req, res) => {
    if (req.url === '/auth/v1/.well-known/jwks.json')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  projectUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  server = await startServer(
    loadConfig({
      PORT: '0',
      JARVIS_DEMO: 'false',
      LOG_LEVEL: 'error',
      SUPABASE_URL: projectUrl,
      SUPABASE_JWT_SECRET: jwtSecret,
    }),
    { inMemory: true },
  );
});

afterAll(async () => {
  await server?.close();
  jwksServer?.close();
});

interface TokenOptions {
  claims?: JWTPayload;
  key?: 'ec' | 'rsa' | 'secret' | 'wrong-secret' | 'foreign-ec';
  kid?: string;
}

/** An access token as Supabase Auth issues it, for the user `sub`. */
async function accessToken(sub: string, email: string, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    iss: `${projectUrl}/auth/v1`,
    aud: 'authenticated',
    sub,
    email,
    phone: '',
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: randomUUID(),
    is_anonymous: false,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { full_name: email.split('@')[0]!.toUpperCase() },
    iat: now,
    exp: now + 3600,
    ...options.claims,
  });
  switch (options.key ?? 'ec') {
    case 'ec':
      return jwt
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'ec-key', typ: 'JWT' })
        .sign(ecKey.privateKey);
    case 'rsa':
      return jwt.setProtectedHeader({ alg: 'RS256', kid: 'rsa-key', typ: 'JWT' }).sign(rsaKey.privateKey);
    case 'secret':
      return jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(jwtSecret));
    case 'wrong-secret':
      return jwt
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode('not-the-project-secret-but-long-enough'));
    case 'foreign-ec': {
      const foreign = await generateKeyPair('ES256');
      return jwt.setProtectedHeader({ alg: 'ES256', kid: 'ec-key', typ: 'JWT' }).sign(foreign.privateKey);
    }
  }
}

function clientWith(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server.url}/trpc`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
    ],
  });
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const { data, message } = error as TRPCClientError<AppRouter>;
  return { code: data?.code, message };
}

describe('Supabase Auth mode over real HTTP', () => {
  it("makes a Supabase user's account and workspace on first sight, once", async () => {
    const sub = randomUUID();
    const client = clientWith(await accessToken(sub, 'Rosa@Example.com'));
    expect(await client.accounts.me.query()).toEqual({
      id: sub,
      email: 'rosa@example.com',
      name: 'ROSA',
      emailVerified: true,
      twoFactorEnabled: false,
    });
    const again = clientWith(await accessToken(sub, 'rosa@example.com', { key: 'rsa' }));
    expect(await again.accounts.workspaces.list.query()).toEqual([
      expect.objectContaining({ name: "ROSA's workspace", role: 'owner' }),
    ]);
    const audit = await again.accounts.audit.mine.query();
    expect(audit.filter((event) => event.action === 'sign-up')).toEqual([
      expect.objectContaining({ detail: { email: 'rosa@example.com', method: 'supabase' } }),
    ]);
  });

  it("accepts the project's legacy HS256 tokens when its secret is set", async () => {
    const client = clientWith(await accessToken(randomUUID(), 'sam@example.com', { key: 'secret' }));
    expect((await client.accounts.me.query()).email).toBe('sam@example.com');
  });

  it.each<[string, () => Promise<string | undefined>, RegExp]>([
    ['no token', async () => undefined, /Sign in with Supabase and send the session’s access token/],
    [
      'an expired token',
      () =>
        accessToken(randomUUID(), 'old@example.com', { claims: { exp: Math.floor(Date.now() / 1000) - 60 } }),
      /session has expired/,
    ],
    [
      "another project's token",
      () =>
        accessToken(randomUUID(), 'x@example.com', { claims: { iss: 'https://other.supabase.co/auth/v1' } }),
      /"iss" claim does not match/,
    ],
    [
      'a token for another audience',
      () => accessToken(randomUUID(), 'x@example.com', { claims: { aud: 'service' } }),
      /"aud" claim does not match/,
    ],
    [
      'a signature by a key of the right name but not the project’s',
      () => accessToken(randomUUID(), 'x@example.com', { key: 'foreign-ec' }),
      /not valid \(bad signature or malformed\)/,
    ],
    [
      'a key the project does not publish',
      () => accessToken(randomUUID(), 'x@example.com', { kid: 'rotated-away' }),
      /key the Supabase project does not publish/,
    ],
    [
      'an HS256 token with the wrong secret',
      () => accessToken(randomUUID(), 'x@example.com', { key: 'wrong-secret' }),
      /not valid \(bad signature or malformed\)/,
    ],
    [
      'the anon key’s token',
      () => accessToken(randomUUID(), 'x@example.com', { claims: { role: 'anon' } }),
      /not a signed-in user’s access token/,
    ],
    ['something that is not a JWT', async () => 'not-a-jwt', /not a Supabase access token/],
  ])('refuses %s with 401 and says why', async (_case, makeToken, message) => {
    const refused = await refusal(clientWith(await makeToken()).accounts.me.query());
    expect(refused.code).toBe('UNAUTHORIZED');
    expect(refused.message).toMatch(message);
  });

  it('treats aal2 as the second factor a workspace can require', async () => {
    const sub = randomUUID();
    const withMfa = clientWith(await accessToken(sub, 'tia@example.com', { claims: { aal: 'aal2' } }));
    const withoutMfa = clientWith(await accessToken(sub, 'tia@example.com'));
    const [workspace] = await withMfa.accounts.workspaces.list.query();
    const ws = { workspaceId: workspace!.id };
    expect(
      await refusal(withoutMfa.accounts.workspaces.setRequireMfa.mutate({ ...ws, requireMfa: true })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await withMfa.accounts.workspaces.setRequireMfa.mutate({ ...ws, requireMfa: true });
    expect(await refusal(withoutMfa.accounts.members.list.query(ws))).toEqual({
      code: 'FORBIDDEN',
      message:
        'This workspace requires two-factor authentication. Verify a second factor with Supabase (supabase.auth.mfa.challengeAndVerify) and send the new aal2 access token.',
    });
    expect((await withMfa.accounts.members.list.query(ws)).map((member) => member.email)).toEqual([
      'tia@example.com',
    ]);
  });

  it("keeps one Supabase user out of another's workspace", async () => {
    const owner = clientWith(await accessToken(randomUUID(), 'uma@example.com'));
    const other = clientWith(await accessToken(randomUUID(), 'vic@example.com'));
    const [workspace] = await owner.accounts.workspaces.list.query();
    expect((await refusal(other.accounts.members.list.query({ workspaceId: workspace!.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await refusal(other.accounts.keys.create.mutate({ workspaceId: workspace!.id, name: 'x' }))).code,
    ).toBe('NOT_FOUND');
  });

  it('turns the built-in sign-up and sign-in off', async () => {
    const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'w@example.com', password: 'whatever-password-1' }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/managed by Supabase Auth/);
  });
});
