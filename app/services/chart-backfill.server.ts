/**
 * Profile charts for tables served before charts existed: after start-up, each such table's charts
 * are counted in a worker thread, one table at a time (so the site stays responsive), and stored
 * with its profile. Idempotent: a second process doing the same stores the same charts, and a
 * table re-imported meanwhile keeps the charts its import counted.
 */
import { errorFields, log } from '~/log.server';
import { storeProfileCharts, tablesWithoutProfileCharts } from '~/models/profile-chart-backfill.server';
import type { ProfileChart } from '~/lib/charts/profile-chart';
import { runTask } from './workers/pool.server';

/** Tables taken per pass; the next pass picks up the rest. */
const BATCH = 50;

let running: Promise<number> | null = null;

/** Counts the missing charts; resolves to the number of tables given charts. Runs once at a time. */
export async function backfillProfileCharts(): Promise<number> {
  running ??= (async () => {
    let done = 0;
    for (;;) {
      const tables = await tablesWithoutProfileCharts(BATCH);
      let progressed = false;
      for (const table of tables) {
        try {
          const charts = (await runTask('profileCharts', { tableName: table.tableName, columns: table.columns, rowCount: table.rowCount })) as Record<string, ProfileChart | null>;
          // Stored even when the table changed meanwhile: then nothing is written and it is no longer listed.
          if (await storeProfileCharts(table.resourceId, table.tableName, charts)) done += 1;
          progressed = true;
        } catch (error) {
          log.warn({ ...errorFields(error), resourceId: table.resourceId }, 'Could not count the profile charts of an older table; it keeps its text profile.');
        }
      }
      if (tables.length < BATCH || !progressed) break;
    }
    if (done > 0) log.info(`Counted profile charts for ${done} table(s) served before charts existed.`);
    return done;
  })().finally(() => {
    running = null;
  });
  return running;
}
