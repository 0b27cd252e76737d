/** Departments: the public bodies that own datasets and employ officials. Operators create them. */
import { fail, forbidden, ok, type Actor, type Result } from '~/lib/result';
import * as departments from '~/models/departments.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

export async function createDepartment(actor: Actor, input: { slug: string; name: string; description?: string }): Promise<Result<departments.Department>> {
  if (!isOperator(actor)) return forbidden();
  // The slug is in every dataset's and organisation's address.
  if (!departments.DEPARTMENT_SLUG_PATTERN.test(input.slug)) return fail('invalid', 'slugInvalid', 'errors.invalid', { field: 'slug' });
  return transaction(() => {
    if (departments.getDepartmentBySlug(input.slug)) return fail('conflict', 'slugTaken', 'errors.invalid', { field: 'slug' });
    const department = departments.createDepartment(input);
    audit(actor, { action: 'department.create', targetType: 'department', targetId: department.id, details: { slug: input.slug, name: input.name } });
    return ok(department);
  });
}
