import { describe, expect, it } from 'vitest';
import { applicationKindsFor, canManageDepartment, canSeeDataset, managedDepartmentScope, rowAccess } from './access';

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

describe('dataset access levels', () => {
  const base = { status: 'published', accessLevel: 'open', sharing: 'shared', departmentId: 1 } as const;
  const anonymous = null;
  const citizen = { id: 10, role: 'participant', departmentId: null } as const;
  const owner = { id: 11, role: 'official', departmentId: 1 } as const;
  const otherOfficial = { id: 12, role: 'official', departmentId: 2 } as const;
  const admin = { id: 13, role: 'admin', departmentId: null } as const;

  it('shows open data to everyone and lets everyone read it', () => {
    expect(canSeeDataset(base, anonymous)).toBe(true);
    expect(rowAccess(base, anonymous)).toBe('public');
  });

  it('shows conditional data publicly but serves its rows only under a person grant', () => {
    const conditional = { ...base, accessLevel: 'conditional' } as const;
    expect(canSeeDataset(conditional, citizen)).toBe(true);
    expect(rowAccess(conditional, citizen)).toBe('none');
    expect(rowAccess(conditional, citizen, ['user'])).toBe('grant');
    expect(rowAccess(conditional, owner)).toBe('manage');
    expect(applicationKindsFor(conditional, citizen)).toEqual(['person', 'organisation']);
    expect(applicationKindsFor(conditional, owner)).toEqual([]);
    expect(applicationKindsFor(conditional, anonymous)).toEqual([]);
  });

  it('hides closed data from the public; other departments see it only as it is shared', () => {
    const closed = { ...base, accessLevel: 'closed' } as const;
    expect(canSeeDataset(closed, anonymous)).toBe(false);
    expect(canSeeDataset(closed, citizen)).toBe(false);
    expect(rowAccess(closed, citizen, ['user'])).toBe('none');
    expect(canSeeDataset(closed, otherOfficial)).toBe(true);
    expect(rowAccess(closed, otherOfficial)).toBe('shared');
    expect(canSeeDataset({ ...closed, sharing: 'not_shared' }, otherOfficial)).toBe(false);
    expect(rowAccess({ ...closed, sharing: 'not_shared' }, otherOfficial, ['department'])).toBe('none');
    const onCondition = { ...closed, sharing: 'conditional' } as const;
    expect(canSeeDataset(onCondition, otherOfficial)).toBe(true);
    expect(rowAccess(onCondition, otherOfficial)).toBe('none');
    expect(rowAccess(onCondition, otherOfficial, ['department'])).toBe('grant');
    expect(applicationKindsFor(onCondition, otherOfficial)).toEqual(['department']);
    expect(canSeeDataset(closed, admin)).toBe(true);
    expect(rowAccess(closed, admin)).toBe('manage');
  });

  it('serves drafts only to their department, whatever grants exist', () => {
    const draft = { ...base, status: 'draft', accessLevel: 'conditional' } as const;
    expect(canSeeDataset(draft, otherOfficial)).toBe(false);
    expect(rowAccess(draft, citizen, ['user'])).toBe('none');
    expect(rowAccess(draft, owner)).toBe('manage');
  });
});
