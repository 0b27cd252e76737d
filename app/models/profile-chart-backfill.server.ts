/**
 * Served tables whose column profiles predate profile charts (no `chart` key at all), and storing
 * the charts counted for them. The counting itself runs in a worker thread (chart-backfill service).
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { datasetResources, type DatastoreColumn } from '../../db/tables';
import type { ProfileChart } from '~/lib/charts/profile-chart';
import { jsonElements } from './dialect.server';

export interface TableWithoutCharts {
  resourceId: number;
  tableName: string;
  columns: DatastoreColumn[];
  rowCount: number;
}

/** Ready tables with a profiled column that has never had its chart counted, oldest first. */
export async function tablesWithoutProfileCharts(limit: number): Promise<TableWithoutCharts[]> {
  const missing =
    engine() === 'postgres'
      ? sql`exists (select 1 from ${jsonElements(datasetResources.columns, 'c')} where jsonb_typeof(c.value -> 'profile') = 'object' and c.value #> '{profile,chart}' is null)`
      : sql`exists (select 1 from json_each(${datasetResources.columns}) as c
    where json_type(c.value, '$.profile') = 'object' and json_type(c.value, '$.profile.chart') is null)`;
  return (await getDb()
    .select({ resourceId: datasetResources.id, tableName: datasetResources.tableName, columns: datasetResources.columns, rowCount: datasetResources.rowCount })
    .from(datasetResources)
    .where(and(eq(datasetResources.importStatus, 'ready'), isNotNull(datasetResources.tableName), missing))
    .orderBy(datasetResources.id)
    .limit(limit))
    .map((r) => ({ resourceId: r.resourceId, tableName: r.tableName as string, columns: r.columns, rowCount: r.rowCount ?? 0 }));
}

/**
 * Stores counted charts into the resource's current columns, by name, if it still serves the same
 * table (a new import or privacy decision meanwhile brought its own charts). The dictionary an
 * official edited while the charts were counted is kept: only `profile.chart` is written.
 */
export async function storeProfileCharts(resourceId: number, tableName: string, charts: Record<string, ProfileChart | null>): Promise<boolean> {
  return await transaction(async (tx) => {
    const current = (await tx.select({ tableName: datasetResources.tableName, columns: datasetResources.columns }).from(datasetResources).where(eq(datasetResources.id, resourceId)).limit(1))[0];
    if (!current || current.tableName !== tableName) return false;
    const columns = current.columns.map((column) => (column.profile && column.name in charts ? { ...column, profile: { ...column.profile, chart: charts[column.name] ?? null } } : column));
    await tx.update(datasetResources).set({ columns }).where(eq(datasetResources.id, resourceId));
    return true;
  });
}
