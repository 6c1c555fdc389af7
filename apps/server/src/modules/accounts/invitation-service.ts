import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { type WorkspaceRole, workspaceInvitations, workspaceMembers } from '../../db/schema.js';
import { MembershipError } from './workspace-service.js';

/** How long an invitation can be accepted. */
export const invitationLifetimeDays = 7;

const tokenPattern = /^jinv_[A-Za-z0-9_-]{43}$/;

/** An invitation as created: `token` goes into the invitee's mail and is never stored. */
export interface CreatedInvitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  expiresAt: Date;
  token: string;
}

/**
 * Invites an email address to a workspace. The answer is the same whether or not the address has
 * an account, so inviting tells the inviter nothing about who uses Jarvis. Only an owner may invite
 * another owner; whether the caller may invite at all (admin and up) is checked by the procedure.
 * A new invitation to the same address replaces a pending one.
 */
export async function createInvitation(
  orm: Orm,
  input: { workspaceId: string; email: string; role: WorkspaceRole; actorRole: WorkspaceRole },
): Promise<CreatedInvitation> {
  if (input.role === 'owner' && input.actorRole !== 'owner')
    throw new MembershipError('FORBIDDEN', 'Only an owner can invite another owner.');
  const email = input.email.toLowerCase();
  const token = `jinv_${randomBytes(32).toString('base64url')}`;
  return orm.transaction(async (tx) => {
    await tx
      .delete(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.workspaceId, input.workspaceId),
          eq(workspaceInvitations.email, email),
          isNull(workspaceInvitations.acceptedAt),
        ),
      );
    const [row] = await tx
      .insert(workspaceInvitations)
      .values({
        workspaceId: input.workspaceId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt: sql`now() + make_interval(days => ${invitationLifetimeDays})`,
      })
      .returning({ id: workspaceInvitations.id, expiresAt: workspaceInvitations.expiresAt });
    return { id: row!.id, email, role: input.role, expiresAt: row!.expiresAt, token };
  });
}

/** A workspace's invitations not yet accepted, newest first, expired ones included (marked by the date). */
export function listPendingInvitations(orm: Orm, workspaceId: string) {
  return orm
    .select({
      id: workspaceInvitations.id,
      email: workspaceInvitations.email,
      role: workspaceInvitations.role,
      createdAt: workspaceInvitations.createdAt,
      expiresAt: workspaceInvitations.expiresAt,
    })
    .from(workspaceInvitations)
    .where(and(eq(workspaceInvitations.workspaceId, workspaceId), isNull(workspaceInvitations.acceptedAt)))
    .orderBy(desc(workspaceInvitations.createdAt));
}

/** Withdraws a pending invitation; false when the workspace has no such pending invitation. */
export async function revokeInvitation(
  orm: Orm,
  workspaceId: string,
  invitationId: string,
): Promise<boolean> {
  const deleted = await orm
    .delete(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.id, invitationId),
        eq(workspaceInvitations.workspaceId, workspaceId),
        isNull(workspaceInvitations.acceptedAt),
      ),
    )
    .returning({ id: workspaceInvitations.id });
  return deleted.length > 0;
}

/**
 * Accepts an invitation for the signed-in user: the invitation must be pending, unexpired and for
 * the user's own verified email address. Someone already in the workspace keeps their role.
 */
export async function acceptInvitation(
  orm: Orm,
  input: { token: string; userId: string; email: string; emailVerified: boolean },
): Promise<{ workspaceId: string; role: WorkspaceRole; alreadyMember: boolean }> {
  const invalid = new MembershipError(
    'NOT_FOUND',
    'This invitation is not valid: it may have expired, been withdrawn or been used. Ask for a new one.',
  );
  if (!tokenPattern.test(input.token)) throw invalid;
  return orm.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.tokenHash, hashToken(input.token)),
          isNull(workspaceInvitations.acceptedAt),
          gt(workspaceInvitations.expiresAt, sql`now()`),
        ),
      )
      .for('update');
    if (!invitation) throw invalid;
    if (invitation.email !== input.email.toLowerCase())
      throw new MembershipError(
        'FORBIDDEN',
        'This invitation was sent to another email address. Sign in with the address it was sent to.',
      );
    if (!input.emailVerified)
      throw new MembershipError('FORBIDDEN', 'Verify your email address first (see the mail we sent you).');
    const [joined] = await tx
      .insert(workspaceMembers)
      .values({ workspaceId: invitation.workspaceId, userId: input.userId, role: invitation.role })
      .onConflictDoNothing()
      .returning({ role: workspaceMembers.role });
    await tx
      .update(workspaceInvitations)
      .set({ acceptedAt: sql`now()` })
      .where(eq(workspaceInvitations.id, invitation.id));
    if (joined) return { workspaceId: invitation.workspaceId, role: joined.role, alreadyMember: false };
    const [member] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(
        and(
          eq(workspaceMembers.workspaceId, invitation.workspaceId),
          eq(workspaceMembers.userId, input.userId),
        ),
      );
    return { workspaceId: invitation.workspaceId, role: member!.role, alreadyMember: true };
  });
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
