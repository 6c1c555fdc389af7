import { and, asc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { authUsers, type WorkspaceRole, workspaceMembers, workspaces } from '../../db/schema.js';

/** Roles ranked: a role may do what every lower one may. */
export const roleRank: Record<WorkspaceRole, number> = { member: 0, admin: 1, owner: 2 };

/** Why a membership change was refused, worded for the person who asked. */
export class MembershipError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
  }
}

/** Creates a workspace with `ownerId` as its owner. */
export async function createWorkspace(orm: Orm, ownerId: string, name: string): Promise<string> {
  return orm.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name }).returning({ id: workspaces.id });
    await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: ownerId, role: 'owner' });
    return workspace!.id;
  });
}

/** The workspaces a user belongs to, with their role in each. */
export function listWorkspacesOf(orm: Orm, userId: string) {
  return orm
    .select({
      id: workspaces.id,
      name: workspaces.name,
      role: workspaceMembers.role,
      requireMfa: workspaces.requireMfa,
      createdAt: workspaces.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaces.createdAt));
}

/** A user's role in a workspace and whether it requires MFA; undefined when not a member. */
export async function findMembership(
  orm: Orm,
  workspaceId: string,
  userId: string,
): Promise<{ role: WorkspaceRole; requireMfa: boolean } | undefined> {
  const [row] = await orm
    .select({ role: workspaceMembers.role, requireMfa: workspaces.requireMfa })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row;
}

export function listMembers(orm: Orm, workspaceId: string) {
  return orm
    .select({
      userId: workspaceMembers.userId,
      email: authUsers.email,
      name: authUsers.name,
      role: workspaceMembers.role,
      twoFactorEnabled: authUsers.twoFactorEnabled,
      joinedAt: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(authUsers, eq(authUsers.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
}

/**
 * Changes a member's role, or removes them (`role: null`). Owners are touched only by owners, and
 * the last owner can be neither demoted nor removed, so a workspace is never left without one.
 * The owner count is taken under a lock on the workspace row, so two owners demoting each other at
 * once cannot both succeed.
 */
export async function changeMember(
  orm: Orm,
  input: { workspaceId: string; userId: string; role: WorkspaceRole | null; actorRole: WorkspaceRole },
): Promise<{ previousRole: WorkspaceRole }> {
  return orm.transaction(async (tx) => {
    await tx.execute(sql`select 1 from workspaces where id = ${input.workspaceId} for update`);
    const [member] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(
        and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.userId, input.userId)),
      );
    if (!member) throw new MembershipError('NOT_FOUND', 'This user is not a member of the workspace.');
    const touchesOwner = member.role === 'owner' || input.role === 'owner';
    if (touchesOwner && input.actorRole !== 'owner')
      throw new MembershipError(
        'FORBIDDEN',
        'Only an owner can change or remove an owner, or make someone an owner.',
      );
    if (member.role === 'owner' && input.role !== 'owner') {
      const [owners] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.role, 'owner')));
      if ((owners?.count ?? 0) <= 1)
        throw new MembershipError(
          'BAD_REQUEST',
          'This is the last owner of the workspace. Make another member owner first.',
        );
    }
    const where = and(
      eq(workspaceMembers.workspaceId, input.workspaceId),
      eq(workspaceMembers.userId, input.userId),
    );
    if (input.role === null) await tx.delete(workspaceMembers).where(where);
    else await tx.update(workspaceMembers).set({ role: input.role }).where(where);
    return { previousRole: member.role };
  });
}

export async function setRequireMfa(orm: Orm, workspaceId: string, requireMfa: boolean): Promise<void> {
  await orm.update(workspaces).set({ requireMfa }).where(eq(workspaces.id, workspaceId));
}
