/**
 * The outbox: every e-mail is a row first and is delivered by the worker outside any request,
 * so a slow or failing SMTP server never slows or breaks a page.
 */
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows } from './rows.server';
import { mailOutbox, type MailStatus } from '../../db/tables';

export type OutboxRow = typeof mailOutbox.$inferSelect;

export async function insertMail(mail: { to: string; subject: string; text: string; kind: string; unsubscribeUrl?: string | null }, now = new Date()): Promise<number> {
  return inserted(await getDb()
    .insert(mailOutbox)
    .values({ ...mail, status: 'queued', nextAttemptAt: now, createdAt: now })
    .returning({ id: mailOutbox.id })).id;
}

export async function dueMail(now: Date, limit: number): Promise<OutboxRow[]> {
  return await getDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(limit);
}

/**
 * Takes a queued mail for sending; false when another worker (an overlapping process) already has
 * it. A mail left "sending" by a crash goes back to the queue after a while (sent at least once).
 */
export async function claimMail(id: number, now = new Date()): Promise<boolean> {
  return affectedRows(await getDb().update(mailOutbox).set({ status: 'sending', nextAttemptAt: now }).where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'queued')))) === 1;
}

export async function requeueStaleMail(olderThan: Date): Promise<number> {
  return affectedRows(await getDb().update(mailOutbox).set({ status: 'queued' }).where(and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.nextAttemptAt, olderThan))));
}

export async function markMailSent(id: number, status: Extract<MailStatus, 'sent' | 'logged'>, now = new Date()): Promise<void> {
  await getDb()
    .update(mailOutbox)
    .set({ status, sentAt: now, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(eq(mailOutbox.id, id));
}

/** Records a failed attempt: retried later, or given up after the last attempt. */
export async function markMailFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void> {
  await getDb()
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      lastError: error.slice(0, 500),
      ...(nextAttemptAt ? { nextAttemptAt, status: 'queued' as const } : { status: 'failed' as const }),
    })
    .where(eq(mailOutbox.id, id));
}

export async function listOutbox(args: { status?: MailStatus; to?: string; limit: number; offset: number }): Promise<{ rows: OutboxRow[]; total: number }> {
  const where = and(args.status ? eq(mailOutbox.status, args.status) : undefined, args.to ? eq(mailOutbox.to, args.to) : undefined);
  const db = getDb();
  return {
    rows: await db.select().from(mailOutbox).where(where).orderBy(desc(mailOutbox.id)).limit(args.limit).offset(args.offset),
    total: (await db.select({ n: sql<number>`count(*)` }).from(mailOutbox).where(where).limit(1))[0]?.n ?? 0,
  };
}

/** A failed mail queued again now (an admin fixed the settings); false unless it had failed. */
export async function retryFailedMail(id: number, now = new Date()): Promise<boolean> {
  return affectedRows(await getDb().update(mailOutbox).set({ status: 'queued', nextAttemptAt: now, lastError: null }).where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed')))) > 0;
}

export async function getMail(id: number): Promise<OutboxRow | undefined> {
  return (await getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1))[0];
}
