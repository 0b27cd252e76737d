import { describe, expect, it } from 'vitest';
import { CATALOGUE_COLUMNS, catalogueFileName, catalogueRow, columnChoices, formatsText, guideRows, infoItemsText, MAX_CELL_CHARS, type CatalogueEntry } from './layout';
import { matchColumns, parseRow } from './parse';

const ENTRY: CatalogueEntry = {
  slug: 'bus-stops',
  title: '公交站点',
  description: '全市公交站点。\r\n每月更新。',
  resourceCategory: 'theme',
  categoryCode: '2-05-001',
  resourceCode: '205001/000001',
  departmentName: '云溪市交通运输局',
  departmentCode: '11530700MB0000000X',
  formats: ['xlsx', 'csv', 'csv'],
  infoItems: [
    { name: '站点名称', type: 'text' },
    { name: '日均客流', type: 'integer' },
    { name: '站点名称', type: 'text' },
  ],
  sharing: 'conditional',
  sharingConditions: '仅用于交通规划',
  sharingMethod: 'api_and_file',
  accessLevel: 'conditional',
  openConditions: '签署数据使用协议',
  updateFrequency: 'monthly',
  publishedAt: new Date('2024-12-31T17:00:00Z'),
  relatedCodes: ['205001/000002', '101001/000009'],
};

describe('the catalogue layout', () => {
  it('has the guide’s columns, in its order, each with one header', () => {
    expect(CATALOGUE_COLUMNS.map((c) => c.header)).toEqual([
      '资源分类',
      '分类编码',
      '资源名称',
      '资源代码',
      '提供方',
      '提供方代码',
      '摘要',
      '格式',
      '信息项',
      '共享类型',
      '共享条件',
      '共享方式',
      '开放类型',
      '开放条件',
      '更新周期',
      '发布日期',
      '关联资源代码',
      '数据集标识',
    ]);
    expect(CATALOGUE_COLUMNS.filter((c) => c.readOnly).map((c) => c.field)).toEqual(['formats', 'infoItems', 'publishedOn']);
  });

  it('writes a dataset as one row in the guide’s words, the publication day in the site’s zone', () => {
    const row = catalogueRow(ENTRY, 'Asia/Shanghai');
    const byHeader = Object.fromEntries(CATALOGUE_COLUMNS.map((c, i) => [c.header, row[i]]));
    expect(byHeader).toMatchObject({
      资源分类: '主题',
      资源代码: '205001/000001',
      提供方: '云溪市交通运输局',
      格式: 'CSV；XLSX',
      信息项: '站点名称（字符型）；日均客流（整型）',
      共享类型: '有条件共享',
      共享方式: '接口、文件',
      开放类型: '有条件开放',
      更新周期: '每月',
      发布日期: '2025-01-01',
      关联资源代码: '205001/000002；101001/000009',
      数据集标识: 'bus-stops',
    });
  });

  it('reads back what it writes: the export’s header and row parse to the same values', () => {
    const header = CATALOGUE_COLUMNS.map((c) => c.header);
    const matched = matchColumns(header);
    if (!matched.ok) throw new Error('header not matched');
    const { row, issues } = parseRow(catalogueRow(ENTRY, 'Asia/Shanghai'), matched.map, 2);
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      title: '公交站点',
      resourceCode: '205001/000001',
      resourceCategory: 'theme',
      categoryCode: '2-05-001',
      description: '全市公交站点。\n每月更新。',
      sharing: 'conditional',
      sharingMethod: 'api_and_file',
      accessLevel: 'conditional',
      updateFrequency: 'monthly',
      relatedCodes: ['205001/000002', '101001/000009'],
      slug: 'bus-stops',
      providerCode: '11530700MB0000000X',
    });
  });

  it('keeps cells within Excel’s limit', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ name: `第${i}列的名字`, type: 'text' as const }));
    expect(infoItemsText(many).length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(formatsText([])).toBe('');
  });

  it('offers drop-down choices and a guide sheet', () => {
    expect(columnChoices('resourceCategory')).toEqual(['基础', '主题', '部门']);
    expect(columnChoices('title')).toBeNull();
    expect(guideRows()).toHaveLength(CATALOGUE_COLUMNS.length);
    expect(catalogueFileName(null, '2025-01-02')).toBe('政务信息资源目录-全部部门-2025-01-02.xlsx');
  });
});
