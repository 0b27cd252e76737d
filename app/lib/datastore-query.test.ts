import { describe, expect, it } from 'vitest';
import { buildOrderBy, buildWhere, hasSearchableCharacter, numberedParameters, parseRowQuery, rowQueryToParams, trigramQuery, type QueryColumn, type SqlDialect } from './datastore-query';

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
    expect(buildWhere({ filters: [{ column: '企业名称', op: 'eq', values: [] }], q: '' }, columns).sql).toBe('WHERE 1 = 0');
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

describe('statements for PostgreSQL', () => {
  // PostgreSQL's datastore columns are c1…cN (app/models/datastore-sql.server.ts).
  const names = new Map([['企业名称', '"c1"'], ['人数', '"c2"'], ['成立日期', '"c3"']]);
  const postgres: SqlDialect = { postgres: true, column: (name) => names.get(name) ?? 'unknown' };
  const columns: QueryColumn[] = [{ name: '企业名称', type: 'text' }, { name: '人数', type: 'integer' }, { name: '成立日期', type: 'date' }];

  it('name columns by their physical names and compare text without regard to Latin case', () => {
    const where = buildWhere({ filters: [{ column: '企业名称', op: 'contains', values: ['Ab'] }], q: '' }, columns, { dialect: postgres });
    expect(where).toEqual({ sql: `WHERE "c1"::text ILIKE ? ESCAPE '\\'`, params: ['%Ab%'] });
  });

  it('compare a whole-number column with whole numbers only (a bigint cannot be compared with 2.5)', () => {
    const where = (op: 'eq' | 'gte' | 'lte', value: string) => buildWhere({ filters: [{ column: '人数', op, values: [value] }], q: '' }, columns, { dialect: postgres });
    expect(where('eq', '2.5')).toEqual({ sql: 'WHERE 1 = 0', params: [] });
    expect(where('gte', '2.5')).toEqual({ sql: 'WHERE "c2" >= ?', params: [3] });
    expect(where('lte', '2.5')).toEqual({ sql: 'WHERE "c2" <= ?', params: [2] });
    expect(where('eq', '3')).toEqual({ sql: 'WHERE ("c2" = ?)', params: [3] });
  });

  it('sort empty cells first in ascending order and last in descending, as SQLite does', () => {
    expect(buildOrderBy([{ column: '人数', descending: false }], columns, postgres)).toBe('ORDER BY "c2" ASC NULLS FIRST, "_id" ASC');
    expect(buildOrderBy([{ column: '人数', descending: true }], columns, postgres)).toBe('ORDER BY "c2" DESC NULLS LAST, "_id" DESC');
  });

  it('search through the row document’s gram index only for text it can look up', () => {
    const where = (q: string) => buildWhere({ filters: [], q }, columns.slice(0, 1), { dialect: postgres, searchDocument: 'doc' });
    expect(where('南湖').sql).toContain('array_to_tsvector(jdz_search_grams(doc)) @@ jdz_search_query(ARRAY[?]::text[])');
    expect(where('南湖').params[0]).toBe('南湖');
    // Punctuation alone has no grams: the rows are read and each tested.
    expect(where('%%').sql).not.toContain('jdz_search_query');
    expect(hasSearchableCharacter('，。')).toBe(false);
    expect(hasSearchableCharacter('a')).toBe(true);
  });

  it('number parameters outside quoted names and literals', () => {
    expect(numberedParameters(`SELECT "a?" FROM t WHERE x = ? AND y LIKE '?%' AND z IN (?, ?)`)).toBe(`SELECT "a?" FROM t WHERE x = $1 AND y LIKE '?%' AND z IN ($2, $3)`);
  });
});
