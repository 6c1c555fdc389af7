import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { auditEvents } from '../../db/schema.js';

/** The security events written to the audit log. */
export type AuditAction =
  | 'sign-up'
  | 'sign-in'
  | 'sign-in.failed'
  /** Sign-in attempts refused for guessing (per account or per address), once per limit window. */
  | 'sign-in.limited'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'mfa.failed'
  /** Second-factor codes refused for guessing (per address), once per limit window. */
  | 'mfa.limited'
  | 'key.created'
  | 'key.revoked'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'member.joined'
  | 'member.role-changed'
  | 'member.removed'
  | 'workspace.created'
  | 'workspace.require-mfa-changed';

export interface AuditEventInput {
  action: AuditAction;
  workspaceId?: string | null;
  userId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Writes one event. A failure is logged, not thrown: the audit log must never be the reason a
 * sign-in or a key revocation fails.
 */
export async function recordAuditEvent(orm: Orm, event: AuditEventInput): Promise<void> {
  try {
    await orm.insert(auditEvents).values({
      action: event.action,
      workspaceId: event.workspaceId ?? null,
      userId: event.userId ?? null,
      detail: event.detail ?? {},
      ip: event.ip ?? null,
    });
  } catch (error) {
    console.error(`[audit] could not record ${event.action}`, error);
  }
}

export interface AuditPage {
  /** Newest first. */
  limit: number;
  /** Events strictly older than this (the last `createdAt` of the previous page). */
  before?: Date | undefined;
}

/** A workspace's events (keys, members, settings), newest first. */
export function listWorkspaceAuditEvents(orm: Orm, workspaceId: string, page: AuditPage) {
  return orm
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        page.before ? lt(auditEvents.createdAt, page.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(page.limit);
}

/** A user's own account events (sign-ins, failed attempts, MFA changes), newest first. */
export function listAccountAuditEvents(orm: Orm, userId: string, page: AuditPage) {
  return orm
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.userId, userId),
        isNull(auditEvents.workspaceId),
        page.before ? lt(auditEvents.createdAt, page.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(page.limit);
}
