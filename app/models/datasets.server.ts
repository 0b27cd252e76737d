/**
 * Datasets and their resources as the public and officials see them. Only published datasets are
 * public; drafts and retired ones are visible to the owning department's officials and admins.
 */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { datasetResources, datasets, datasetTags, departments, type DatastoreColumn } from '../../db/schema';
import { canManageDepartment, managedDepartmentScope, type Viewer } from '~/lib/access';
import { previewDatastoreRows, type CellValue } from './datastore.server';

export type DatasetRow = typeof datasets.$inferSelect;

export interface DatasetSummary {
  id: number;
  slug: string;
  title: string;
  description: string;
  status: DatasetRow['status'];
  licence: DatasetRow['licence'];
  publishedAt: Date | null;
  updatedAt: Date;
  departmentId: number;
  departmentName: string;
  tags: string[];
  formats: string[];
}

const summaryColumns = {
  id: datasets.id,
  slug: datasets.slug,
  title: datasets.title,
  description: datasets.description,
  status: datasets.status,
  licence: datasets.licence,
  publishedAt: datasets.publishedAt,
  updatedAt: datasets.updatedAt,
  departmentId: datasets.departmentId,
  departmentName: departments.name,
};

/** Adds tags and resource formats with two queries for the whole page, not two per dataset. */
function withTagsAndFormats(rows: Omit<DatasetSummary, 'tags' | 'formats'>[]): DatasetSummary[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const db = getDb();
  const tags = db.select().from(datasetTags).where(inArray(datasetTags.datasetId, ids)).orderBy(asc(datasetTags.tag)).all();
  const formats = db
    .selectDistinct({ datasetId: datasetResources.datasetId, format: datasetResources.format })
    .from(datasetResources)
    .where(inArray(datasetResources.datasetId, ids))
    .all();
  return rows.map((row) => ({
    ...row,
    tags: tags.filter((t) => t.datasetId === row.id).map((t) => t.tag),
    formats: [...new Set(formats.filter((f) => f.datasetId === row.id).map((f) => f.format))].sort(),
  }));
}

export function listPublishedDatasets(options: { limit?: number } = {}): DatasetSummary[] {
  const query = getDb()
    .select(summaryColumns)
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(eq(datasets.status, 'published'))
    .orderBy(desc(datasets.publishedAt), desc(datasets.id));
  return withTagsAndFormats(options.limit ? query.limit(options.limit).all() : query.all());
}

export function countPublishedDatasets(): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(datasets).where(eq(datasets.status, 'published')).get()?.n ?? 0;
}

export function listDatasetsForManager(viewer: Viewer): DatasetSummary[] {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return [];
  const rows = getDb()
    .select(summaryColumns)
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(scope === 'all' ? undefined : eq(datasets.departmentId, scope))
    .orderBy(desc(datasets.updatedAt))
    .all();
  return withTagsAndFormats(rows);
}

export interface ResourceView {
  id: number;
  name: string;
  description: string;
  format: string;
  byteSize: number;
  rowCount: number | null;
  columns: DatastoreColumn[];
  importStatus: string;
  preview: Record<string, CellValue>[];
}

export interface DatasetDetail extends DatasetSummary {
  updateFrequency: DatasetRow['updateFrequency'];
  contactName: string;
  contactEmail: string;
  keyColumns: string[];
  createdAt: Date;
  resources: ResourceView[];
}

/** A dataset as this viewer may see it, or undefined when it does not exist for them. */
export function getDatasetForViewer(args: { slug: string; viewer: Viewer | null; previewRows: number }): DatasetDetail | undefined {
  const db = getDb();
  const row = db
    .select({ dataset: datasets, departmentName: departments.name })
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(eq(datasets.slug, args.slug))
    .get();
  if (!row) return undefined;
  const d = row.dataset;
  if (d.status !== 'published' && !canManageDepartment(args.viewer, d.departmentId)) return undefined;

  const resources = db
    .select()
    .from(datasetResources)
    .where(eq(datasetResources.datasetId, d.id))
    .orderBy(asc(datasetResources.position), asc(datasetResources.id))
    .all()
    .map(
      (r): ResourceView => ({
        id: r.id,
        name: r.name,
        description: r.description,
        format: r.format,
        byteSize: r.byteSize,
        rowCount: r.rowCount,
        columns: r.columns,
        importStatus: r.importStatus,
        preview:
          r.importStatus === 'ready' && r.tableName && args.previewRows > 0
            ? previewDatastoreRows(r.tableName, r.columns, args.previewRows)
            : [],
      }),
    );
  const [summary] = withTagsAndFormats([
    {
      id: d.id,
      slug: d.slug,
      title: d.title,
      description: d.description,
      status: d.status,
      licence: d.licence,
      publishedAt: d.publishedAt,
      updatedAt: d.updatedAt,
      departmentId: d.departmentId,
      departmentName: row.departmentName,
    },
  ]);
  if (!summary) return undefined;
  return {
    ...summary,
    updateFrequency: d.updateFrequency,
    contactName: d.contactName,
    contactEmail: d.contactEmail,
    keyColumns: d.keyColumns,
    createdAt: d.createdAt,
    resources,
  };
}
