/**
 * In-app notifications, their e-mail state, and each person's delivery choices. Rendering the
 * text and queueing mail is the notification service's job.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { affectedRows } from './rows.server';
import { transaction } from './transaction.server';
import {
  notificationPreferences,
  notifications,
  users,
  type Delivery,
  type NotificationKind,
  type NotificationMailState,
} from '../../db/tables';

export type NotificationRow = typeof notifications.$inferSelect;

export interface Recipient {
  id: number;
  email: string;
  name: string;
  locale: string | null;
  /** Mail goes only to verified addresses of active accounts. */
  mailable: boolean;
  preferences: Map<NotificationKind, Delivery>;
}

export async function recipientsByIds(ids: readonly number[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  const db = getDb();
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, verified: users.emailVerifiedAt, disabled: users.disabledAt })
    .from(users)
    .where(inArray(users.id, [...ids]));
  const prefs = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...ids]));
  return people
    .filter((p) => p.disabled === null)
    .map((p) => ({
      id: p.id,
      email: p.email,
      name: p.name,
      locale: p.locale,
      mailable: p.verified !== null,
      preferences: new Map(prefs.filter((x) => x.userId === p.id).map((x) => [x.kind, x.delivery])),
    }));
}

export async function insertNotifications(rows: { userId: number; kind: NotificationKind; params: Record<string, string>; link: string; mailState: NotificationMailState; createdAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await transaction(async (tx) => {
    for (const row of rows) await tx.insert(notifications).values(row);
  });
}

export async function listNotifications(userId: number, limit: number, offset: number): Promise<{ items: NotificationRow[]; total: number }> {
  const db = getDb();
  const items = await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset);
  const total = (await db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.userId, userId)).limit(1))[0]?.n ?? 0;
  return { items, total: Number(total) };
}

/**
 * Unread notifications, counted up to `cap` (the bell shows "99+" beyond): the count is asked on
 * every signed-in page, and someone who never reads them must not make every page slower.
 */
export async function unreadCount(userId: number, cap = 100): Promise<number> {
  const unread = getDb()
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .limit(cap)
    .as('unread');
  return Number((await getDb().select({ n: sql<number>`count(*)` }).from(unread).limit(1))[0]?.n ?? 0);
}

/** Marks one of the user's own notifications read and returns where it leads. */
export async function openNotification(userId: number, id: number, now: Date): Promise<string | undefined> {
  const row = (await getDb().select({ link: notifications.link, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).limit(1))[0];
  if (!row) return undefined;
  if (row.readAt === null) await getDb().update(notifications).set({ readAt: now }).where(eq(notifications.id, id));
  return row.link;
}

export async function markAllRead(userId: number, now: Date): Promise<number> {
  return affectedRows(await getDb().update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))));
}

export async function preferencesOf(userId: number): Promise<Map<NotificationKind, Delivery>> {
  return new Map(
    (await getDb()
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId)))
      .map((p) => [p.kind, p.delivery]),
  );
}

export async function setPreferences(userId: number, choices: ReadonlyMap<NotificationKind, Delivery>): Promise<void> {
  await transaction(async (tx) => {
    for (const [kind, delivery] of choices) {
      await tx.insert(notificationPreferences)
        .values({ userId, kind, delivery })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery } });
    }
  });
}

/** People with notifications waiting for their digest. */
export async function usersWithPendingDigest(): Promise<{ id: number; lastDigestAt: Date | null }[]> {
  const db = getDb();
  const ids = (await db.selectDistinct({ userId: notifications.userId }).from(notifications).where(eq(notifications.mailState, 'digest'))).map((r) => r.userId);
  if (ids.length === 0) return [];
  return await db.select({ id: users.id, lastDigestAt: users.lastDigestAt }).from(users).where(inArray(users.id, ids));
}

export async function pendingDigestItems(userId: number): Promise<NotificationRow[]> {
  return await getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.mailState, 'digest')))
    .orderBy(notifications.createdAt, notifications.id);
}

/** Records a digest as sent: its items are mailed (or dropped when no longer wanted), and the person's clock restarts. */
export async function markDigestSent(userId: number, mailedIds: readonly number[], droppedIds: readonly number[], now: Date): Promise<void> {
  await transaction(async (tx) => {
    if (mailedIds.length) await tx.update(notifications).set({ mailState: 'mailed' }).where(inArray(notifications.id, [...mailedIds]));
    if (droppedIds.length) await tx.update(notifications).set({ mailState: 'none' }).where(inArray(notifications.id, [...droppedIds]));
    await tx.update(users).set({ lastDigestAt: now }).where(eq(users.id, userId));
  });
}

/** Waiting digest items the person no longer wants mailed (they switched the kind off, or unsubscribed). */
export async function dropPendingDigest(userId: number, kinds: readonly NotificationKind[]): Promise<void> {
  if (kinds.length === 0) return;
  await getDb()
    .update(notifications)
    .set({ mailState: 'none' })
    .where(and(eq(notifications.userId, userId), eq(notifications.mailState, 'digest'), inArray(notifications.kind, [...kinds])));
}
