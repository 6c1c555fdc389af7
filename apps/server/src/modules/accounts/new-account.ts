import { sql } from 'drizzle-orm';
import { type AuthenticatedUser, AuthenticationError } from '../../adapters/auth/port.js';
import { type Orm, queryRows } from '../../adapters/db/port.js';
import { recordAuditEvent } from './audit-log.js';
import { createWorkspace } from './workspace-service.js';

/**
 * What every new person gets, however they signed up: a workspace of their own, which they own,
 * and the sign-up in the audit log.
 */
export async function setUpNewAccount(
  orm: Orm,
  user: { id: string; name: string; email: string },
  ip: string | null,
  method: 'password' | 'supabase',
): Promise<void> {
  const label = (user.name || user.email.split('@')[0] || 'My').slice(0, 180);
  const workspaceId = await createWorkspace(orm, user.id, `${label}'s workspace`);
  await recordAuditEvent(orm, {
    action: 'sign-up',
    userId: user.id,
    detail: { email: user.email, method },
    ip,
  });
  await recordAuditEvent(orm, { action: 'workspace.created', workspaceId, userId: user.id, ip });
}

/**
 * Supabase mode: the account row for a Supabase user (their id is the token's `sub`), made on their
 * first request with the workspace every new person gets; later requests keep the email current.
 */
export async function ensureSupabaseUser(orm: Orm, user: AuthenticatedUser, ip: string): Promise<void> {
  let rows: { created: boolean }[];
  try {
    rows = await queryRows<{ created: boolean }>(
      orm,
      sql`insert into auth_users (id, name, email, email_verified, two_factor_enabled)
          values (${user.id}, ${user.name}, ${user.email}, true, false)
          on conflict (id) do update set email = excluded.email, updated_at = now()
            where auth_users.email is distinct from excluded.email
          returning (xmax = 0) as created`,
    );
  } catch (error) {
    // Another account row holds this address (a Supabase user who took over an address another had).
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      throw new AuthenticationError(
        `Another Jarvis account already uses ${user.email}. Ask the workspace owner to sort it out.`,
      );
    throw error;
  }
  if (rows[0]?.created) await setUpNewAccount(orm, user, ip, 'supabase');
}
