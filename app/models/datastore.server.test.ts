import { beforeAll, describe, expect, it } from 'vitest';
import { engine, getDb, getPostgres } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import type { DatastoreColumn } from '../../db/tables';
import { numberedParameters, type RowQuery } from '~/lib/datastore-query';
import { buildSearchIndex, createDatastoreTable, datastoreInserter, dropDatastoreTable, hasSearchIndex, indexDatastoreColumn, indexedColumns, pageStatement, queryDatastore, searchIndexName, suppressSmallGroups } from './datastore.server';

const TABLE = 'ds_900_1';
const ROWS = 3000;
const column = (name: string, type: DatastoreColumn['type']): DatastoreColumn => ({ name, type }) as DatastoreColumn;
const columns = [column('区县', 'text'), column('时长', 'integer')];
const DISTRICTS = ['城关区', '临港区', '南湖区', '山前县'];
const reference = Array.from({ length: ROWS }, (_, i) => ({ _id: i + 1, 区县: DISTRICTS[(i * 7) % 4] as string, 时长: (i * 37) % 101 }));

beforeAll(async () => {
  await applyMigrations(getDb());
  await createDatastoreTable(TABLE, columns);
  await (await datastoreInserter(TABLE, ['区县', '时长']))(ROWS, (i, row) => {
    row[0] = reference[i]?.区县 ?? null;
    row[1] = reference[i]?.时长 ?? null;
  });
});

const query = (q: Partial<RowQuery>): RowQuery => ({ filters: [], sort: [], q: '', limit: 20, offset: 0, ...q });
const onSqlite = engine() === 'sqlite';
const plan = async (q: RowQuery, total: number) => {
  const statement = await pageStatement(TABLE, columns, q, { total, rowsInTable: ROWS });
  if (!onSqlite) return postgresPlan(statement.sql, statement.params);
  return (getDb().$client.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((r) => r.detail).join(' | ');
};

/**
 * PostgreSQL's plan with sequential scans made expensive: whether an index *can* serve the query
 * (on a table this small the planner would rightly read it all).
 */
async function postgresPlan(text: string, params: readonly (string | number | null)[]): Promise<string> {
  const client = await getPostgres().$client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const rows = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numberedParameters(text)}`, [...params])).rows;
    await client.query('ROLLBACK');
    return rows.map((r) => r['QUERY PLAN']).join(' | ');
  } finally {
    client.release();
  }
}

/** What the page should hold, computed in JavaScript. */
function expected(district: string | null, descending: boolean, offset: number, limit: number) {
  return reference
    .filter((r) => district === null || r.区县 === district)
    .sort((a, b) => (descending ? b.时长 - a.时长 || b._id - a._id : a.时长 - b.时长 || a._id - b._id))
    .slice(offset, offset + limit);
}

describe('datastore pages', () => {
  it('answer the same rows whichever index serves them', async () => {
    const filtered = query({ filters: [{ column: '区县', op: 'eq', values: ['南湖区'] }], sort: [{ column: '时长', descending: true }], offset: 40 });
    const before = await queryDatastore(TABLE, columns, filtered, ROWS);
    expect(before.total).toBe(reference.filter((r) => r.区县 === '南湖区').length);
    expect(before.rows).toEqual(expected('南湖区', true, 40, 20));

    await indexDatastoreColumn(TABLE, '区县');
    await indexDatastoreColumn(TABLE, '时长');
    expect(await indexedColumns(TABLE)).toEqual(new Set(['区县', '时长']));
    expect((await queryDatastore(TABLE, columns, filtered, ROWS)).rows).toEqual(before.rows);
    if (onSqlite) {
      // A quarter of the rows match: reading the sort index in order finds a page at once.
      expect(await plan(filtered, before.total)).toMatch(/SCAN ds_900_1 USING INDEX/);
      expect(await plan(filtered, before.total)).not.toMatch(/TEMP B-TREE/);
      // A rare value: its own index finds the few rows, and they are sorted.
      expect(await plan(filtered, 10)).toMatch(/SEARCH ds_900_1 USING INDEX .*区县=\?/);
    } else {
      // The sort column's index (empty cells first, then the row number) gives the page in order, unsorted.
      const sorted = query({ sort: [{ column: '时长', descending: true }], offset: 40 });
      expect(await plan(sorted, ROWS)).toMatch(/Index Scan Backward using ds_900_1_i/);
      expect(await plan(sorted, ROWS)).not.toMatch(/Sort/);
    }
  });

  it('read deep pages of an unsorted table as a range of row numbers', async () => {
    const deep = query({ offset: 2900, limit: 5 });
    expect(await plan(deep, ROWS)).toMatch(onSqlite ? /SEARCH ds_900_1 USING INTEGER PRIMARY KEY \(rowid>\?\)/ : /Index Cond: \(_id > /);
    expect((await queryDatastore(TABLE, columns, deep, ROWS)).rows.map((r) => r._id)).toEqual([2901, 2902, 2903, 2904, 2905]);
    const backwards = query({ sort: [{ column: '_id', descending: true }], offset: 10, limit: 3 });
    expect((await queryDatastore(TABLE, columns, backwards, ROWS)).rows.map((r) => r._id)).toEqual([2990, 2989, 2988]);
  });

  it('find text in any column through the search index exactly as by reading every row', async () => {
    const searches = ['南湖区', '湖区', '37', '港区', '山前县', '不存在的'];
    const before = await Promise.all(searches.map((q) => queryDatastore(TABLE, columns, query({ q, limit: 50 }), ROWS)));
    await buildSearchIndex(TABLE, ['区县', '时长']);
    expect(await hasSearchIndex(TABLE)).toBe(true);
    const withIndex = query({ q: '南湖区' });
    expect(await plan(withIndex, 100)).toMatch(onSqlite ? /VIRTUAL TABLE INDEX/ : /Bitmap Index Scan on ds_900_1_fts/);
    for (const [i, q] of searches.entries()) expect(await queryDatastore(TABLE, columns, query({ q, limit: 50 }), ROWS), q).toEqual(before[i]);

    // A cell boundary is not a match: "县1" would only appear across two cells.
    expect((await queryDatastore(TABLE, columns, query({ q: '山前县\u001f1' }), ROWS)).total).toBe(0);
  });

  it('fall back to skipping rows when row numbers have gaps', async () => {
    const table = 'ds_901_1';
    await createDatastoreTable(table, [column('区县', 'text')]);
    await (await datastoreInserter(table, ['区县']))(10, (i, row) => (row[0] = i < 2 ? '孤' : '众'));
    // Rows 1 and 2 form a group smaller than k and are left out.
    expect(await suppressSmallGroups(table, ['区县'], 3)).toBe(2);
    const page = await queryDatastore(table, [column('区县', 'text')], query({ offset: 2, limit: 3 }), 8);
    expect(page.rows.map((r) => r._id)).toEqual([5, 6, 7]);
  });
});

describe('headers and cells as uploaded', () => {
  it('keep long headers apart (PostgreSQL names stop at 63 bytes) and cells with tabs, newlines and backslashes intact', async () => {
    const table = 'ds_903_1';
    const prefix = '统计口径说明'.repeat(4);
    const long = [column(`${prefix}甲`, 'text'), column(`${prefix}乙`, 'integer')];
    await createDatastoreTable(table, long);
    const cells = ['a\tb', 'line one\nline two\r\n', 'C:\\数据\\N', '\\N'];
    await (await datastoreInserter(table, long.map((c) => c.name)))(cells.length, (i, row) => {
      row[0] = cells[i] ?? null;
      row[1] = i;
    });
    const page = await queryDatastore(table, long, query({ filters: [{ column: `${prefix}乙`, op: 'gte', values: ['1'] }] }));
    expect(page.rows).toEqual(cells.slice(1).map((cell, i) => ({ _id: i + 2, [`${prefix}甲`]: cell, [`${prefix}乙`]: i + 1 })));
    expect((await queryDatastore(table, long, query({ q: '数据' }))).rows.map((r) => r._id)).toEqual([3]);
  });
});

describe('dropping a datastore table', () => {
  it('drops its search index with it', async () => {
    const table = 'ds_902_1';
    await createDatastoreTable(table, [column('a', 'text')]);
    await (await datastoreInserter(table, ['a']))(3, (i, row) => (row[0] = `值${i}值`));
    await buildSearchIndex(table, ['a']);
    await dropDatastoreTable(table);
    if (onSqlite) expect(getDb().$client.prepare('select count(*) n from sqlite_master where name like ?').get(`${searchIndexName(table)}%`)).toEqual({ n: 0 });
    else expect((await getPostgres().$client.query('SELECT to_regclass($1) AS found', [searchIndexName(table)])).rows).toEqual([{ found: null }]);
    expect(await hasSearchIndex(table)).toBe(false);
  });
});
