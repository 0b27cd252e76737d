/** Departments: the public bodies that own datasets and employ officials. Operators create them. */
import { fail, forbidden, notFound, ok, type Actor, type Result } from '~/lib/result';
import { deleteUserSessions } from '~/models/sessions.server';
import * as departments from '~/models/departments.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

export async function createDepartment(actor: Actor, input: { slug: string; name: string; description?: string; code?: string | null; contact?: string }): Promise<Result<departments.Department>> {
  if (!isOperator(actor)) return forbidden();
  // The slug is in every dataset's and organisation's address.
  if (!departments.DEPARTMENT_SLUG_PATTERN.test(input.slug)) return fail('invalid', 'slugInvalid', 'admin.department.slugInvalid', { field: 'slug' });
  return await transaction(async () => {
    if (await departments.getDepartmentBySlug(input.slug)) return fail('conflict', 'slugTaken', 'admin.department.slugTaken', { field: 'slug' });
    const department = await departments.createDepartment(input);
    await audit(actor, { action: 'department.create', targetType: 'department', targetId: department.id, details: { slug: input.slug, name: input.name, code: input.code || null } });
    return ok(department);
  });
}

/** Name, code (already checked by the form), contact and description. */
export async function updateDepartment(actor: Actor, id: number, details: departments.DepartmentDetails): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const before = await departments.getDepartmentById(id);
    if (!before) return notFound();
    await departments.updateDepartment(id, details);
    const changed = (Object.keys(details) as (keyof departments.DepartmentDetails)[]).filter((key) => before[key] !== details[key]);
    await audit(actor, { action: 'department.update', targetType: 'department', targetId: id, details: { changed } });
    return ok();
  });
}

/**
 * Deactivates a department (merged, dissolved) or brings it back. Its datasets and challenges stay
 * published and owned; its officials' sessions end and they cannot sign in until reactivated or
 * moved to another department.
 */
export async function setDepartmentActive(actor: Actor, id: number, active: boolean): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const department = await departments.getDepartmentById(id);
    if (!department) return notFound();
    if (active === (department.deactivatedAt === null)) return fail('conflict', 'unchanged', 'errors.badRequest.title');
    await departments.setDepartmentDeactivated(id, !active);
    const officials = await departments.listOfficialIds(id);
    if (!active) for (const userId of officials) await deleteUserSessions(userId);
    await audit(actor, { action: active ? 'department.reactivate' : 'department.deactivate', targetType: 'department', targetId: id, details: { officials: officials.length } });
    return ok();
  });
}
