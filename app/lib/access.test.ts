import { describe, expect, it } from 'vitest';
import { canManageDepartment, managedDepartmentScope } from './access';

describe('department management', () => {
  it('lets admins manage every department', () => {
    expect(managedDepartmentScope({ id: 1, role: 'admin', departmentId: null })).toBe('all');
    expect(canManageDepartment({ id: 1, role: 'admin', departmentId: null }, 7)).toBe(true);
  });

  it('lets officials manage only their own department', () => {
    const official = { id: 2, role: 'official', departmentId: 3 } as const;
    expect(canManageDepartment(official, 3)).toBe(true);
    expect(canManageDepartment(official, 4)).toBe(false);
  });

  it('gives nothing to participants, anonymous visitors or officials without a department', () => {
    expect(managedDepartmentScope(null)).toBeNull();
    expect(managedDepartmentScope({ id: 3, role: 'participant', departmentId: 3 })).toBeNull();
    expect(managedDepartmentScope({ id: 4, role: 'official', departmentId: null })).toBeNull();
    expect(canManageDepartment({ id: 3, role: 'participant', departmentId: 3 }, 3)).toBe(false);
  });
});
