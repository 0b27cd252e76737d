/**
 * CKAN API benchmark, through the same action code the routes call:
 * - package_search over 2,000 public datasets (20 departments, tags, formats) with an fq, a sort
 *   and four facets, against a bare `SELECT … ORDER BY … LIMIT 10` on the datasets table. Goal: a
 *   page of ten ≤ 30× (the count, grouped counts and ten package dictionaries); the harvester's page
 *   of a hundred ≤ 100× (each dictionary is a few indexed reads). Measured 2026-12-06 on the 2-core
 *   machine: 29×, 12×, 75× (page of 100) and 16× (four facets).
 * - datastore_search on a 1,000,000-row table (a first page, a deep page, a filtered page, distinct
 *   values), each against a bare `SELECT … LIMIT 100` on that table. Goal: pages ≤ 10×, distinct
 *   (a walk of the column's index) ≤ 200×. Measured: 4.6×, 3.4×, 6.5×, 150×.
 *
 *   npm run bench -- ckan [datasets] [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatastoreColumn } from '../db/tables';
import { time, timeAsync } from './timing';

export async function runCkanBenchmark(datasetCount: number, rowCount: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-ckan-'));
  process.env.DATABASE_URL = path.join(dir, 'bench.db');
  process.env.DATA_DIR = dir;
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { createDatastoreTable, datastoreInserter } = await import('../app/models/datastore.server');
  const { runCkanAction } = await import('../app/services/ckan/actions.server');
  await applyMigrations(getDb());
  const db = getDb().$client;

  const now = Date.now();
  const formats = ['csv', 'xlsx', 'json', 'geojson'];
  const licences = ['cc-by-4.0', 'cc0-1.0', 'odc-by', 'gov-open'];
  db.transaction(() => {
    const department = db.prepare('INSERT INTO departments (slug, name) VALUES (?, ?)');
    for (let d = 1; d <= 20; d += 1) department.run(`dept-${d}`, `部门${d}`);
    const dataset = db.prepare(
      "INSERT INTO datasets (slug, title, description, department_id, licence, status, access_level, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)",
    );
    const tag = db.prepare('INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?)');
    const resource = db.prepare("INSERT INTO dataset_resources (dataset_id, name, format, original_filename, table_name, row_count, import_status) VALUES (?, ?, ?, ?, NULL, 0, 'ready')");
    for (let i = 1; i <= datasetCount; i += 1) {
      const at = now - i * 3_600_000;
      const id = Number(dataset.run(`dataset-${i}`, `数据集 ${i}`, `第 ${i} 个数据集的说明`, 1 + (i % 20), licences[i % 4], i % 10 === 0 ? 'conditional' : 'open', at, at, at).lastInsertRowid);
      tag.run(id, `主题${i % 30}`);
      tag.run(id, `年度${2020 + (i % 6)}`);
      resource.run(id, `表${i}`, formats[i % 4], `t${i}.csv`);
    }
  })();

  // The large table, served by its own published dataset.
  const names = ['线路', '站点', '日期', '上车人次'];
  await createDatastoreTable('ds_9_1', names.map((name, i) => ({ name, type: i === 2 ? 'date' : i === 3 ? 'integer' : 'text' })));
  await (await datastoreInserter('ds_9_1', names))(rowCount, (i, row) => {
    row[0] = `${1 + (i % 60)}路`;
    row[1] = `站点${i % 900}`;
    row[2] = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    row[3] = (i * 7) % 500;
  });
  const column = (name: string, type: DatastoreColumn['type']): DatastoreColumn => ({ name, source: name, type }) as DatastoreColumn;
  const columns = [column('线路', 'text'), column('站点', 'text'), column('日期', 'date'), column('上车人次', 'integer')];
  const bigDataset = Number(db.prepare("INSERT INTO datasets (slug, title, department_id, status, published_at) VALUES ('big-table', '大表', 1, 'published', ?)").run(now).lastInsertRowid);
  const bigResource = Number(
    db
      .prepare("INSERT INTO dataset_resources (dataset_id, name, format, original_filename, table_name, row_count, columns, import_status) VALUES (?, '客流', 'csv', 'big.csv', 'ds_9_1', ?, ?, 'ready')")
      .run(bigDataset, rowCount, JSON.stringify(columns)).lastInsertRowid,
  );

  const context = { origin: 'http://localhost', user: null, viaToken: false, ip: null, upload: null };
  const report = (label: string, ms: number, baseline: number) => console.log(`  ${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baseline).toFixed(1).padStart(6)} × baseline`);

  console.log(`CKAN API: package_search over ${datasetCount} datasets, datastore_search on ${rowCount} rows`);
  const searchBaseline = Math.max(0.05, time(() => db.prepare("SELECT id FROM datasets WHERE status = 'published' ORDER BY updated_at DESC LIMIT 10").all()).ms);
  console.log(`  baseline: bare SELECT … ORDER BY updated_at LIMIT 10: ${searchBaseline.toFixed(2)} ms`);
  const searches: [string, Record<string, unknown>][] = [
    ['package_search, no filter', {}],
    ['package_search fq organization OR, NOT tags, sort name', { fq: '(organization:dept-3 OR organization:dept-4) -tags:主题1', sort: 'name asc' }],
    ['package_search metadata_modified range (harvest)', { fq: `metadata_modified:[${new Date(now - 30 * 86_400_000).toISOString()} TO NOW]`, sort: 'id asc', rows: 100 }],
    ['package_search with 4 facets', { 'facet.field': JSON.stringify(['organization', 'tags', 'res_format', 'license_id']), 'facet.limit': 20 }],
  ];
  for (const [label, input] of searches) {
    await runCkanAction('package_search', input, context);
    const measured = await timeAsync(async () => await runCkanAction('package_search', input, context));
    report(label, measured.ms, searchBaseline);
  }

  const rowsBaseline = Math.max(0.05, time(() => db.prepare('SELECT * FROM ds_9_1 LIMIT 100').all()).ms);
  console.log(`  baseline: bare SELECT * … LIMIT 100 on the big table: ${rowsBaseline.toFixed(2)} ms`);
  const rowSearches: [string, Record<string, unknown>][] = [
    ['datastore_search first page', { resource_id: String(bigResource) }],
    ['datastore_search page at offset 900,000', { resource_id: String(bigResource), offset: Math.max(0, rowCount - 100_000) }],
    ['datastore_search filters (indexed after first ask)', { resource_id: String(bigResource), filters: { 线路: '7路' }, sort: '上车人次 desc' }],
    ['datastore_search distinct 线路', { resource_id: String(bigResource), distinct: true, fields: ['线路'], limit: 100 }],
  ];
  for (const [label, input] of rowSearches) {
    await runCkanAction('datastore_search', input, context);
    const measured = await timeAsync(async () => await runCkanAction('datastore_search', input, context));
    report(label, measured.ms, rowsBaseline);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
