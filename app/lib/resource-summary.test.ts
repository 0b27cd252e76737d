import { describe, expect, it } from 'vitest';
import { summarise } from './resource-summary';
import type { DatastoreColumn } from './vocabulary';

const column = (name: string, type: DatastoreColumn['type'], profile: Partial<NonNullable<DatastoreColumn['profile']>>, label?: string): DatastoreColumn => ({
  name,
  source: name,
  type,
  ...(label ? { label } : {}),
  profile: { empty: 0, distinct: 1, min: null, max: null, top: [], ...profile },
});

const BUS = [
  column('日期', 'date', { distinct: 14, min: '2025-10-01', max: '2025-10-14' }),
  column('线路', 'text', { distinct: 7, top: [{ value: '12路', count: 224 }, { value: '18路', count: 224 }] }),
  column('站点', 'text', { distinct: 19, top: [{ value: '火车站', count: 168 }, { value: '人民路口', count: 112 }] }),
  column('上车人次', 'integer', { distinct: 400, min: 12, max: 486 }, '上车人次（人）'),
  column('备注', 'text', { empty: 1568 }),
];

describe('summarise', () => {
  it('says how many rows, over which dates, the leading category and the ranges, from the profile', () => {
    expect(summarise(BUS, 1568)).toEqual([
      { key: 'summary.rows', rows: 1568, columns: 5 },
      { key: 'summary.dates', column: '日期', from: '2025-10-01', to: '2025-10-14' },
      // 线路 is skipped: every route is as common as the next, so none "leads".
      { key: 'summary.categories', column: '站点', distinct: 19, approximate: false, top: '火车站', count: 168 },
      { key: 'summary.numbers', column: '上车人次（人）', min: 12, max: 486 },
      { key: 'summary.emptyColumns', columns: ['备注'] },
    ]);
  });

  it('leaves out names and codes (every value different) and says only the size of an empty table', () => {
    const names = column('企业名称', 'text', { distinct: 20, top: [{ value: 'A', count: 1 }] });
    expect(summarise([names], 20)).toEqual([{ key: 'summary.rows', rows: 20, columns: 1 }]);
    expect(summarise(BUS, 0)).toEqual([{ key: 'summary.rows', rows: 0, columns: 5 }]);
  });

  it('marks an estimated number of categories', () => {
    const towns = column('乡镇', 'text', { distinct: 900, distinctApproximate: true, top: [{ value: '城关镇', count: 50 }, { value: '南山镇', count: 3 }] });
    expect(summarise([towns], 5000)[1]).toMatchObject({ key: 'summary.categories', distinct: 900, approximate: true });
  });
});
