import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { datasets, departments } from '../../db/schema';

export type Department = typeof departments.$inferSelect;

export function listDepartments(): Department[] {
  return getDb().select().from(departments).orderBy(asc(departments.id)).all();
}

export function getDepartmentById(id: number): Department | undefined {
  return getDb().select().from(departments).where(eq(departments.id, id)).get();
}

export function getDepartmentBySlug(slug: string): Department | undefined {
  return getDb().select().from(departments).where(eq(departments.slug, slug)).get();
}

export const DEPARTMENT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function createDepartment(input: { slug: string; name: string; description?: string }): Department {
  return getDb()
    .insert(departments)
    .values({ slug: input.slug, name: input.name, description: input.description ?? '' })
    .returning()
    .get();
}

/** Departments with how many published datasets each has (CKAN organisations). */
export function listDepartmentsWithCounts(): (Department & { publishedCount: number })[] {
  const published = sql<number>`(select count(*) from ${datasets} where ${datasets.departmentId} = ${departments.id} and ${datasets.status} = 'published')`;
  return getDb()
    .select({ department: departments, publishedCount: published })
    .from(departments)
    .orderBy(asc(departments.slug))
    .all()
    .map((r) => ({ ...r.department, publishedCount: Number(r.publishedCount) }));
}
