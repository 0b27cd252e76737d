import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import type { DatastoreColumn } from '../../db/tables';
import { createDatastoreTable, datastoreInserter, hasSearchIndex, indexedColumns } from '~/models/datastore.server';
import { LARGE_TABLE_ROWS, readRows } from './datastore-access.server';
import { stopWorkers } from './workers/pool.server';

const TABLE = 'ds_950_1';
const ROWS = LARGE_TABLE_ROWS + 1000;
const columns = [{ name: '街道', type: 'text' }, { name: '人数', type: 'integer' }] as DatastoreColumn[];
const resource = { tableName: TABLE, columns, rowCount: ROWS };
const STREETS = ['城东街道', '城西街道', '南门街道', '北关街道', '河口镇'];

beforeAll(async () => {
  await applyMigrations(getDb());
  await createDatastoreTable(TABLE, columns);
  await (await datastoreInserter(TABLE, ['街道', '人数']))(ROWS, (i, row) => {
    row[0] = STREETS[i % STREETS.length] ?? null;
    row[1] = (i * 7919) % 1000;
  });
});

afterAll(() => stopWorkers());

describe('rows of a large table', () => {
  it('get indexes for the columns visitors sort and filter on, built in a worker', async () => {
    expect((await indexedColumns(TABLE)).size).toBe(0);
    const page = await readRows(resource, { filters: [{ column: '街道', op: 'eq', values: ['南门街道'] }], sort: [{ column: '人数', descending: true }], q: '', limit: 5, offset: 0 });
    expect(await indexedColumns(TABLE)).toEqual(new Set(['街道', '人数']));
    expect(page.total).toBe(ROWS / STREETS.length);
    const expected = Array.from({ length: ROWS }, (_, i) => ({ _id: i + 1, 街道: STREETS[i % STREETS.length], 人数: (i * 7919) % 1000 }))
      .filter((r) => r.街道 === '南门街道')
      .sort((a, b) => b.人数 - a.人数 || b._id - a._id)
      .slice(0, 5);
    expect(page.rows).toEqual(expected);
  });

  it('search every column through a search index built on first use', async () => {
    expect(await hasSearchIndex(TABLE)).toBe(false);
    const found = await readRows(resource, { filters: [], sort: [], q: '河口镇', limit: 3, offset: 0 });
    expect(await hasSearchIndex(TABLE)).toBe(true);
    expect(found.total).toBe(ROWS / STREETS.length);
    expect(found.rows.map((r) => r._id)).toEqual([5, 10, 15]);
  });
});
