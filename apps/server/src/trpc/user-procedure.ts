import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { type AuthenticatedCaller, AuthenticationError } from '../adapters/auth/port.js';
import type { WorkspaceRole } from '../db/schema.js';
import { findMembership, roleRank } from '../modules/accounts/workspace-service.js';
import { publicProcedure } from './init.js';

/**
 * Procedures for a person signed in to the dashboard: the session cookie (built-in accounts) or a
 * Supabase access token (Supabase mode) names the user. A call from a browser page must come from
 * this server's own origin, so another site (even a sibling subdomain that the lax cookie still
 * reaches) cannot act with a signed-in user's cookie.
 */
export const userProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (ctx.origin && ctx.origin !== new URL(ctx.services.auth.options.baseURL as string).origin)
    throw new TRPCError({ code: 'FORBIDDEN', message: `Account calls are not accepted from ${ctx.origin}.` });
  const { authenticator } = ctx.services;
  let caller: AuthenticatedCaller | undefined;
  try {
    caller = await authenticator.authenticate(ctx);
  } catch (error) {
    if (error instanceof AuthenticationError)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: error.message });
    throw error;
  }
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: authenticator.signInHint });
  return next({ ctx: { user: caller.user, mfaVerified: caller.mfaVerified } });
});

const roleNames: Record<WorkspaceRole, string> = {
  owner: 'an owner',
  admin: 'an admin or owner',
  member: 'a member',
};

/**
 * Procedures on one workspace (`workspaceId` in the input) for its members of at least `minRole`.
 * A workspace the user is not in is NOT_FOUND, so ids of other tenants' workspaces reveal nothing.
 * A workspace that requires MFA refuses members whose session has not proved a second factor
 * (built-in: two-factor is on, and better-auth asks for it at every sign-in; Supabase: aal2).
 */
export function workspaceProcedure(minRole: WorkspaceRole) {
  return userProcedure
    .input(z.object({ workspaceId: z.uuid({ error: 'workspaceId must be a workspace id (a UUID)' }) }))
    .use(async ({ ctx, input, next }) => {
      const membership = await findMembership(ctx.services.orm, input.workspaceId, ctx.user.id);
      if (!membership)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: 'No such workspace, or you are not a member of it.',
        });
      if (membership.requireMfa && !ctx.mfaVerified)
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `This workspace requires two-factor authentication. ${ctx.services.authenticator.secondFactorHint}`,
        });
      if (roleRank[membership.role] < roleRank[minRole])
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Only ${roleNames[minRole]} of this workspace can do this; you are ${membership.role === 'admin' ? 'an admin' : `a ${membership.role}`}.`,
        });
      return next({ ctx: { workspaceId: input.workspaceId, role: membership.role } });
    });
}
