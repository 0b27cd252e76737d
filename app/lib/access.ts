/**
 * Who may manage which department's content. Pure: the viewer is passed in. Models turn the scope
 * into query conditions, so a forgotten check shows up as an empty list, never as a leak.
 */
export interface Viewer {
  id: number;
  role: 'participant' | 'official' | 'admin';
  departmentId: number | null;
}

/** 'all' for admins, a department id for officials with one, null for everyone else. */
export function managedDepartmentScope(viewer: Viewer | null): 'all' | number | null {
  if (!viewer) return null;
  if (viewer.role === 'admin') return 'all';
  if (viewer.role === 'official' && viewer.departmentId !== null) return viewer.departmentId;
  return null;
}

export function canManageDepartment(viewer: Viewer | null, departmentId: number): boolean {
  const scope = managedDepartmentScope(viewer);
  return scope === 'all' || scope === departmentId;
}
