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

// ---------------------------------------------------------------------------------------------
// Who may see and read a dataset: 开放属性 for the public, 共享属性 for other departments. Every
// path that shows a dataset or serves its rows asks these two functions (through the models), so
// a change of level takes effect everywhere at once.

export interface DatasetAccessFacts {
  status: 'draft' | 'published' | 'retired';
  accessLevel: 'open' | 'conditional' | 'closed';
  sharing: 'shared' | 'conditional' | 'not_shared';
  departmentId: number;
}

/** An official of a department other than the dataset's (admins manage everything instead). */
function otherDepartmentOfficial(dataset: DatasetAccessFacts, viewer: Viewer | null): boolean {
  return viewer?.role === 'official' && viewer.departmentId !== null && viewer.departmentId !== dataset.departmentId;
}

/**
 * Whether the dataset's page and metadata exist for this viewer. Published open and conditional
 * datasets are public; a closed one only for its department, admins, and officials of departments
 * it is shared with (unconditionally, or on condition so that they can apply).
 */
export function canSeeDataset(dataset: DatasetAccessFacts, viewer: Viewer | null): boolean {
  if (canManageDepartment(viewer, dataset.departmentId)) return true;
  if (dataset.status !== 'published') return false;
  if (dataset.accessLevel !== 'closed') return true;
  return otherDepartmentOfficial(dataset, viewer) && dataset.sharing !== 'not_shared';
}

/** Who holds a grant: one person (a public application or a challenge entrant) or a whole department. */
export type GrantHolder = 'user' | 'department';

/**
 * How this viewer may read the rows: as the managing department, as anyone (无条件开放), as an
 * official of a department it is shared with (无条件共享), under a grant, or not at all. A grant to
 * a person counts only while the dataset is conditionally open; a department's grant only while it
 * is shared on condition, so closing a dataset ends its grants at once.
 */
export type RowAccess = 'manage' | 'public' | 'shared' | 'grant' | 'none';

export function rowAccess(dataset: DatasetAccessFacts, viewer: Viewer | null, grants: readonly GrantHolder[] = []): RowAccess {
  if (canManageDepartment(viewer, dataset.departmentId)) return 'manage';
  if (dataset.status !== 'published') return 'none';
  if (dataset.accessLevel === 'open') return 'public';
  if (otherDepartmentOfficial(dataset, viewer) && dataset.sharing === 'shared') return 'shared';
  if (grants.some((holder) => grantCounts(dataset, holder))) return 'grant';
  return 'none';
}

export function grantCounts(dataset: DatasetAccessFacts, holder: GrantHolder): boolean {
  return holder === 'user' ? dataset.accessLevel === 'conditional' : dataset.sharing === 'conditional';
}

/** Who may apply, and for what: the public for conditional data, other departments for conditional sharing. */
export function applicationKindsFor(dataset: DatasetAccessFacts, viewer: Viewer | null): ('person' | 'organisation' | 'department')[] {
  if (!viewer || dataset.status !== 'published' || canManageDepartment(viewer, dataset.departmentId)) return [];
  const kinds: ('person' | 'organisation' | 'department')[] = [];
  if (dataset.accessLevel === 'conditional') kinds.push('person', 'organisation');
  if (otherDepartmentOfficial(dataset, viewer) && dataset.sharing === 'conditional') kinds.push('department');
  return kinds;
}

/** The longest period an application may ask for, and a grant run. */
export const MAX_GRANT_DAYS = 366;
