import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Orm, queryRows } from '../../adapters/db/port.js';

/** Extra facts about a signed-in visitor (plan, company…): a few short scalars, nothing nested. */
const attributeValueSchema = z.union([z.string().max(500), z.number(), z.boolean()]);

/**
 * Who the page says the visitor is, as the widget's `identify()` sends it. `signature` is
 * hex(HMAC-SHA256(bot identity secret, id)), computed on the site owner's server.
 */
export const visitorIdentitySchema = z.object({
  id: z.string().trim().min(1, 'identity.id must not be empty').max(200),
  name: z.string().trim().max(200).optional(),
  email: z.email('identity.email must be an email address').max(320).optional(),
  attributes: z
    .record(z.string().max(64), attributeValueSchema)
    .refine((value) => Object.keys(value).length <= 20, 'identity.attributes holds at most 20 keys')
    .optional(),
  signature: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'identity.signature must be 64 hex characters: hex(HMAC-SHA256(secret, id))')
    .optional(),
});

export type VisitorIdentity = z.infer<typeof visitorIdentitySchema>;

/** An identity as stored on a conversation: `verified` only when its signature matched. */
export interface CheckedIdentity {
  id: string;
  name: string | undefined;
  email: string | undefined;
  attributes: Record<string, string | number | boolean> | undefined;
  verified: boolean;
}

/** hex(HMAC-SHA256(secret, userId)): what the owner's server computes to vouch for a user id. */
export function signUserId(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/**
 * Checks an identity's signature against the bot's secret. No signature: kept, but unverified (the
 * page may still say who the visitor is, it just is not trusted). A wrong signature is refused with a
 * 401, since it means the owner's signing is broken or someone is impersonating a user.
 */
export function checkIdentity(secret: string, identity: VisitorIdentity): CheckedIdentity {
  const checked = {
    id: identity.id,
    name: identity.name,
    email: identity.email,
    attributes: identity.attributes,
  };
  if (!identity.signature) return { ...checked, verified: false };
  const expected = Buffer.from(signUserId(secret, identity.id), 'hex');
  const given = Buffer.from(identity.signature, 'hex');
  // Both are 32 bytes (the schema checks the length), so timingSafeEqual cannot throw.
  if (!timingSafeEqual(expected, given)) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message:
        "identity.signature does not match identity.id. Compute it on your server as hex(HMAC-SHA256(the bot's identity secret, user id)); see docs/embedding-the-widget.md.",
    });
  }
  return { ...checked, verified: true };
}

/**
 * The bot's identity secret; with `workspaceId`, only if the bot is in that workspace (the owner API).
 * The column is outside the Drizzle schema, hence raw SQL.
 */
export async function identitySecretOf(orm: Orm, botId: string, workspaceId?: string): Promise<string> {
  const inWorkspace = workspaceId === undefined ? sql`` : sql` and workspace_id = ${workspaceId}::uuid`;
  const [row] = await queryRows<{ identity_secret: string }>(
    orm,
    sql`select identity_secret from bots where id = ${botId}::uuid${inWorkspace}`,
  );
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No bot with this id in your workspace.' });
  return row.identity_secret;
}

/**
 * Replaces the bot's identity secret; signatures made with the old one stop verifying at once, so
 * the owner deploys the new secret to their server right after.
 */
export async function rotateIdentitySecret(orm: Orm, workspaceId: string, botId: string): Promise<string> {
  const secret = randomBytes(32).toString('hex');
  const [row] = await queryRows<{ identity_secret: string }>(
    orm,
    sql`update bots set identity_secret = ${secret}
        where id = ${botId}::uuid and workspace_id = ${workspaceId}::uuid
        returning identity_secret`,
  );
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No bot with this id in your workspace.' });
  return row.identity_secret;
}
