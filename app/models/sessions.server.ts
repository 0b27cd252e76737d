/**
 * Server-side sessions. The browser holds a random 256-bit token; the table holds only its
 * SHA-256, so a copy of the database cannot be replayed as cookies.
 */
import crypto from 'node:crypto';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { sessions } from '../../db/schema';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, isSessionAlive, shouldTouchSession } from '~/lib/session-policy';
import { getSessionUserById, type SessionUser } from './users.server';

export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function createSession(userId: number, meta: { ip?: string | null; userAgent?: string | null }, now = new Date()): string {
  const token = crypto.randomBytes(32).toString('base64url');
  getDb()
    .insert(sessions)
    .values({
      id: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return token;
}

/** The user behind a session token, or undefined when the session is unknown, expired or idle. */
export function getUserBySessionToken(token: string, now = new Date()): SessionUser | undefined {
  const id = hashSessionToken(token);
  const session = getDb().select().from(sessions).where(eq(sessions.id, id)).get();
  if (!session) return undefined;
  if (!isSessionAlive(session, now)) {
    getDb().delete(sessions).where(eq(sessions.id, id)).run();
    return undefined;
  }
  if (shouldTouchSession(session, now)) {
    getDb().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
  }
  return getSessionUserById(session.userId);
}

export function deleteSessionByToken(token: string): void {
  getDb().delete(sessions).where(eq(sessions.id, hashSessionToken(token))).run();
}

/** Signs a user out everywhere, optionally keeping the session they are using. */
export function deleteUserSessions(userId: number, exceptToken?: string): void {
  const keep = exceptToken ? ne(sessions.id, hashSessionToken(exceptToken)) : undefined;
  getDb().delete(sessions).where(and(eq(sessions.userId, userId), keep)).run();
}

export function purgeExpiredSessions(now = new Date()): number {
  const idleBefore = new Date(now.getTime() - SESSION_IDLE_MS);
  return getDb()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
    .run().changes;
}

export function countSessions(userId: number): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 0;
}
