import { describe, expect, it } from 'vitest';
import { CATALOGUE_COLUMNS, catalogueRow, type CatalogueEntry } from './layout';
import { matchColumns, parseRow } from './parse';
import { NEW_DATASET_DEFAULTS, planCatalogueImport, planFingerprint, type CatalogueState, type CurrentDataset, type ImportScope } from './plan';

const TRANSPORT = { id: 1, name: '云溪市交通运输局', code: '11530700MB0000000X' };
const CIVIL = { id: 2, name: '云溪市民政局', code: null };

function dataset(id: number, overrides: Partial<CurrentDataset> = {}): CurrentDataset {
  return {
    id,
    slug: `ds-${id}`,
    departmentId: TRANSPORT.id,
    status: 'draft',
    title: `数据集${id}`,
    resourceCode: `A${id}`,
    ...NEW_DATASET_DEFAULTS,
    derived: { formats: 'CSV', infoItems: '站点（字符型）', publishedOn: '' },
    ...overrides,
  };
}

function stateOf(datasets: CurrentDataset[], others: CurrentDataset[] = []): CatalogueState {
  return {
    departments: [TRANSPORT, CIVIL],
    datasets,
    index: [...datasets, ...others].map((d) => ({ id: d.id, slug: d.slug, departmentId: d.departmentId, resourceCode: d.resourceCode })),
  };
}

function entry(d: CurrentDataset): CatalogueEntry {
  const department = d.departmentId === TRANSPORT.id ? TRANSPORT : CIVIL;
  return { ...d, departmentName: department.name, departmentCode: department.code, formats: ['csv'], infoItems: [{ name: '站点', type: 'text' }], publishedAt: null };
}

const HEADER = CATALOGUE_COLUMNS.map((c) => c.header);
const matched = matchColumns(HEADER);
if (!matched.ok) throw new Error('header');
const MAP = matched.map;

/** The sheet as exported, with edits applied to cells by header, row by row. */
function sheet(rows: (CurrentDataset | null)[], edits: Record<number, Record<string, string>> = {}) {
  return rows.map((d, i) => {
    const cells = d ? catalogueRow(entry(d), 'Asia/Shanghai') : HEADER.map(() => '');
    for (const [header, value] of Object.entries(edits[i] ?? {})) cells[HEADER.indexOf(header)] = value;
    return parseRow(cells, MAP, i + 2);
  });
}

const OFFICIAL: ImportScope = { kind: 'department', departmentId: TRANSPORT.id };
const ADMIN: ImportScope = { kind: 'all' };

describe('planning an import', () => {
  it('finds nothing to do in the catalogue as exported', () => {
    const a = dataset(1, { description: '第一行\r\n第二行  ' });
    const b = dataset(2, { resourceCode: null });
    const plan = planCatalogueImport(sheet([a, b]), stateOf([a, b]), OFFICIAL);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.totals).toEqual({ rows: 2, create: 0, update: 0, unchanged: 2, errorRows: 0 });
  });

  it('changes exactly the edited cells', () => {
    const a = dataset(1);
    const b = dataset(2);
    const plan = planCatalogueImport(sheet([a, b], { 1: { 开放类型: '有条件开放', 开放条件: '签署协议' } }), stateOf([a, b]), OFFICIAL);
    expect(plan.totals).toMatchObject({ update: 1, unchanged: 1 });
    const update = plan.rows.find((r) => r.kind === 'update');
    expect(update).toMatchObject({
      datasetId: 2,
      changes: [
        { field: 'accessLevel', before: '无条件开放', after: '有条件开放' },
        { field: 'openConditions', before: '', after: '签署协议' },
      ],
    });
  });

  it('matches a dataset without a code by its identifier, and gives it the code', () => {
    const a = dataset(1, { resourceCode: null });
    const plan = planCatalogueImport(sheet([a], { 0: { 资源代码: 'B9' } }), stateOf([a]), OFFICIAL);
    expect(plan.rows).toMatchObject([{ kind: 'update', datasetId: 1, changes: [{ field: 'resourceCode', before: '', after: 'B9' }] }]);
  });

  it('creates a draft in the official’s department for a new code, with defaults where the sheet says nothing', () => {
    const plan = planCatalogueImport(sheet([null], { 0: { 资源名称: '新资源', 资源代码: 'N1', 共享类型: '不予共享' } }), stateOf([]), OFFICIAL);
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([{ line: 2, kind: 'create', departmentId: TRANSPORT.id, values: { ...NEW_DATASET_DEFAULTS, title: '新资源', resourceCode: 'N1', sharing: 'not_shared' } }]);
  });

  it('refuses duplicate codes, a new row without a code, unknown identifiers and codes held elsewhere', () => {
    const a = dataset(1);
    const b = dataset(2);
    const other = dataset(3, { departmentId: CIVIL.id, resourceCode: 'C3', slug: 'civil-3' });
    const plan = planCatalogueImport(
      sheet([a, null, null, null, b], {
        1: { 资源名称: '重复', 资源代码: 'A1' },
        2: { 资源名称: '无代码' },
        3: { 资源名称: '别的部门', 资源代码: 'C3' },
        4: { 数据集标识: 'no-such-dataset' },
      }),
      stateOf([a, b], [other]),
      OFFICIAL,
    );
    expect(plan.errors.map((e) => [e.line, e.field, e.code, e.params])).toEqual([
      [3, 'resourceCode', 'duplicateCode', { line: 2, value: 'A1' }],
      [3, 'resourceCode', 'duplicateDataset', { line: 2 }],
      [4, 'resourceCode', 'codeRequired', undefined],
      [5, 'resourceCode', 'otherDepartment', { value: '云溪市民政局' }],
      [6, 'slug', 'unknownSlug', { value: 'no-such-dataset' }],
    ]);
    expect(plan.totals).toMatchObject({ rows: 5, unchanged: 1, errorRows: 4 });
  });

  it('keeps officials to their own department, by 提供方代码 or 提供方', () => {
    const plan = planCatalogueImport(
      sheet([null, null, null], {
        0: { 资源名称: '甲', 资源代码: 'N1', 提供方: '云溪市民政局' },
        1: { 资源名称: '乙', 资源代码: 'N2', 提供方代码: '11530700MB0000001X' },
        2: { 资源名称: '丙', 资源代码: 'N3', 提供方: '云溪市交通运输局', 提供方代码: '11530700MB0000000X' },
      }),
      stateOf([]),
      OFFICIAL,
    );
    expect(plan.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'providerName', 'otherDepartment'],
      [3, 'providerCode', 'badProviderCode'],
    ]);
    expect(plan.rows).toMatchObject([{ line: 4, kind: 'create', departmentId: TRANSPORT.id }]);
  });

  it('lets admins import for any department, named in the row, but not move datasets', () => {
    const a = dataset(1);
    const plan = planCatalogueImport(
      sheet([a, null, null], {
        0: { 提供方: '云溪市民政局', 提供方代码: '' },
        1: { 资源名称: '民政新资源', 资源代码: 'N1', 提供方: '云溪市民政局' },
        2: { 资源名称: '无部门', 资源代码: 'N2' },
      }),
      stateOf([a]),
      ADMIN,
    );
    expect(plan.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'providerName', 'departmentChange'],
      [4, 'providerName', 'providerRequired'],
    ]);
    expect(plan.rows).toMatchObject([{ line: 3, kind: 'create', departmentId: CIVIL.id }]);
  });

  it('notes edits to the platform’s own columns without applying them', () => {
    const a = dataset(1);
    const plan = planCatalogueImport(sheet([a], { 0: { 格式: 'PDF', 信息项: '别的', 发布日期: '2024/5/1' } }), stateOf([a]), OFFICIAL);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.map((w) => w.field)).toEqual(['formats', 'infoItems', 'publishedOn']);
    expect(plan.totals.unchanged).toBe(1);
  });

  it('fingerprints only what would be written', () => {
    const a = dataset(1);
    const same = planFingerprint(planCatalogueImport(sheet([a]), stateOf([a]), OFFICIAL));
    const edited = planFingerprint(planCatalogueImport(sheet([a], { 0: { 摘要: '新的摘要' } }), stateOf([a]), OFFICIAL));
    expect(same).toBe('[]');
    expect(edited).not.toBe(same);
    expect(planFingerprint(planCatalogueImport(sheet([a], { 0: { 摘要: '新的摘要' } }), stateOf([a]), OFFICIAL))).toBe(edited);
  });
});
