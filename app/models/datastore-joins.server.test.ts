import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import type { DatastoreColumn } from '../../db/tables';
import { computeJoin } from '~/services/joins.server';
import { createDatastoreTable, datastoreInserter } from './datastore.server';
import { iterateJoin, joinFields, type JoinSpec } from './datastore-joins.server';

const column = (name: string, type: DatastoreColumn['type']): DatastoreColumn => ({ name, source: name, type });

/** Relief payments per person; district and sex are what could identify someone. */
const PAYMENTS = [
  ['530702', '女', 300],
  ['530702', '女', 310],
  ['530702', '男', 320],
  ['530702', '男', 330],
  ['530703', '女', 340],
  ['530703', '女', 350],
  ['530799', '男', 360],
  ['530799', '男', 370],
  [null, '女', 380],
] as const;
/** Districts: the code is a number here, text in the payments table; 530704 has no payments. */
const DISTRICTS = [
  [530702, '城关区', 120_000],
  [530703, '北湖区', 90_000],
  [530704, '南山县', 60_000],
] as const;

const payments = { tableName: 'ds_902_1', columns: [column('区县代码', 'text'), column('性别', 'text'), column('金额', 'integer')], suppression: null as { columns: string[]; k: number } | null };
const districts = { tableName: 'ds_903_1', columns: [column('区县代码', 'integer'), column('名称', 'text'), column('金额', 'integer')], suppression: null };
const spec = (how: JoinSpec['how']): JoinSpec => ({ left: payments, right: districts, on: '区县代码', rightOn: '区县代码', how });

beforeAll(async () => {
  await applyMigrations(getDb());
  await createDatastoreTable(payments.tableName, payments.columns);
  await (await datastoreInserter(payments.tableName, ['区县代码', '性别', '金额']))(PAYMENTS.length, (i, row) => PAYMENTS[i]?.forEach((v, c) => (row[c] = v)));
  await createDatastoreTable(districts.tableName, districts.columns);
  await (await datastoreInserter(districts.tableName, ['区县代码', '名称', '金额']))(DISTRICTS.length, (i, row) => DISTRICTS[i]?.forEach((v, c) => (row[c] = v)));
});

describe('joins', () => {
  it('names the right table’s columns apart from the left’s and leaves out its key', () => {
    expect(joinFields(spec('inner')).map((f) => f.name)).toEqual(['区县代码', '性别', '金额', '名称', '金额 (2)']);
  });

  it('matches a code stored as text with the same code stored as a number, and counts both sides', async () => {
    const outcome = await computeJoin(spec('inner'), { limit: 100, offset: 0 });
    if (outcome.refused) throw new Error('refused');
    expect(outcome.total).toBe(6);
    expect(outcome.matched).toEqual({ left: 6, right: 2 });
    expect(outcome.rows[0]).toEqual(['530702', '女', 300, '城关区', 120_000]);
    expect(outcome.rows.map((r) => r[3])).toEqual(['城关区', '城关区', '城关区', '城关区', '北湖区', '北湖区']);
  });

  it('keeps every left row in a left join, empty where nothing matched, and pages in the left table’s order', async () => {
    const outcome = await computeJoin(spec('left'), { limit: 3, offset: 6 });
    if (outcome.refused) throw new Error('refused');
    expect(outcome.total).toBe(PAYMENTS.length);
    expect(outcome.rows).toEqual([
      ['530799', '男', 360, null, null],
      ['530799', '男', 370, null, null],
      [null, '女', 380, null, null],
    ]);
    expect(await collect(await iterateJoin(spec('left'), 100))).toHaveLength(PAYMENTS.length);
  });

  it('counts a join from each side’s rows per key and refuses one too large to make', async () => {
    // Joined on sex with itself: 5 women × 5 women + 4 men × 4 men.
    const bySex: JoinSpec = { left: payments, right: payments, on: '性别', rightOn: '性别', how: 'inner' };
    const outcome = await computeJoin(bySex, { limit: 0, offset: 0 });
    expect(outcome).toMatchObject({ refused: false, total: 41, matched: { left: 9, right: 9 } });
  });

  it('refuses a join whose quasi-identifiers would single out fewer than k people', async () => {
    const marked = (columns: string[], k: number) => ({ ...spec('inner'), left: { ...payments, suppression: { columns, k } } });
    // District alone: 北湖区 holds two people, fewer than the site's k of 5 ...
    expect(await computeJoin(marked(['区县代码'], 2), { limit: 10, offset: 0 })).toEqual({ refused: 'reidentifies', quasiIdentifiers: ['区县代码'], k: 5 });
    // ... and district with sex, as the department marked them here, is refused too.
    expect(await computeJoin(marked(['区县代码', '性别'], 2), { limit: 10, offset: 0 })).toEqual({ refused: 'reidentifies', quasiIdentifiers: ['区县代码', '性别'], k: 5 });
    // ... and sex alone: the six joined rows hold two men and four women.
    expect(await computeJoin(marked(['性别'], 2), { limit: 0, offset: 0 })).toMatchObject({ refused: 'reidentifies', k: 5 });
    // Without marked columns there is nothing to check.
    expect((await computeJoin(spec('inner'), { limit: 0, offset: 0 })).refused).toBe(false);
  });
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}
