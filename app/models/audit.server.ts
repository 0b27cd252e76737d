/** The append-only audit log: who did what to which object, and from where. */
import { and, desc, eq, gte, like, lte, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
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
export async function iterateAudit(query: Omit<AuditQuery, 'limit' | 'offset'>): Promise<IterableIterator<unknown[]>> {
  const db = getDb();
  const { sql: text, params } = db.select(auditColumns).from(auditLog).leftJoin(users, eq(auditLog.actorId, users.id)).where(auditWhere(query)).orderBy(desc(auditLog.id)).toSQL();
  return db.$client.prepare(text).raw(true).iterate(...params) as IterableIterator<unknown[]>;
}
