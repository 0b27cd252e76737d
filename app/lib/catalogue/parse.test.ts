import { describe, expect, it } from 'vitest';
import { isCategoryCode, isResourceCode, splitCodes } from './codes';
import { CATALOGUE_COLUMNS } from './layout';
import { matchColumns, normaliseHeader, parseRow, parseSharingMethod, type ColumnMap } from './parse';

const HEADER = CATALOGUE_COLUMNS.map((c) => c.header);

function map(header: string[] = HEADER): ColumnMap {
  const matched = matchColumns(header);
  if (!matched.ok) throw new Error(matched.problem.code);
  return matched.map;
}

function rowOf(values: Record<string, string>, header: string[] = HEADER) {
  return parseRow(
    header.map((h) => values[h] ?? ''),
    map(header),
    7,
  );
}

describe('matching the columns', () => {
  it('accepts the guide’s long names, notes in brackets, required marks and full-width forms', () => {
    expect(normaliseHeader(' 信息资源代码（必填）* ')).toBe('信息资源代码');
    const matched = matchColumns(['信息资源名称', '信息资源代码*', '共享属性', '是否向社会开放', '备注', null, '']);
    expect(matched.ok).toBe(true);
    if (!matched.ok) return;
    expect(matched.map.fields).toEqual(['title', 'resourceCode', 'sharing', 'accessLevel', null, null, null]);
    expect(matched.map.ignored).toEqual(['备注']);
  });

  it('refuses a sheet without the required columns, naming them', () => {
    expect(matchColumns(['数据名', '代码', '摘要'])).toEqual({ ok: false, problem: { code: 'missingColumns', params: { columns: '资源名称、资源代码', found: '数据名、代码' } } });
  });

  it('refuses a column given twice', () => {
    expect(matchColumns(['资源名称', '资源代码', '信息资源名称'])).toEqual({ ok: false, problem: { code: 'duplicateColumn', params: { column: '信息资源名称' } } });
  });
});

describe('reading a row', () => {
  it('reads the vocabulary in its several spellings', () => {
    const { row, issues } = rowOf({ 资源名称: '公交站点', 资源代码: '２０５００１／０００００１', 资源分类: '基础信息资源', 共享类型: '无条件共享', 共享方式: '文件', 开放类型: '不予开放', 更新周期: '每天' });
    expect(issues).toEqual([]);
    expect(row).toMatchObject({ resourceCode: '205001/000001', resourceCategory: 'base', sharing: 'shared', sharingMethod: 'file', accessLevel: 'closed', updateFrequency: 'daily' });
  });

  it('names the row and column of every bad cell', () => {
    const { issues } = rowOf({ 资源名称: '', 资源代码: '代码 1', 资源分类: '重点', 分类编码: '3 01', 共享类型: '共享', 共享方式: '邮件', 开放类型: '公开', 更新周期: '每半年', 关联资源代码: 'A1；坏 代码' });
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [7, 'title', 'required'],
      [7, 'resourceCode', 'badResourceCode'],
      [7, 'resourceCategory', 'badCategory'],
      [7, 'categoryCode', 'badCategoryCode'],
      [7, 'sharing', 'badSharing'],
      [7, 'sharingMethod', 'badSharingMethod'],
      [7, 'accessLevel', 'badAccessLevel'],
      [7, 'updateFrequency', 'badFrequency'],
      [7, 'relatedCodes', 'badRelatedCode'],
    ]);
    expect(issues.find((i) => i.field === 'resourceCategory')?.params).toEqual({ value: '重点' });
  });

  it('keeps a title on one line', () => {
    expect(rowOf({ 资源名称: ' 公交\r\n站点 ', 资源代码: 'A1' }).row.title).toBe('公交 站点');
  });

  it('leaves a field alone when its column is missing or its choice cell empty', () => {
    const { row } = rowOf({ 资源名称: '公交站点', 资源代码: 'A1' }, ['资源名称', '资源代码', '共享类型']);
    expect(row.sharing).toBeUndefined();
    expect(row.description).toBeUndefined();
    expect(row.relatedCodes).toBeUndefined();
  });

  it('refuses overlong text and a resource relating to itself', () => {
    const { issues } = rowOf({ 资源名称: '名'.repeat(201), 资源代码: 'A1', 摘要: 'x'.repeat(20_001), 关联资源代码: 'A2, A1' });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['title', 'tooLong'],
      ['description', 'tooLong'],
      ['relatedCodes', 'relatedSelf'],
    ]);
  });
});

describe('codes', () => {
  it('tells resource and classification codes', () => {
    for (const code of ['301002003/000001', 'A01-02', '5307.01']) expect(isResourceCode(code)).toBe(true);
    for (const code of ['', '-A1', '代码', 'A 1', 'A_1', 'x'.repeat(65)]) expect(isResourceCode(code)).toBe(false);
    expect(isCategoryCode('3-01-002')).toBe(true);
    expect(isCategoryCode('3 01')).toBe(false);
  });

  it('splits code lists on any common separator, each code once', () => {
    expect(splitCodes('A1；A2, A3、A1\nA4')).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('reads 共享方式 as one way or both', () => {
    expect(parseSharingMethod('接口、文件')).toBe('api_and_file');
    expect(parseSharingMethod('文件下载和接口')).toBe('api_and_file');
    expect(parseSharingMethod('API')).toBe('api');
    expect(parseSharingMethod('邮件')).toBeNull();
  });
});
