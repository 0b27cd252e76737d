/**
 * Maps benchmark: clustering the points of a 1,000,000-row table for the map, reported as a ratio
 * of its time to a bare `SELECT col, COUNT(*) … GROUP BY col` over the same table in the same run.
 * Clustering is one grouped scan on a grid (goal: ≤ 3 over the whole county; less zoomed in).
 *
 *   npm run bench -- maps [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatastoreColumn } from '../db/tables';
import { clusterCellSize, type Bbox } from '../app/lib/geo/viewport';
import { time, timeAsync } from './timing';

/** The demo county's extent (云溪市, synthetic), where the points fall. */
const COUNTY: Bbox = [102.3, 24.2, 102.9, 24.6];

export async function runMapsBenchmark(rows: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-maps-'));
  process.env.DATABASE_URL = path.join(dir, 'bench.db');
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { createDatastoreTable, datastoreInserter } = await import('../app/models/datastore.server');
  const { pointClusters, unplottableCount } = await import('../app/models/datastore-geo.server');
  await applyMigrations(getDb());
  const names = ['名称', '经度', '纬度', '类型'];
  await createDatastoreTable('ds_1_1', names.map((name, i) => ({ name, type: i === 1 || i === 2 ? 'decimal' : 'text' })));
  const [x0, y0, x1, y1] = COUNTY;
  await (await datastoreInserter('ds_1_1', names))(rows, (i, row) => {
    row[0] = `点位${i}`;
    // A spread that is denser towards the centre, as towns are; one row in 1,000 has no position.
    const u = ((i * 7919) % 10_007) / 10_007;
    const v = ((i * 104_729) % 10_009) / 10_009;
    row[1] = i % 1000 === 0 ? null : x0 + (x1 - x0) * (u + u * u) / 2;
    row[2] = i % 1000 === 0 ? null : y0 + (y1 - y0) * (v + v * v) / 2;
    row[3] = `类型${i % 12}`;
  });
  const column = (name: string, type: DatastoreColumn['type']): DatastoreColumn => ({ name, source: name, type }) as DatastoreColumn;
  const columns = [column('名称', 'text'), column('经度', 'decimal'), column('纬度', 'decimal'), column('类型', 'text')];
  const none = { filters: [], q: '' };
  // The grid the map pages use.
  const grid = (bbox: Bbox) => clusterCellSize(bbox);
  const town: Bbox = [102.5, 24.3, 102.55, 24.34];
  const db = getDb().$client;
  const baseline = time(() => db.prepare('SELECT "类型", COUNT(*) FROM ds_1_1 GROUP BY 1').all()).ms;
  const whole = (await timeAsync(async () => await pointClusters('ds_1_1', columns, { lng: '经度', lat: '纬度', labelColumn: '名称', bbox: COUNTY, cell: grid(COUNTY), query: none })));
  const zoomed = (await timeAsync(async () => await pointClusters('ds_1_1', columns, { lng: '经度', lat: '纬度', labelColumn: '名称', bbox: town, cell: grid(town), query: none })));
  const filtered = (await timeAsync(async () => await pointClusters('ds_1_1', columns, { lng: '经度', lat: '纬度', labelColumn: '名称', bbox: COUNTY, cell: grid(COUNTY), query: { filters: [{ column: '类型', op: 'eq', values: ['类型3'] }], q: '' } })));
  const unplottable = (await timeAsync(async () => await unplottableCount('ds_1_1', '经度', '纬度')));
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`maps benchmark: ${rows.toLocaleString('en')} points`);
  console.log(`  baseline GROUP BY one column: ${baseline.toFixed(0)} ms`);
  const report = (name: string, ms: number, detail: string) => console.log(`  ${name}: ${ms.toFixed(0)} ms, ratio ${(ms / baseline).toFixed(2)} (${detail})`);
  report('clusters over the whole county', whole.ms, `${whole.value.clusters.length} clusters, ${whole.value.inView.toLocaleString('en')} points`);
  report('clusters zoomed in on a town', zoomed.ms, `${zoomed.value.clusters.length} clusters, ${zoomed.value.inView.toLocaleString('en')} points`);
  report('clusters of one type (a filter)', filtered.ms, `${filtered.value.inView.toLocaleString('en')} points`);
  report('rows without a drawable position', unplottable.ms, `${unplottable.value.toLocaleString('en')} rows`);
}
