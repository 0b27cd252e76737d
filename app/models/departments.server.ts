import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted } from './rows.server';
import { challenges, departments, users } from '../../db/tables';

export type Department = typeof departments.$inferSelect;

export async function listDepartments(): Promise<Department[]> {
  return await getDb().select().from(departments).orderBy(asc(departments.id));
}

export async function getDepartmentById(id: number): Promise<Department | undefined> {
  return (await getDb().select().from(departments).where(eq(departments.id, id)).limit(1))[0];
}

export async function getDepartmentBySlug(slug: string): Promise<Department | undefined> {
  return (await getDb().select().from(departments).where(eq(departments.slug, slug)).limit(1))[0];
}

export async function getDepartmentByUuid(uuid: string): Promise<Department | undefined> {
  return (await getDb().select().from(departments).where(eq(departments.uuid, uuid)).limit(1))[0];
}

export { DEPARTMENT_SLUG_PATTERN } from '~/lib/validation/admin';

export async function createDepartment(input: { slug: string; name: string; description?: string; code?: string | null; contact?: string }): Promise<Department> {
  return inserted(await getDb()
    .insert(departments)
    .values({ slug: input.slug, name: input.name, description: input.description ?? '', code: input.code || null, contact: input.contact ?? '' })
    .returning());
}

/** Departments with how many published datasets each has (CKAN organisations). */
export async function listDepartmentsWithCounts(): Promise<(Department & { publishedCount: number })[]> {
  // Written with an alias: drizzle leaves column names unqualified in a single-table select, where
  // "id" inside the subquery would be the dataset's own.
  const published = sql<number>`(select count(*) from datasets d where d.department_id = "departments"."id" and d.status = 'published' and d.access_level <> 'closed')`;
  return (await getDb()
    .select({ department: departments, publishedCount: published })
    .from(departments)
    .orderBy(asc(departments.slug)))
    .map((r) => ({ ...r.department, publishedCount: Number(r.publishedCount) }));
}

export interface DepartmentDetails {
  name: string;
  description: string;
  code: string | null;
  contact: string;
}

export async function updateDepartment(id: number, details: DepartmentDetails): Promise<void> {
  await getDb().update(departments).set(details).where(eq(departments.id, id));
}

export async function setDepartmentDeactivated(id: number, deactivated: boolean, now = new Date()): Promise<void> {
  await getDb().update(departments).set({ deactivatedAt: deactivated ? now : null }).where(eq(departments.id, id));
}

/** Officials of a department who can sign in, to be told of what is addressed to it. */
export async function activeOfficialIds(departmentId: number): Promise<number[]> {
  return (await getDb()
    .select({ id: users.id })
    .from(users)
    .innerJoin(departments, eq(users.departmentId, departments.id))
    .where(sql`${users.departmentId} = ${departmentId} and ${users.role} = 'official' and ${users.disabledAt} is null and ${departments.deactivatedAt} is null`))
    .map((r) => r.id);
}

/** Officials of a department, for ending their sessions when it is deactivated. */
export async function listOfficialIds(departmentId: number): Promise<number[]> {
  return (await getDb()
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.departmentId} = ${departmentId} and ${users.role} = 'official'`))
    .map((r) => r.id);
}

export interface DepartmentOverview extends Department {
  officials: number;
  datasets: number;
  challenges: number;
  openRequests: number;
}

/**
 * The admin's list: every department with its officials, datasets, challenges and requests still
 * waiting for an answer. A county has tens of departments and a province a few hundred, so the list
 * is capped rather than paged; each count uses the department index of its table.
 */
export async function listDepartmentOverview(limit = 500): Promise<DepartmentOverview[]> {
  // Written out with aliases: inside a select, drizzle leaves columns unqualified, and an inner
  // "id" would be the counted table's own.
  const count = (table: string, extra = '') => sql.raw(`(select count(*) from ${table} t where t.department_id = departments.id${extra})`).mapWith(Number);
  return (await getDb()
    .select({
      department: departments,
      officials: count('users', " and t.role = 'official'"),
      datasets: count('datasets'),
      challenges: count('challenges'),
      openRequests: count('data_requests', ' and t.responded_at is null'),
    })
    .from(departments)
    .orderBy(asc(departments.name))
    .limit(limit))
    .map((r) => ({ ...r.department, officials: Number(r.officials), datasets: Number(r.datasets), challenges: Number(r.challenges), openRequests: Number(r.openRequests) }));
}

/** The department that runs a challenge, for telling its officials of what is asked there. */
export async function challengeDepartmentId(challengeId: number): Promise<number | null> {
  return (await getDb().select({ id: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0]?.id ?? null;
}
