/** The append-only audit log: who did what to which object, and from where. */
import { desc } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export function recordAudit(entry: AuditEntry): void {
  getDb()
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ?? null,
      ip: entry.ip ?? null,
    })
    .run();
}

export function listRecentAudit(limit = 50) {
  return getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}
