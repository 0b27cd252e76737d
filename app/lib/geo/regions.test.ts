import { describe, expect, it } from 'vitest';
import type { DatastoreColumn } from '../vocabulary';
import { detectRegionColumn, matchRegions, normaliseRegionName } from './regions';

const column = (name: string, type: DatastoreColumn['type'], values: (string | number)[]): DatastoreColumn => ({
  name,
  source: name,
  type,
  profile: { empty: 0, distinct: values.length, min: values[0] ?? null, max: values[values.length - 1] ?? null, top: values.map((value) => ({ value, count: 1 })) },
});

const features = [
  { position: 0, code: '530702', name: '城关区' },
  { position: 1, code: '530703', name: '北湖区' },
  { position: 2, code: '530721', name: '南山县' },
];

describe('districts on a map', () => {
  it('are found by a code column (even one typed as numbers), a marked key, or a name column', () => {
    expect(detectRegionColumn([column('区县', 'text', ['北湖区']), column('行政区划代码', 'integer', [530702, 530771])])).toEqual({ column: '行政区划代码', by: 'code' });
    expect(detectRegionColumn([column('地区编号', 'text', ['530702'])], [{ column: '地区编号', kind: 'admin_division' }])).toEqual({ column: '地区编号', by: 'code' });
    expect(detectRegionColumn([column('所属区县', 'text', ['城关区'])])).toEqual({ column: '所属区县', by: 'name' });
    // A "code" column that holds no division codes is not one.
    expect(detectRegionColumn([column('code', 'text', ['A1', 'B2'])])).toBeNull();
  });

  it('match codes and names, reporting what has no boundary', () => {
    const byCode = matchRegions([{ key: 530702, value: 10, rows: 4 }, { key: '530703', value: 5 }, { key: '530799', value: 2, rows: 1 }], features, 'code');
    expect([...byCode.values]).toEqual([[0, 10], [1, 5]]);
    expect(byCode.unmatched).toEqual([{ value: '530799', rows: 1 }]);
    const byName = matchRegions([{ key: '城关', value: 3 }, { key: '南山县', value: 1 }, { key: '东海区', value: 1 }], features, 'name');
    expect([...byName.values]).toEqual([[0, 3], [2, 1]]);
    expect(byName.unmatched.map((u) => u.value)).toEqual(['东海区']);
  });

  it('strip the suffixes people add or leave off, but never to one character', () => {
    expect(normaliseRegionName('城关区')).toBe('城关');
    expect(normaliseRegionName(' 柳河县 ')).toBe('柳河');
    expect(normaliseRegionName('东城街道')).toBe('东城');
    expect(normaliseRegionName('沙区')).toBe('沙区');
  });
});
