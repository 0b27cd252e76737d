/**
 * Personal API tokens for automated publishing. The token is shown once; only its SHA-256 is
 * stored, with a short prefix so its owner can tell tokens apart.
 */
import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows } from './rows.server';
import { apiTokens } from '../../db/tables';
import { getSessionUserById, type SessionUser } from './users.server';

const TOKEN_PREFIX = 'jdz_';
/** last_used_at is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(userId: number, name: string): Promise<{ token: string; id: number }> {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const row = inserted(await getDb()
    .insert(apiTokens)
    .values({ userId, name: name.trim().slice(0, 100) || 'API', tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) })
    .returning({ id: apiTokens.id }));
  return { token, id: row.id };
}

export async function listApiTokens(userId: number) {
  return await getDb()
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(userId: number, tokenId: number): Promise<boolean> {
  return (
    affectedRows(await getDb()
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))) > 0
  );
}

/** The user a token belongs to, or undefined for unknown or revoked tokens. */
export async function getUserByApiToken(token: string, now = new Date()): Promise<SessionUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = (await getDb().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token))).limit(1))[0];
  if (!row || row.revokedAt) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await getDb().update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return await getSessionUserById(row.userId);
}
