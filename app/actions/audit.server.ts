/**
 * The audit entry of an action, written inside the action's transaction: a change and its record
 * commit together or not at all. Only app/actions may write the audit log (a test holds this).
 */
import type { Actor } from '~/lib/result';
import { recordAudit } from '~/models/audit.server';

export interface AuditRecord {
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
}

export async function audit(actor: Actor, record: AuditRecord): Promise<void> {
  await recordAudit({
    actorId: actor.user?.id ?? null,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    // Where the change came from; the web is the default and left out.
    details: actor.via === 'web' ? record.details : { ...record.details, via: actor.via },
    ip: actor.ip,
  });
}
