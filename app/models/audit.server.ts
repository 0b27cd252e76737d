/** The append-only audit log: who did what to which object, and from where. */
import { and, desc, eq, gte, like, lt, lte, sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { auditLog, users } from '../../db/tables';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await getDb()
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ?? null,
      ip: entry.ip ?? null,
    });
}

export async function listRecentAudit(limit = 50) {
  return await getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}

export interface AuditQuery {
  /** An action or a prefix of one ("privacy." for every privacy decision). */
  action?: string;
  /** The actor's e-mail. */
  actor?: string;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

function auditWhere(query: Omit<AuditQuery, 'limit' | 'offset'>) {
  return and(
    query.action ? (query.action.endsWith('.') ? like(auditLog.action, `${query.action.replace(/[%_\\]/g, '')}%`) : eq(auditLog.action, query.action)) : undefined,
    query.actor ? eq(users.email, query.actor.trim().toLowerCase()) : undefined,
    query.since ? gte(auditLog.createdAt, query.since) : undefined,
    query.until ? lte(auditLog.createdAt, query.until) : undefined,
  );
}

const auditColumns = {
  id: auditLog.id,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  details: auditLog.details,
  ip: auditLog.ip,
  createdAt: auditLog.createdAt,
  actorEmail: users.email,
  actorName: users.name,
};

/** The log for admins, newest first, with who acted. */
export async function listAudit(query: AuditQuery) {
  const where = auditWhere(query);
  const db = getDb();
  const rows = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset);
  const total = (await db.select({ n: sql<number>`count(*)` }).from(auditLog).leftJoin(users, eq(auditLog.actorId, users.id)).where(where).limit(1))[0]?.n ?? 0;
  return { rows, total };
}

/** The columns of `iterateAudit`'s rows, in order. */
export const AUDIT_EXPORT_COLUMNS = ['id', 'action', 'target_type', 'target_id', 'details', 'ip', 'created_at', 'actor_email', 'actor_name'] as const;

/**
 * Every matching entry, newest first, one row at a time (for the CSV export: the statement is
 * stepped as the download is read, so memory does not grow with the log).
 */
export async function iterateAudit(query: Omit<AuditQuery, 'limit' | 'offset'>): Promise<IterableIterator<unknown[]> | AsyncIterableIterator<unknown[]>> {
  if (engine() === 'postgres') return auditPages(query);
  const db = getDb();
  const { sql: text, params } = db.select(auditColumns).from(auditLog).leftJoin(users, eq(auditLog.actorId, users.id)).where(auditWhere(query)).orderBy(desc(auditLog.id)).toSQL();
  return db.$client.prepare(text).raw(true).iterate(...params) as IterableIterator<unknown[]>;
}

const AUDIT_PAGE = 1000;

/**
 * PostgreSQL: the entries a page at a time, newest first, each page after the last id of the one
 * before (no cursor or transaction held open while the client reads, so a pooler may sit in
 * between). Entries written meanwhile have larger ids and are not in this export.
 */
async function* auditPages(query: Omit<AuditQuery, 'limit' | 'offset'>): AsyncIterableIterator<unknown[]> {
  const where = auditWhere(query);
  let before: number | null = null;
  for (;;) {
    const page = await readAuditPage(where, before);
    for (const row of page) {
      yield [row.id, row.action, row.targetType, row.targetId, row.details === null ? null : JSON.stringify(row.details), row.ip, row.createdAt, row.actorEmail, row.actorName];
    }
    if (page.length < AUDIT_PAGE) return;
    before = page[page.length - 1]!.id;
  }
}

async function readAuditPage(where: ReturnType<typeof auditWhere>, before: number | null) {
  return await getDb()
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .where(and(where, before === null ? undefined : lt(auditLog.id, before)))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE);
}
