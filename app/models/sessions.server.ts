/**
 * Server-side sessions. The browser holds a random 256-bit token; the table holds only its
 * SHA-256, so a copy of the database cannot be replayed as cookies.
 */
import crypto from 'node:crypto';
import { and, desc, eq, lt, ne, or, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { affectedRows } from './rows.server';
import { sessions } from '../../db/tables';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, isSessionAlive, shouldTouchSession } from '~/lib/session-policy';
import { getSessionUserById, type SessionUser } from './users.server';

export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A session waiting for its second factor lives only this long. */
export const PENDING_TWO_FACTOR_MS = 10 * 60 * 1000;

export async function createSession(
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null },
  now = new Date(),
  stage: { pendingTwoFactor?: boolean; twoFactorAt?: Date | null } = {},
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await getDb()
    .insert(sessions)
    .values({
      id: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + (stage.pendingTwoFactor ? PENDING_TWO_FACTOR_MS : SESSION_ABSOLUTE_MS)),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      pendingTwoFactor: stage.pendingTwoFactor ?? false,
      twoFactorAt: stage.twoFactorAt ?? null,
    });
  return token;
}

async function liveSession(token: string, now: Date) {
  const id = hashSessionToken(token);
  const session = (await getDb().select().from(sessions).where(eq(sessions.id, id)).limit(1))[0];
  if (!session) return undefined;
  if (!isSessionAlive(session, now)) {
    await getDb().delete(sessions).where(eq(sessions.id, id));
    return undefined;
  }
  return session;
}

/**
 * The user behind a session token, or undefined when the session is unknown, expired, idle or
 * still waiting for its second factor.
 */
export async function getUserBySessionToken(token: string, now = new Date()): Promise<SessionUser | undefined> {
  const session = await liveSession(token, now);
  if (!session || session.pendingTwoFactor) return undefined;
  if (shouldTouchSession(session, now)) {
    await getDb().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  const user = await getSessionUserById(session.userId);
  return user ? { ...user, sessionId: session.id, sessionTwoFactorAt: session.twoFactorAt } : undefined;
}

/** The user whose password was checked and whose second factor is awaited on this token. */
export async function getPendingTwoFactorUser(token: string, now = new Date()): Promise<SessionUser | undefined> {
  const session = await liveSession(token, now);
  if (!session?.pendingTwoFactor) return undefined;
  return await getSessionUserById(session.userId);
}

/** Step-up: this session proved the second factor just now. */
export async function markSessionTwoFactor(sessionId: string, now = new Date()): Promise<void> {
  await getDb().update(sessions).set({ twoFactorAt: now }).where(eq(sessions.id, sessionId));
}

export async function listUserSessions(userId: number) {
  return await getDb()
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.pendingTwoFactor, false)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one of the user's own sessions (by its stored id); false when it is not theirs. */
export async function deleteUserSession(userId: number, sessionId: string): Promise<boolean> {
  return affectedRows(await getDb().delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))) > 0;
}

export async function deleteSessionByToken(token: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.id, hashSessionToken(token)));
}

/** Signs a user out everywhere, optionally keeping the session they are using. */
export async function deleteUserSessions(userId: number, exceptToken?: string): Promise<void> {
  const keep = exceptToken ? ne(sessions.id, hashSessionToken(exceptToken)) : undefined;
  await getDb().delete(sessions).where(and(eq(sessions.userId, userId), keep));
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const idleBefore = new Date(now.getTime() - SESSION_IDLE_MS);
  return affectedRows(await getDb()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore))));
}

export async function countSessions(userId: number): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.userId, userId)).limit(1))[0]?.n ?? 0;
}

/** Ends every other session of the user (after turning on a second factor, a session opened with a stolen password must not survive). */
export async function deleteOtherSessions(userId: number, keepSessionId: string): Promise<number> {
  return affectedRows(await getDb().delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))));
}
