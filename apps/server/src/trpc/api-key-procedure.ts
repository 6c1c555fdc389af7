import { TRPCError } from '@trpc/server';
import { verifyApiKey } from '../modules/accounts/api-key-service.js';
import { enforceLimit, refuseWhenLimited } from './enforce-limit.js';
import { publicProcedure } from './init.js';

/**
 * Procedures for the owner's tools and server-to-server calls: `Authorization: Bearer jsk_…`.
 * Everything they touch is scoped to the key's workspace; mutations need the key's `write` scope,
 * queries and streams its `read` scope.
 */
export const apiKeyProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const key = ctx.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  // Once an address has sent too many wrong keys, its keys are not even looked at (guessing).
  const guessing = await ctx.services.rateLimits.peek('failedAuth', ctx.ip);
  if (!guessing.allowed) refuseWhenLimited(ctx, guessing, 'with wrong API keys from your address');
  if (!key) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Send a secret API key as "Authorization: Bearer jsk_…".',
    });
  }
  const identity = await verifyApiKey(ctx.services.orm, key);
  if (!identity) {
    await ctx.services.rateLimits.consume('failedAuth', ctx.ip);
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This API key is not valid or has been revoked.' });
  }
  await enforceLimit(ctx, 'apiKey', identity.keyId, 'with this API key');
  const needed = type === 'mutation' ? 'write' : 'read';
  if (!identity.scopes.includes(needed)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message:
        needed === 'write'
          ? 'This API key is read-only; changes need a key with the write scope.'
          : 'This API key is write-only; reading needs a key with the read scope.',
    });
  }
  return next({ ctx: { workspaceId: identity.workspaceId } });
});
