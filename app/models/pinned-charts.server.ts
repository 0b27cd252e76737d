/**
 * Charts pinned to a dataset page ("at a glance"): at most MAX_PINNED_CHARTS per dataset, shown in
 * the order they were pinned, each with its numbers as last counted from the served table.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted } from './rows.server';
import { pinnedCharts } from '../../db/tables';
import type { ChartData } from '~/lib/charts/chart-spec';

export const MAX_PINNED_CHARTS = 6;

export type PinnedChartRow = typeof pinnedCharts.$inferSelect;

export async function listPinnedCharts(datasetId: number): Promise<PinnedChartRow[]> {
  return await getDb().select().from(pinnedCharts).where(eq(pinnedCharts.datasetId, datasetId)).orderBy(asc(pinnedCharts.id)).limit(MAX_PINNED_CHARTS);
}

/**
 * Pins a chart unless the dataset has its six already or shows this very chart. Call inside a
 * transaction, so two officials pinning at once cannot make seven.
 */
export async function insertPinnedChart(input: { datasetId: number; resourceId: number; query: string; createdBy: number }): Promise<{ ok: true; id: number } | { ok: false; code: 'full' | 'duplicate' }> {
  const db = getDb();
  const pinned = (await db.select({ n: count() }).from(pinnedCharts).where(eq(pinnedCharts.datasetId, input.datasetId)).limit(1))[0]?.n ?? 0;
  if (pinned >= MAX_PINNED_CHARTS) return { ok: false, code: 'full' };
  const same = (await db
    .select({ id: pinnedCharts.id })
    .from(pinnedCharts)
    .where(and(eq(pinnedCharts.datasetId, input.datasetId), eq(pinnedCharts.resourceId, input.resourceId), eq(pinnedCharts.query, input.query))).limit(1))[0];
  if (same) return { ok: false, code: 'duplicate' };
  const row = inserted(await db.insert(pinnedCharts).values(input).returning({ id: pinnedCharts.id }));
  return { ok: true, id: row.id };
}

/** Unpins a chart of this dataset; undefined when it has none by that id. */
export async function deletePinnedChart(datasetId: number, id: number): Promise<PinnedChartRow | undefined> {
  return (await getDb()
    .delete(pinnedCharts)
    .where(and(eq(pinnedCharts.id, id), eq(pinnedCharts.datasetId, datasetId)))
    .returning())[0];
}

/** Keeps a pinned chart's numbers, counted from the served table imported at `dataOf`. */
export async function storePinnedChartData(id: number, data: ChartData, dataOf: Date | null): Promise<void> {
  await getDb().update(pinnedCharts).set({ data, dataOf }).where(eq(pinnedCharts.id, id));
}
