/** Pinning charts to a dataset page and unpinning them: the dataset's department or an admin, audited. */
import { canManageDepartment } from '~/lib/access';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { deletePinnedChart, insertPinnedChart } from '~/models/pinned-charts.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

interface PinTarget {
  resourceId: number;
  dataset: { id: number; slug: string; departmentId: number };
}

/** Pins the chart that `query` (checked and put in canonical order by the caller) draws from the resource. */
export async function pinChart(actor: Actor<ActingUser>, target: PinTarget, query: string): Promise<Result<{ id: number }, 'full' | 'duplicate' | 'forbidden'>> {
  if (!canManageDepartment(actor.user, target.dataset.departmentId)) return forbidden();
  return await transaction(async () => {
    const pinned = await insertPinnedChart({ datasetId: target.dataset.id, resourceId: target.resourceId, query, createdBy: actor.user.id });
    if (!pinned.ok) return fail('conflict', pinned.code, pinned.code === 'full' ? 'chart.pin.full' : 'chart.pin.duplicate');
    await audit(actor, { action: 'chart.pin', targetType: 'dataset', targetId: target.dataset.id, details: { slug: target.dataset.slug, resource: target.resourceId, query, pin: pinned.id } });
    return ok({ id: pinned.id });
  });
}

export async function unpinChart(actor: Actor<ActingUser>, dataset: PinTarget['dataset'], pinId: number): Promise<Result<void>> {
  if (!canManageDepartment(actor.user, dataset.departmentId)) return forbidden();
  return await transaction(async () => {
    const removed = await deletePinnedChart(dataset.id, pinId);
    if (!removed) return notFound();
    await audit(actor, { action: 'chart.unpin', targetType: 'dataset', targetId: dataset.id, details: { slug: dataset.slug, resource: removed.resourceId, query: removed.query, pin: pinId } });
    return ok();
  });
}
