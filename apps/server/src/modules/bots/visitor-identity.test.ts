import type { TRPCClientError } from '@trpc/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../adapters/db/port.js';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';
import { askOverHttp, createTestClient, type TestClient } from '../../test-support/trpc-test-client.js';
import type { AppRouter } from '../../trpc/app-router.js';
import { createApiKey } from '../accounts/api-key-service.js';
import { ensureLocalWorkspace } from './bot-service.js';
import { signUserId, type VisitorIdentity } from './visitor-identity.js';

interface StoredIdentity {
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  user_attributes: Record<string, unknown> | null;
  user_verified: boolean;
}

describe("identify(): the owner's identity secret and signed visitor identities, over real HTTP", () => {
  let server: RunningServer;
  let visitor: TestClient;
  let owner: TestClient;
  let botKey: string;
  let botId: string;

  beforeAll(async () => {
    server = await startServer(loadConfig({ PORT: '0' }), { inMemory: true });
    botKey = server.demoBotKey!;
    visitor = createTestClient(server.url);
    const orm = server.jarvis.database.orm;
    const { key } = await createApiKey(orm, await ensureLocalWorkspace(orm), 'test');
    owner = createTestClient(server.url, key);
    botId = (await owner.bots.list.query()).find((bot) => bot.publishableKey === botKey)!.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Asks with an identity and returns the conversation id the answer ended with. */
  async function askAs(identity: VisitorIdentity, conversationId?: string): Promise<string> {
    // A variable, not a literal: the shared helper's input type predates `identity`.
    const input = {
      botKey,
      question: 'How do I install Jarvis?',
      identity,
      ...(conversationId ? { conversationId } : {}),
    };
    const end = (await askOverHttp(visitor, input)).at(-1)!;
    if (end.type !== 'answer-end') throw new Error(`no answer-end: ${JSON.stringify(end)}`);
    return end.conversationId;
  }

  async function storedIdentity(conversationId: string): Promise<StoredIdentity> {
    const [row] = await queryRows<StoredIdentity>(
      server.jarvis.database.orm,
      sql`select user_id, user_name, user_email, user_attributes, user_verified from conversations where id = ${conversationId}::uuid`,
    );
    return row!;
  }

  const conversationCount = async () =>
    (
      await queryRows<{ count: number }>(
        server.jarvis.database.orm,
        'select count(*)::int as count from conversations',
      )
    )[0]!.count;

  it('gives every bot an identity secret the owner can read, and no one else', async () => {
    const { identitySecret } = await owner.bots.identitySecret.query({ botId });
    expect(identitySecret).toMatch(/^[0-9a-f]{64}$/);
    const anonymous = await visitor.bots.identitySecret.query({ botId }).catch((error: unknown) => error);
    expect((anonymous as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
    const unknown = await owner.bots.identitySecret
      .query({ botId: '00000000-0000-4000-8000-000000000000' })
      .catch((error: unknown) => error);
    expect((unknown as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
  });

  it('stores a correctly signed identity on the conversation as verified', async () => {
    const { identitySecret } = await owner.bots.identitySecret.query({ botId });
    const conversationId = await askAs({
      id: 'user-42',
      name: 'Ada',
      email: 'ada@example.com',
      attributes: { plan: 'pro' },
      signature: signUserId(identitySecret, 'user-42'),
    });
    expect(await storedIdentity(conversationId)).toEqual({
      user_id: 'user-42',
      user_name: 'Ada',
      user_email: 'ada@example.com',
      user_attributes: { plan: 'pro' },
      user_verified: true,
    });
  });

  it('keeps an unsigned identity, marked unverified', async () => {
    const conversationId = await askAs({ id: 'claims-to-be-admin', name: 'Admin' });
    expect(await storedIdentity(conversationId)).toMatchObject({
      user_id: 'claims-to-be-admin',
      user_verified: false,
    });
  });

  it('refuses a wrong signature with a 401 before storing anything', async () => {
    const before = await conversationCount();
    const refused = await askAs({ id: 'user-42', signature: signUserId('not-the-secret', 'user-42') }).catch(
      (error: unknown) => error,
    );
    const error = refused as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe('UNAUTHORIZED');
    expect(error.data?.httpStatus).toBe(401);
    expect(error.message).toContain('HMAC-SHA256');
    expect(await conversationCount()).toBe(before);
  });

  it("never hands a verified user's conversation to another verified user", async () => {
    const { identitySecret } = await owner.bots.identitySecret.query({ botId });
    const sign = (id: string) => ({ id, signature: signUserId(identitySecret, id) });
    const conversationId = await askAs(sign('alice'));
    const refused = await askAs(sign('bob'), conversationId).catch((error: unknown) => error);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
    // An unsigned claim does not overwrite the verified owner either.
    await askAs({ id: 'mallory' }, conversationId);
    expect(await storedIdentity(conversationId)).toMatchObject({ user_id: 'alice', user_verified: true });
  });

  it('rotates the secret: signatures made with the old one stop verifying', async () => {
    const { identitySecret: old } = await owner.bots.identitySecret.query({ botId });
    const { identitySecret: rotated } = await owner.bots.rotateIdentitySecret.mutate({ botId });
    expect(rotated).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated).not.toBe(old);
    expect((await owner.bots.identitySecret.query({ botId })).identitySecret).toBe(rotated);
    const refused = await askAs({ id: 'user-7', signature: signUserId(old, 'user-7') }).catch(
      (error: unknown) => error,
    );
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
    const conversationId = await askAs({ id: 'user-7', signature: signUserId(rotated, 'user-7') });
    expect((await storedIdentity(conversationId)).user_verified).toBe(true);
  });
});
