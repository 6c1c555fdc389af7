import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeyScopes, apiKeys, workspaces } from '../../db/schema.js';
import type { Context } from '../../trpc/context.js';
import { router } from '../../trpc/init.js';
import { beforeCursorSchema } from '../../trpc/page-cursor.js';
import { userProcedure, workspaceProcedure } from '../../trpc/user-procedure.js';
import { createApiKey, revokeApiKey } from './api-key-service.js';
import {
  type AuditAction,
  listAccountAuditEvents,
  listWorkspaceAuditEvents,
  recordAuditEvent,
} from './audit-log.js';
import { invitationMail } from './invitation-mail.js';
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  revokeInvitation,
} from './invitation-service.js';
import {
  changeMember,
  createWorkspace,
  listMembers,
  listWorkspacesOf,
  MembershipError,
  setRequireMfa,
} from './workspace-service.js';

const roleSchema = z.enum(['owner', 'admin', 'member'], { error: 'role must be owner, admin or member' });
const workspaceNameSchema = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, 'name cannot be empty')
  .max(200, 'name is at most 200 characters');
const auditPageSchema = {
  limit: z.number().int().min(1).max(200, 'limit is at most 200').default(50),
  before: beforeCursorSchema.optional(),
};

/** Runs a membership change, turning its refusals into tRPC errors with the same message. */
async function asTrpc<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof MembershipError) throw new TRPCError({ code: error.code, message: error.message });
    throw error;
  }
}

function audit(
  ctx: Context & { user: { id: string }; workspaceId?: string },
  action: AuditAction,
  detail: Record<string, unknown> = {},
) {
  return recordAuditEvent(ctx.services.orm, {
    action,
    workspaceId: ctx.workspaceId ?? null,
    userId: ctx.user.id,
    detail,
    ip: ctx.ip,
  });
}

/** Workspaces, members and roles, secret API keys and the audit log, for signed-in users. */
export const accountsRouter = router({
  me: userProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    emailVerified: ctx.user.emailVerified,
    twoFactorEnabled: Boolean(ctx.user.twoFactorEnabled),
  })),

  workspaces: router({
    list: userProcedure.query(({ ctx }) => listWorkspacesOf(ctx.services.orm, ctx.user.id)),
    create: userProcedure.input(z.object({ name: workspaceNameSchema })).mutation(async ({ ctx, input }) => {
      const workspaceId = await createWorkspace(ctx.services.orm, ctx.user.id, input.name);
      await audit({ ...ctx, workspaceId }, 'workspace.created', { name: input.name });
      return { id: workspaceId, name: input.name, role: 'owner' as const };
    }),
    setRequireMfa: workspaceProcedure('admin')
      .input(z.object({ requireMfa: z.boolean({ error: 'requireMfa must be true or false' }) }))
      .mutation(async ({ ctx, input }) => {
        if (input.requireMfa && !ctx.mfaVerified)
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message:
              'Turn on two-factor authentication for your own account before requiring it of everyone.',
          });
        await setRequireMfa(ctx.services.orm, ctx.workspaceId, input.requireMfa);
        await audit(ctx, 'workspace.require-mfa-changed', { requireMfa: input.requireMfa });
        return { requireMfa: input.requireMfa };
      }),
  }),

  members: router({
    list: workspaceProcedure('member').query(({ ctx }) => listMembers(ctx.services.orm, ctx.workspaceId)),
    /**
     * Invites an email address; the person joins when they accept (`invitations.accept`) with the
     * code from their mail. The answer is the same whether or not the address has an account.
     */
    invite: workspaceProcedure('admin')
      .input(
        z.object({
          email: z.email({ error: 'email must be an email address' }).max(320),
          role: roleSchema.default('member'),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const invitation = await asTrpc(
          createInvitation(ctx.services.orm, {
            workspaceId: ctx.workspaceId,
            email: input.email,
            role: input.role,
            actorRole: ctx.role,
          }),
        );
        const [workspace] = await ctx.services.orm
          .select({ name: workspaces.name })
          .from(workspaces)
          .where(eq(workspaces.id, ctx.workspaceId));
        await ctx.services.mail.send(
          invitationMail({
            invitation,
            inviter: ctx.user,
            workspaceName: workspace?.name ?? 'a workspace',
            signInUrl: String(ctx.services.auth.options.baseURL),
          }),
        );
        await audit(ctx, 'invitation.created', {
          invitationId: invitation.id,
          email: invitation.email,
          role: invitation.role,
        });
        return {
          invitationId: invitation.id,
          email: invitation.email,
          role: invitation.role,
          expiresAt: invitation.expiresAt,
        };
      }),
    /** Invitations sent and not accepted yet (expired ones show their date). */
    invitations: workspaceProcedure('admin').query(({ ctx }) =>
      listPendingInvitations(ctx.services.orm, ctx.workspaceId),
    ),
    revokeInvitation: workspaceProcedure('admin')
      .input(z.object({ invitationId: z.uuid({ error: 'invitationId must be an invitation id (a UUID)' }) }))
      .mutation(async ({ ctx, input }) => {
        if (!(await revokeInvitation(ctx.services.orm, ctx.workspaceId, input.invitationId)))
          throw new TRPCError({
            code: 'NOT_FOUND',
            message: 'No pending invitation with this id in this workspace.',
          });
        await audit(ctx, 'invitation.revoked', { invitationId: input.invitationId });
        return { revoked: true };
      }),
    setRole: workspaceProcedure('admin')
      .input(z.object({ userId: z.string().min(1, 'userId is required'), role: roleSchema }))
      .mutation(async ({ ctx, input }) => {
        const { previousRole } = await asTrpc(
          changeMember(ctx.services.orm, {
            workspaceId: ctx.workspaceId,
            userId: input.userId,
            role: input.role,
            actorRole: ctx.role,
          }),
        );
        await audit(ctx, 'member.role-changed', {
          memberId: input.userId,
          from: previousRole,
          to: input.role,
        });
        return { userId: input.userId, role: input.role };
      }),
    remove: workspaceProcedure('admin')
      .input(z.object({ userId: z.string().min(1, 'userId is required') }))
      .mutation(async ({ ctx, input }) => {
        const { previousRole } = await asTrpc(
          changeMember(ctx.services.orm, {
            workspaceId: ctx.workspaceId,
            userId: input.userId,
            role: null,
            actorRole: ctx.role,
          }),
        );
        await audit(ctx, 'member.removed', { memberId: input.userId, role: previousRole });
        return { removed: true };
      }),
  }),

  invitations: router({
    /** Joins the workspace an invitation (the code from its mail) is for, as the signed-in user. */
    accept: userProcedure
      .input(
        z.object({ token: z.string().trim().min(1, 'token is the code from the invitation mail').max(200) }),
      )
      .mutation(async ({ ctx, input }) => {
        const joined = await asTrpc(
          acceptInvitation(ctx.services.orm, {
            token: input.token,
            userId: ctx.user.id,
            email: ctx.user.email,
            emailVerified: ctx.user.emailVerified,
          }),
        );
        if (!joined.alreadyMember)
          await audit({ ...ctx, workspaceId: joined.workspaceId }, 'member.joined', { role: joined.role });
        return { workspaceId: joined.workspaceId, role: joined.role };
      }),
  }),

  keys: router({
    list: workspaceProcedure('admin').query(({ ctx }) =>
      ctx.services.orm
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          prefix: apiKeys.prefix,
          scopes: apiKeys.scopes,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
          revokedAt: apiKeys.revokedAt,
        })
        .from(apiKeys)
        .where(eq(apiKeys.workspaceId, ctx.workspaceId))
        .orderBy(desc(apiKeys.createdAt)),
    ),
    /** The key itself is in this answer only: it is stored hashed and cannot be shown again. */
    create: workspaceProcedure('admin')
      .input(
        z.object({
          name: z
            .string()
            .trim()
            .min(1, 'name the key, e.g. "CI"')
            .max(100, 'name is at most 100 characters'),
          scopes: z
            .array(z.enum(apiKeyScopes, { error: 'a scope is "read" or "write"' }))
            .min(1, 'give the key at least one scope: "read", "write" or both')
            .default(['read', 'write']),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const created = await createApiKey(ctx.services.orm, ctx.workspaceId, input.name, input.scopes);
        await audit(ctx, 'key.created', {
          keyId: created.id,
          name: created.name,
          prefix: created.prefix,
          scopes: created.scopes,
        });
        return created;
      }),
    revoke: workspaceProcedure('admin')
      .input(z.object({ keyId: z.uuid({ error: 'keyId must be a key id (a UUID)' }) }))
      .mutation(async ({ ctx, input }) => {
        if (!(await revokeApiKey(ctx.services.orm, ctx.workspaceId, input.keyId))) {
          const [key] = await ctx.services.orm
            .select({ id: apiKeys.id })
            .from(apiKeys)
            .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.workspaceId, ctx.workspaceId)));
          throw new TRPCError(
            key
              ? { code: 'BAD_REQUEST', message: 'This key is already revoked.' }
              : { code: 'NOT_FOUND', message: 'No key with this id in this workspace.' },
          );
        }
        await audit(ctx, 'key.revoked', { keyId: input.keyId });
        return { revoked: true };
      }),
  }),

  audit: router({
    /** The workspace's events; admins and owners only. */
    list: workspaceProcedure('admin')
      .input(z.object(auditPageSchema))
      .query(({ ctx, input }) => listWorkspaceAuditEvents(ctx.services.orm, ctx.workspaceId, input)),
    /** The signed-in user's own sign-ins, failed attempts and MFA changes. */
    mine: userProcedure
      .input(z.object(auditPageSchema).optional())
      .query(({ ctx, input }) =>
        listAccountAuditEvents(ctx.services.orm, ctx.user.id, input ?? { limit: 50 }),
      ),
  }),
});
