/**
 * The department's privacy decisions about a resource: decide a column, take a decision back,
 * suppress small groups, purge the upload; and the platform's start-up scan of older tables.
 *
 * A decision (or taking one back, or a suppression) changes what the public gets only once the
 * served table is rebuilt, which is slow (a copy of the whole table) and so happens after the
 * transaction, one rebuild at a time. The decision and its audit entry commit together first. If the rebuild then fails, what is on record
 * must still be what is served: the previous state is put back, and that is audited
 * ('privacy.revert') in the same transaction as the restore. The first entry stays, since the log
 * is append-only and the decision really was on record for a moment (the publication gate saw it);
 * the pair reads as "decided, then taken back because the rebuild failed". Writing the entry only
 * after a successful rebuild would instead leave a decision without a record if the process died
 * between the two, which is what audit-in-the-transaction exists to prevent.
 */
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as privacy from '~/models/privacy.server';
import { transaction } from '~/models/transaction.server';
import { deleteUpload } from '~/services/uploads.server';
import { audit, type AuditRecord } from './audit.server';

export type DecisionProblem = privacy.DecisionProblem;
type Outcome = Awaited<ReturnType<typeof privacy.refreshServedTable>>;

const rawPurged = () => fail('conflict', 'rawPurged', 'privacy.problem.rawPurged');

/**
 * Rebuilds what is served after `change` was recorded (with its audit entry). On failure `restore`
 * puts the previous state back, audited as the revert of `change`, and the error goes on to the
 * caller (the page shows its error, as before).
 */
async function rebuildOrRevert(actor: Actor<ActingUser>, resourceId: number, change: AuditRecord, restore: () => Promise<void> | void): Promise<Outcome> {
  try {
    return await privacy.refreshServedTable(resourceId);
  } catch (error) {
    await transaction(async () => {
      await restore();
      await audit(actor, { action: 'privacy.revert', targetType: 'resource', targetId: resourceId, details: { reverted: change.action, cause: 'rebuildFailed', ...change.details } });
    });
    throw error;
  }
}

function decisionRecord(resourceId: number, decision: privacy.DecisionInput, detectors: string[]): AuditRecord {
  return { action: 'privacy.decide', targetType: 'resource', targetId: resourceId, details: { ...decision, detectors } };
}

/** Records the department's decision for a column and rebuilds what is served. */
export async function decideColumn(actor: Actor<ActingUser>, resourceId: number, decision: privacy.DecisionInput): Promise<Result<{ outcome: Outcome }, DecisionProblem | 'notFound'>> {
  const recorded = await transaction(async () => {
    const result = await privacy.recordDecision(actor.user, resourceId, decision);
    if (result?.ok) await audit(actor, decisionRecord(resourceId, decision, result.detectors));
    return result;
  });
  if (!recorded) return notFound();
  if (!recorded.ok) return recorded.problem === 'rawPurged' ? rawPurged() : fail('invalid', 'unknownColumn', 'privacy.problem.unknownColumn', { field: 'column' });
  const change = decisionRecord(resourceId, decision, recorded.detectors);
  const outcome = await rebuildOrRevert(actor, resourceId, change, async () => await privacy.restoreDecision(resourceId, decision.column, recorded.previous));
  return ok({ outcome });
}

/** Takes a decision back: a flagged column blocks again until decided anew. No such decision is not found. */
export async function undoDecision(actor: Actor<ActingUser>, resourceId: number, column: string): Promise<Result<void, 'rawPurged' | 'notFound'>> {
  const change: AuditRecord = { action: 'privacy.undo', targetType: 'resource', targetId: resourceId, details: { column } };
  const removed = await transaction(async () => {
    const result = await privacy.removeDecision(actor.user, resourceId, column);
    if (result?.ok) await audit(actor, change);
    return result;
  });
  if (!removed) return notFound();
  if (!removed.ok) return removed.problem === 'rawPurged' ? rawPurged() : notFound();
  await rebuildOrRevert(actor, resourceId, change, async () => await privacy.restoreDecision(resourceId, column, removed.removed));
  return ok();
}

/** Leaves out of the served table the rows in groups smaller than k on the chosen columns, or (null) stops doing so. */
export async function setSuppression(actor: Actor<ActingUser>, resourceId: number, suppression: privacy.Suppression): Promise<Result<void, 'rawPurged' | 'suppressionInvalid' | 'notFound'>> {
  const change: AuditRecord = { action: 'privacy.suppression', targetType: 'resource', targetId: resourceId, details: { suppression } };
  const recorded = await transaction(async () => {
    const result = await privacy.recordSuppression(actor.user, resourceId, suppression);
    if (result?.ok) await audit(actor, change);
    return result;
  });
  if (!recorded) return notFound();
  if (!recorded.ok) return recorded.problem === 'rawPurged' ? rawPurged() : fail('invalid', 'suppressionInvalid', 'privacy.problem.suppressionInvalid', { field: 'qi' });
  await rebuildOrRevert(actor, resourceId, change, async () => await privacy.storeSuppression(resourceId, recorded.previous));
  return ok();
}

/**
 * Deletes the upload (its table, then its stored file) once a de-identified copy is what is
 * served; only the owning department's officials may, not even admins. Queued behind any rebuild,
 * which would otherwise find its upload gone.
 */
export async function purgeRawUpload(actor: Actor<ActingUser>, resourceId: number): Promise<Result<void, 'notDeidentified' | 'notFound' | 'forbidden'>> {
  const purged = await privacy.afterRebuilds(async () =>
    await transaction(async () => {
      const result = await privacy.purgeRawUpload(actor.user, resourceId);
      if (result?.ok) await audit(actor, { action: 'privacy.purge_upload', targetType: 'resource', targetId: resourceId, details: { table: result.table } });
      return result;
    }),
  );
  if (!purged) return notFound();
  if (!purged.ok) return purged.problem === 'notOwner' ? forbidden() : fail('conflict', 'notDeidentified', 'privacy.problem.purgeRefused');
  // Only once the purge has committed: a rolled-back purge still needs its file.
  deleteUpload(purged.storageKey);
  return ok();
}

/**
 * On start-up, before the site serves: tables imported before the privacy scan existed are each
 * scanned once; one with findings (or one that cannot be read) stops being served until its
 * department decides, exactly as a fresh upload would. Only the platform itself runs this. The
 * findings and the audit entry commit together, before the rebuild that stops serving the table.
 */
export async function scanUnscannedResources(actor: Actor<null>): Promise<Result<{ scanned: number; blocked: number }>> {
  if (actor.via !== 'system' || actor.user !== null) return forbidden();
  const legacy = await privacy.listUnscannedResources();
  let blocked = 0;
  for (const resource of legacy) {
    const findings = await privacy.scanServedTable(resource);
    if (!findings) {
      blocked += 1;
      continue;
    }
    await transaction(async () => {
      await privacy.recordScanOfServedTable(resource, findings);
      if (findings.length > 0) {
        await audit(actor, { action: 'privacy.legacy_scan_blocked', targetType: 'resource', targetId: resource.id, details: { columns: [...new Set(findings.map((f) => f.column))] } });
      }
    });
    if (findings.length > 0) {
      blocked += 1;
      await privacy.refreshServedTable(resource.id);
    }
  }
  return ok({ scanned: legacy.length, blocked });
}
