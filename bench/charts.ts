/**
 * Charts benchmark: the profile charts and chart-builder aggregations on a 1,000,000-row table,
 * each reported as a ratio of its time to a bare `SELECT col, COUNT(*) … GROUP BY col` over the
 * same table in the same run (a chart costs about one or two such scans; goal: ≤ 3 each), and the
 * first-visit bytes are in `npm run bench -- bundle` (charts send no JavaScript).
 *
 *   npm run bench -- charts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatastoreColumn } from '../db/tables';
import { time, timeAsync } from './timing';

const TOWNS = Array.from({ length: 40 }, (_, i) => `乡镇${i + 1}`);
const NAMES = ['乡镇', '日期', '金额', '人数', '达标'] as const;

export async function runChartsBenchmark(rows: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-charts-'));
  process.env.DATABASE_URL = path.join(dir, 'bench.db');
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { createDatastoreTable, datastoreInserter } = await import('../app/models/datastore.server');
  const { aggregateChart, withProfileCharts } = await import('../app/models/datastore-charts.server');
  await applyMigrations(getDb());
  const table = 'ds_1_1';
  await createDatastoreTable(table, NAMES.map((name, i) => ({ name, type: (['text', 'date', 'decimal', 'integer', 'boolean'] as const)[i] ?? 'text' })));
  const day0 = Date.UTC(2022, 0, 1);
  await (await datastoreInserter(table, [...NAMES]))(rows, (i, row) => {
    row[0] = TOWNS[(i * 7919) % TOWNS.length] as string;
    row[1] = new Date(day0 + ((i * 31) % 1095) * 86_400_000).toISOString().slice(0, 10);
    row[2] = ((i * 7907) % 100_000) / 100;
    row[3] = (i * 13) % 500;
    row[4] = i % 3 === 0 ? 1 : 0;
  });
  const db = getDb().$client;
  const range = (name: string) => db.prepare(`SELECT MIN("${name}") AS min, MAX("${name}") AS max FROM ${table}`).get() as { min: number | string; max: number | string };
  const column = (name: string, type: DatastoreColumn['type'], distinct: number): DatastoreColumn => ({ name, source: name, type, profile: { empty: 0, distinct, ...range(name), top: [] } }) as DatastoreColumn;
  const columns = [column('乡镇', 'text', TOWNS.length), column('日期', 'date', 1095), column('金额', 'decimal', 100_000), column('人数', 'integer', 500), column('达标', 'boolean', 2)];

  const baseline = time(() => db.prepare(`SELECT "乡镇", COUNT(*) FROM ${table} GROUP BY "乡镇"`).all()).ms;
  const none = { filters: [], q: '' };
  const measured = [
    ['profile charts, 5 columns (per column)', (await timeAsync(() => withProfileCharts(table, columns, rows))).ms / columns.length],
    ['bar: rows by 乡镇', (await timeAsync(async () => await aggregateChart(table, columns, { type: 'bar', x: '乡镇', agg: 'count', y: null, series: null }, none))).ms],
    ['bar: sum of 金额 by 乡镇, split by 达标', (await timeAsync(async () => await aggregateChart(table, columns, { type: 'bar', x: '乡镇', agg: 'sum', y: '金额', series: '达标' }, none))).ms],
    ['line: mean 人数 by month of 日期', (await timeAsync(async () => await aggregateChart(table, columns, { type: 'line', x: '日期', agg: 'mean', y: '人数', series: null }, none))).ms],
    ['bar: rows by 金额 (100,000 groups → top 1,000 + other)', (await timeAsync(async () => await aggregateChart(table, columns, { type: 'bar', x: '金额', agg: 'count', y: null, series: null }, none))).ms],
    ['scatter: 金额 against 人数 (2,000 points)', (await timeAsync(async () => await aggregateChart(table, columns, { type: 'scatter', x: '金额', agg: 'count', y: '人数', series: null }, none))).ms],
  ] as const;
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`charts benchmark: ${rows.toLocaleString('en')} rows`);
  console.log(`  baseline GROUP BY one column: ${baseline.toFixed(0)} ms`);
  for (const [name, ms] of measured) console.log(`  ${name}: ${ms.toFixed(0)} ms, ratio ${(ms / baseline).toFixed(2)}`);
}
