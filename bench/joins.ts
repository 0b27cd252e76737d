/**
 * Joins benchmark: two 100,000-row tables from different departments joined on a credit-code key
 * (most keys on both sides, some on one), each step reported as a ratio of its time to a bare
 * `SELECT key, COUNT(*) … GROUP BY key` over the left table in the same run. The counts are two
 * such scans and a hash-style lookup (goal: ≤ 4); the first page should cost about one (the right
 * side is materialised once with its key); the whole download reads every joined row.
 *
 *   npm run bench -- joins [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatastoreColumn } from '../db/tables';
import { time, timeAsync } from './timing';

/** An 18-character code shaped like a 统一社会信用代码 (not check-digit valid: only the shape matters here). */
const code = (n: number) => `91530702${String(n).padStart(9, '0')}X`;

export async function runJoinsBenchmark(rows: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-joins-'));
  process.env.DATABASE_URL = path.join(dir, 'bench.db');
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { createDatastoreTable, datastoreInserter } = await import('../app/models/datastore.server');
  const { iterateJoin, joinCounts, joinPage } = await import('../app/models/datastore-joins.server');
  await applyMigrations(getDb());
  const leftNames = ['统一社会信用代码', '岗位', '需求人数', '乡镇'];
  const rightNames = ['统一社会信用代码', '企业名称', '注册资本', '行业'];
  await createDatastoreTable('ds_1_1', leftNames.map((name, i) => ({ name, type: i === 2 ? 'integer' : 'text' })));
  await createDatastoreTable('ds_2_1', rightNames.map((name, i) => ({ name, type: i === 2 ? 'decimal' : 'text' })));
  // Left: one row per firm's vacancy, 80% of them at firms the right table knows.
  await (await datastoreInserter('ds_1_1', leftNames))(rows, (i, row) => {
    row[0] = code(i % 5 === 0 ? rows + i : i);
    row[1] = `岗位${i % 300}`;
    row[2] = (i * 7) % 40;
    row[3] = `乡镇${i % 40}`;
  });
  await (await datastoreInserter('ds_2_1', rightNames))(rows, (i, row) => {
    row[0] = code(i);
    row[1] = `企业${i}`;
    row[2] = (i * 7919) % 10_000;
    row[3] = `行业${i % 20}`;
  });
  const column = (name: string, type: DatastoreColumn['type']): DatastoreColumn => ({ name, source: name, type }) as DatastoreColumn;
  const spec = (how: 'inner' | 'left') => ({
    left: { tableName: 'ds_1_1', columns: [column('统一社会信用代码', 'text'), column('岗位', 'text'), column('需求人数', 'integer'), column('乡镇', 'text')], suppression: null },
    right: { tableName: 'ds_2_1', columns: [column('统一社会信用代码', 'text'), column('企业名称', 'text'), column('注册资本', 'decimal'), column('行业', 'text')], suppression: null },
    on: '统一社会信用代码',
    rightOn: '统一社会信用代码',
    how,
  });
  const db = getDb().$client;
  const baseline = time(() => db.prepare('SELECT "统一社会信用代码", COUNT(*) FROM ds_1_1 GROUP BY 1').all()).ms;
  const counted = (await timeAsync(async () => await joinCounts(spec('inner'))));
  const measured = [
    ['counts (rows matched on each side)', counted.ms],
    ['first page of 50 joined rows', (await timeAsync(async () => await joinPage(spec('inner'), { limit: 50, offset: 0 }))).ms],
    ['page at offset 50,000', (await timeAsync(async () => await joinPage(spec('inner'), { limit: 50, offset: 50_000 }))).ms],
    ['every joined row (the download), inner', (await timeAsync(async () => await countAll(await iterateJoin(spec('inner'), rows * 2)))).ms],
    ['every joined row (the download), left', (await timeAsync(async () => await countAll(await iterateJoin(spec('left'), rows * 2)))).ms],
  ] as const;
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`joins benchmark: two tables of ${rows.toLocaleString('en')} rows, ${counted.value.total.toLocaleString('en')} joined rows`);
  console.log(`  baseline GROUP BY the key: ${baseline.toFixed(0)} ms`);
  for (const [name, ms] of measured) console.log(`  ${name}: ${ms.toFixed(0)} ms, ratio ${(ms / baseline).toFixed(2)}`);
}

async function countAll(rows: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of rows) n += 1;
  return n;
}
