import { describe, expect, it } from 'vitest';
import { createJarvisClient } from './index.js';

describe('accessToken (Supabase mode)', () => {
  it('sends the current token with each request, asking for it again each time', async () => {
    const sent: (string | null)[] = [];
    let token = 'first-access-token';
    const client = createJarvisClient({
      url: 'http://127.0.0.1:1',
      accessToken: async () => token,
      fetch: async (_input, init) => {
        sent.push(new Headers(init?.headers).get('authorization'));
        const me = {
          id: 'u1',
          email: 'a@example.com',
          name: 'A',
          emailVerified: true,
          twoFactorEnabled: false,
        };
        return new Response(JSON.stringify([{ result: { data: me } }]), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    expect((await client.accounts.me.query()).email).toBe('a@example.com');
    token = 'refreshed-access-token';
    await client.accounts.me.query();
    expect(sent).toEqual(['Bearer first-access-token', 'Bearer refreshed-access-token']);
  });
});
