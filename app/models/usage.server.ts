/** Daily usage counts of the open data (downloads, API calls), for the admin's overview. */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { usageDaily, type UsageKind } from '../../db/tables';

/** Adds counts gathered in memory; several processes add theirs to the same rows. */
export async function addUsage(counts: readonly { day: string; kind: UsageKind; count: number }[]): Promise<void> {
  await transaction(async (tx) => {
    for (const { day, kind, count } of counts) {
      await tx.insert(usageDaily)
        .values({ day, kind, count })
        .onConflictDoUpdate({ target: [usageDaily.day, usageDaily.kind], set: { count: sql`${usageDaily.count} + ${count}` } });
    }
  });
}

/** Totals per kind from a day (inclusive, YYYY-MM-DD) on; a range of the primary key. */
export async function usageSince(day: string): Promise<Record<UsageKind, number>> {
  const rows = await getDb()
    .select({ kind: usageDaily.kind, total: sql<number>`sum(${usageDaily.count})` })
    .from(usageDaily)
    .where(sql`${usageDaily.day} >= ${day}`)
    .groupBy(usageDaily.kind);
  const totals: Record<UsageKind, number> = { download: 0, api: 0 };
  for (const row of rows) totals[row.kind] = Number(row.total);
  return totals;
}
