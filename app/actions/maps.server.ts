/** Featuring a 一张图 combination on the home page, and removing it: officials and admins, audited. */
import { canManageDepartment, managedDepartmentScope } from '~/lib/access';
import { forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { deleteFeaturedMap, getFeaturedMap, insertFeaturedMap } from '~/models/featured-maps.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

/** Features the map that `query` (layers and view, in canonical form) draws, under `title`. */
export async function featureMap(actor: Actor<ActingUser>, input: { title: string; query: string }): Promise<Result<{ id: number }>> {
  const scope = managedDepartmentScope(actor.user);
  if (scope === null) return forbidden();
  return await transaction(async () => {
    const id = await insertFeaturedMap({ title: input.title, query: input.query, departmentId: scope === 'all' ? null : scope, createdBy: actor.user.id });
    await audit(actor, { action: 'map.feature', targetType: 'featured_map', targetId: id, details: { title: input.title, query: input.query } });
    return ok({ id });
  });
}

/** Who may take a featured map off the home page: its department's officials, or an admin. */
export function canRemoveFeaturedMap(viewer: ActingUser | null, map: { departmentId: number | null }): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || (map.departmentId !== null && canManageDepartment(viewer, map.departmentId));
}

/** Removes a featured map: its department's officials or an admin. */
export async function unfeatureMap(actor: Actor<ActingUser>, id: number): Promise<Result<void>> {
  return await transaction(async () => {
    const map = await getFeaturedMap(id);
    if (!map) return notFound();
    if (!canRemoveFeaturedMap(actor.user, map)) return forbidden();
    await deleteFeaturedMap(id);
    await audit(actor, { action: 'map.unfeature', targetType: 'featured_map', targetId: id, details: { title: map.title, query: map.query } });
    return ok();
  });
}
