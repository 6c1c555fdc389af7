import { TRPCError } from '@trpc/server';
import { verifyApiKey } from '../modules/accounts/api-key-service.js';
import { publicProcedure } from './init.js';

/**
 * Procedures for the owner's tools and server-to-server calls: `Authorization: Bearer jsk_…`.
 * Everything they touch is scoped to the key's workspace.
 */
export const apiKeyProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const key = ctx.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!key) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Send a secret API key as "Authorization: Bearer jsk_…".',
    });
  }
  const identity = await verifyApiKey(ctx.services.orm, key);
  if (!identity)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This API key is not valid or has been revoked.' });
  return next({ ctx: { workspaceId: identity.workspaceId } });
});
