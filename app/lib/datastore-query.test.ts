import { describe, expect, it } from 'vitest';
import { buildOrderBy, buildWhere, parseRowQuery, rowQueryToParams, trigramQuery, type QueryColumn } from './datastore-query';

const columns: QueryColumn[] = [
  { name: '企业名称', type: 'text' },
  { name: '注册资本', type: 'decimal' },
  { name: '成立日期', type: 'date' },
  { name: '高新', type: 'boolean' },
  { name: 'we"ird', type: 'text' },
];
const limits = { defaultLimit: 50, maxLimit: 100 };
const parse = (query: string) => parseRowQuery(new URLSearchParams(query), columns, limits);

describe('parseRowQuery', () => {
  it('reads paging, sorting, filters and q', () => {
    const result = parse('limit=500&offset=10&sort=-注册资本&eq.高新=是&contains.企业名称=科技&gte.成立日期=2020&q=北湖');
    expect(result).toEqual({
      ok: true,
      query: {
        limit: 100,
        offset: 10,
        sort: [{ column: '注册资本', descending: true }],
        q: '北湖',
        filters: [
          { column: '高新', op: 'eq', values: ['是'] },
          { column: '企业名称', op: 'contains', values: ['科技'] },
          { column: '成立日期', op: 'gte', values: ['2020'] },
        ],
      },
    });
  });

  it('refuses unknown columns, values that do not fit and bad paging', () => {
    expect(parse('eq.不存在=1')).toEqual({ ok: false, problem: { code: 'unknownColumn', column: '不存在' } });
    expect(parse('sort=x;drop table t')).toMatchObject({ ok: false, problem: { code: 'unknownColumn' } });
    expect(parse('gte.注册资本=很多')).toEqual({ ok: false, problem: { code: 'badValue', column: '注册资本', value: '很多' } });
    expect(parse('eq.成立日期=2025-02-30')).toMatchObject({ ok: false, problem: { code: 'badValue' } });
    expect(parse('limit=-1')).toEqual({ ok: false, problem: { code: 'badLimit' } });
    expect(parse('offset=abc')).toEqual({ ok: false, problem: { code: 'badOffset' } });
  });

  it('round-trips through URL parameters', () => {
    const result = parse('sort=企业名称&eq.高新=是&q=x');
    if (!result.ok) throw new Error('parse failed');
    expect(rowQueryToParams(result.query).toString()).toBe(new URLSearchParams('q=x&eq.高新=是&sort=企业名称').toString());
  });
});

describe('buildWhere', () => {
  it('quotes identifiers and binds every value', () => {
    const where = buildWhere(
      {
        filters: [
          { column: 'we"ird', op: 'eq', values: ["' OR 1=1 --"] },
          { column: '注册资本', op: 'gte', values: ['1,000'] },
          { column: '企业名称', op: 'contains', values: ['100%_x'] },
          { column: '高新', op: 'eq', values: ['否'] },
        ],
        q: '',
      },
      columns,
    );
    expect(where.sql).toBe(
      'WHERE ("we""ird" = ?) AND "注册资本" >= ? AND CAST("企业名称" AS TEXT) LIKE ? ESCAPE \'\\\' AND ("高新" = ?)',
    );
    expect(where.params).toEqual(["' OR 1=1 --", 1000, '%100\\%\\_x%', 0]);
  });

  it('matches nothing for an empty list and empty cells for null', () => {
    expect(buildWhere({ filters: [{ column: '企业名称', op: 'eq', values: [] }], q: '' }, columns).sql).toBe('WHERE 0');
    expect(buildWhere({ filters: [{ column: '企业名称', op: 'eq', values: ['a'], includeEmpty: true }], q: '' }, columns).sql).toBe(
      'WHERE ("企业名称" = ? OR "企业名称" IS NULL)',
    );
  });

  it('treats a month as a range end that includes the whole month', () => {
    const where = buildWhere({ filters: [{ column: '成立日期', op: 'lte', values: ['2025-10'] }], q: '' }, columns);
    expect(where.sql).toBe('WHERE substr("成立日期", 1, 7) <= ?');
  });
});

describe('buildOrderBy', () => {
  it('always ends with the row id so paging is stable', () => {
    expect(buildOrderBy([{ column: '注册资本', descending: true }], columns)).toBe('ORDER BY "注册资本" DESC, "_id" DESC');
    expect(buildOrderBy([{ column: '注册资本', descending: false }], columns)).toBe('ORDER BY "注册资本" ASC, "_id" ASC');
    expect(buildOrderBy([], columns)).toBe('ORDER BY "_id" ASC');
  });
});

describe('trigramQuery', () => {
  it('asks for every three-character piece, quoted, once each', () => {
    expect(trigramQuery('临港区')).toBe('"临港区"');
    expect(trigramQuery('ABCDAB')).toBe('"abc" AND "bcd" AND "cda" AND "dab"');
    expect(trigramQuery('a"bc')).toBe('"a""b" AND """bc"');
    expect(trigramQuery('区县')).toBeNull();
  });
});
