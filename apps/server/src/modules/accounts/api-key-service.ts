import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { type ApiKeyScope, apiKeys } from '../../db/schema.js';

const keyPattern = /^jsk_[A-Za-z0-9_-]{43}$/;

/** A secret key as created: `key` is shown once and never stored. */
export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  key: string;
}

/**
 * Creates a secret API key for a workspace. Keys are 256 random bits, so a fast SHA-256 hash is
 * enough at rest (a slow password hash protects guessable secrets, which these are not).
 */
export async function createApiKey(
  orm: Orm,
  workspaceId: string,
  name: string,
  scopes: readonly ApiKeyScope[] = ['read', 'write'],
): Promise<CreatedApiKey> {
  const key = `jsk_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const ordered = (['read', 'write'] as const).filter((scope) => scopes.includes(scope));
  const [row] = await orm
    .insert(apiKeys)
    .values({ workspaceId, name, prefix, keyHash: hashKey(key), scopes: ordered })
    .returning({ id: apiKeys.id });
  return { id: row!.id, name, prefix, scopes: ordered, key };
}

/** The workspace and scopes of a live key, or undefined for a malformed, unknown or revoked key. */
export async function verifyApiKey(
  orm: Orm,
  key: string,
): Promise<{ workspaceId: string; keyId: string; scopes: ApiKeyScope[] } | undefined> {
  if (!keyPattern.test(key)) return undefined;
  const [row] = await orm
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, scopes: apiKeys.scopes });
  return row && { workspaceId: row.workspaceId, keyId: row.id, scopes: row.scopes };
}

export async function revokeApiKey(orm: Orm, workspaceId: string, keyId: string): Promise<boolean> {
  const revoked = await orm
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
