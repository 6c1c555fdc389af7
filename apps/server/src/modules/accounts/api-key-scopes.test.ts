import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { startServer } from '../../main.js';
import { BrowserSession } from '../../test-support/browser-session.js';
import { createMemoryMailSender } from '../../test-support/memory-mail-sender.js';
import { type ServerWithBot, startServerWithBot } from '../../test-support/server-with-bot.js';
import { createTestClient } from '../../test-support/trpc-test-client.js';
import type { AppRouter } from '../../trpc/app-router.js';
import { ensureLocalWorkspace } from '../bots/bot-service.js';
import { createApiKey } from './api-key-service.js';

let setup: ServerWithBot;

beforeAll(async () => {
  setup = await startServerWithBot({ LOG_LEVEL: 'error' }, { slug: 'scoped', name: 'Scoped' });
});
afterAll(async () => {
  await setup?.server.close();
});

async function keyWith(scopes: ('read' | 'write')[]) {
  const orm = setup.server.jarvis.database.orm;
  return (await createApiKey(orm, await ensureLocalWorkspace(orm), `key ${scopes.join('+')}`, scopes)).key;
}

async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as TRPCClientError<AppRouter> | undefined;
  expect(error).toBeInstanceOf(TRPCClientError);
  return { code: error?.data?.code, message: error?.message };
}

describe('API key scopes over real HTTP', () => {
  it('lets a read-only key list and read, and refuses its changes saying why', async () => {
    const client = createTestClient(setup.server.url, await keyWith(['read']));
    expect((await client.bots.list.query()).map((bot) => bot.id)).toContain(setup.botId);
    expect(await refusal(client.bots.update.mutate({ botId: setup.botId, name: 'Renamed' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'This API key is read-only; changes need a key with the write scope.',
    });
    expect(
      (
        await refusal(
          client.sources.add.mutate({
            botId: setup.botId,
            source: { kind: 'text', title: 'Hours', text: 'Opening hours: 9 to 5.' },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const [bot] = await setup.owner.bots.list.query();
    expect(bot?.name).toBe('Scoped');
  });

  it('refuses reads to a write-only key', async () => {
    const client = createTestClient(setup.server.url, await keyWith(['write']));
    expect(await refusal(client.bots.list.query())).toEqual({
      code: 'FORBIDDEN',
      message: 'This API key is write-only; reading needs a key with the read scope.',
    });
  });

  it('makes keys with both scopes unless asked otherwise, and lists each key with its scopes', async () => {
    const mail = createMemoryMailSender();
    // A second server: this one needs a mail sender that keeps the verification link.
    const server = await startServer(loadConfig({ PORT: '0', JARVIS_DEMO: 'false', LOG_LEVEL: 'error' }), {
      inMemory: true,
      mailSender: mail,
    });
    try {
      const person = new BrowserSession(server.url, '127.0.0.1');
      const account = { email: 'scopes@example.com', password: 'amber-kettle-orchard-57' };
      await person.post('/sign-up/email', { name: 'Scopes', ...account });
      await person.fetch(mail.lastLinkTo(account.email));
      await person.post('/sign-in/email', account);
      const trpc = person.trpc();
      const [workspace] = await trpc.accounts.workspaces.list.query();
      const workspaceId = workspace!.id;
      const full = await trpc.accounts.keys.create.mutate({ workspaceId, name: 'CI' });
      const reader = await trpc.accounts.keys.create.mutate({
        workspaceId,
        name: 'Reports',
        scopes: ['read'],
      });
      expect([full.scopes, reader.scopes]).toEqual([['read', 'write'], ['read']]);
      const listed = await trpc.accounts.keys.list.query({ workspaceId });
      expect(listed.map((key) => [key.name, key.scopes])).toEqual(
        expect.arrayContaining([
          ['CI', ['read', 'write']],
          ['Reports', ['read']],
        ]),
      );
      expect(
        await refusal(trpc.accounts.keys.create.mutate({ workspaceId, name: 'None', scopes: [] })),
      ).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('give the key at least one scope'),
      });
      expect(
        (
          await refusal(
            trpc.accounts.keys.create.mutate({ workspaceId, name: 'Admin', scopes: ['admin' as 'read'] }),
          )
        ).code,
      ).toBe('BAD_REQUEST');
    } finally {
      await server.close();
    }
  });
});
