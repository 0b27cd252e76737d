import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { applyMigrations } from '../../../db/migrate';
import { datasetResources } from '../../../db/tables';
import type { Viewer } from '~/lib/access';
import { createDataset, getDatasetForViewer } from '~/models/datasets.server';
import { createDepartment } from '~/models/departments.server';
import { datastoreTableExists, listDatastoreTables, queryDatastore } from '~/models/datastore.server';
import { getImportJob, getResource } from '~/models/resources.server';
import { boundaryFeaturesOf } from '~/models/boundaries.server';
import { createUser } from '~/services/accounts.server';
import { storeStream } from '../uploads.server';
import { Watchdog } from './importer.server';
import { queueUpload } from './queue-upload.server';
import { reloadConfig } from '~/config.server';
import { zipWithDeclaredSizes } from '../../../tests/helpers/zip';

const fixtures = path.resolve(import.meta.dirname, '../../../tests/fixtures');
let official: Viewer;
let datasetId: number;

beforeAll(async () => {
  await applyMigrations(getDb());
  const department = await createDepartment({ slug: 'amr', name: '市场监督管理局' });
  const user = await createUser({ email: 'o@example.cn', name: '官员', password: 'a long memorable sentence', role: 'official', departmentId: department.id });
  official = { id: user.id, role: 'official', departmentId: department.id };
  const created = await createDataset(
    official,
    { title: '企业名录', slug: 'enterprises', description: '', licence: 'gov-open', updateFrequency: 'monthly', tags: [], contactName: '', contactEmail: '' },
    department.id,
  );
  if (!created) throw new Error('no dataset');
  datasetId = created.id;
});

async function importBytes(filename: string, bytes: Uint8Array, resourceId?: number) {
  const upload = await storeStream([bytes], { filename, contentType: 'application/octet-stream' }, 10 * 1024 * 1024);
  const queued = await queueUpload({ datasetId, viewer: official, upload, resourceId });
  if (!queued.ok) return { error: { code: queued.code, params: queued.params }, resourceId: undefined };
  await queued.done;
  const job = await getImportJob(queued.jobId);
  return job?.status === 'succeeded'
    ? { error: undefined, resourceId: queued.resourceId }
    : { error: { code: job?.errorCode, params: job?.errorParams }, resourceId: queued.resourceId };
}

async function importFixture(name: string, resourceId?: number) {
  return await importBytes(name, fs.readFileSync(path.join(fixtures, name)), resourceId);
}

async function rowsOf(resourceId: number) {
  const resource = await getResource(resourceId);
  if (!resource?.tableName) throw new Error('resource has no table');
  return { resource, rows: (await queryDatastore(resource.tableName, resource.columns, { filters: [], sort: [], q: '', limit: 100, offset: 0 })).rows };
}

const EXPECTED_ENTERPRISES = [
  { 统一社会信用代码: '91530702MA6K8X2L3Q', 企业名称: '云溪精工机械有限公司', '注册资本（万元）': 1200, 成立日期: '2015-03-08', 是否高新技术企业: 1, 备注: '主营"数控"设备, 出口' },
  { 统一社会信用代码: '91530703MA6NBT1P7H', 企业名称: '北湖食品有限公司', '注册资本（万元）': 500, 成立日期: '2018-11-20', 是否高新技术企业: 0, 备注: '食品加工\n含冷链' },
  { 统一社会信用代码: '91530771MA6P2D4Y8J', 企业名称: '高新智能装备股份有限公司', '注册资本（万元）': 3000.5, 成立日期: '2020-01-05', 是否高新技术企业: 1, 备注: null },
];

describe('importing real-world tables', () => {
  it.each(['enterprises-utf8.csv', 'enterprises-utf8-bom.csv', 'enterprises-gbk.csv', 'enterprises-utf16.txt', 'enterprises-semicolon.csv'])(
    'reads %s with Chinese headers, quotes, embedded newlines and typed columns',
    async (name) => {
      const { error, resourceId } = await importFixture(name);
      expect(error).toBeUndefined();
      const { resource, rows } = await rowsOf(resourceId as number);
      expect(rows.map(({ _id, ...rest }) => rest)).toEqual(EXPECTED_ENTERPRISES);
      expect(resource.columns.map((c) => [c.name, c.type])).toEqual([
        ['统一社会信用代码', 'text'],
        ['企业名称', 'text'],
        ['注册资本（万元）', 'decimal'],
        ['成立日期', 'date'],
        ['是否高新技术企业', 'boolean'],
        ['备注', 'text'],
      ]);
      expect(resource.rowCount).toBe(3);
      expect(resource.columns[4]?.profile).toMatchObject({ empty: 0, distinct: 2, min: 0, max: 1 });
    },
  );

  it('reads a JSON array of objects, leaving missing keys empty', async () => {
    const { error, resourceId } = await importFixture('stations.json');
    expect(error).toBeUndefined();
    const { resource, rows } = await rowsOf(resourceId as number);
    expect(resource.columns.map((c) => [c.name, c.type])).toEqual([
      ['站点', 'text'],
      ['线路', 'text'],
      ['上车人次', 'integer'],
      ['日期', 'date'],
      ['换乘', 'boolean'],
    ]);
    expect(rows.map(({ _id, ...rest }) => rest)).toEqual([
      { 站点: '火车站', 线路: '1路', 上车人次: 432, 日期: '2025-10-01', 换乘: 1 },
      { 站点: '人民路口', 线路: '1路', 上车人次: 322, 日期: '2025-10-01', 换乘: null },
      { 站点: '市政府', 线路: 'K2快线', 上车人次: null, 日期: '2025-10-02', 换乘: 0 },
    ]);
  });

  it('reads the first worksheet of an XLSX workbook: dates, numbers, rich text and formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(['统一社会信用代码', '企业名称', '注册资本（万元）', '成立日期', '合计']);
    sheet.addRow(['91530702MA6K8X2L3Q', { richText: [{ text: '云溪' }, { text: '精工', font: { bold: true } }] }, 1200, new Date(Date.UTC(2015, 2, 8)), { formula: 'C2*2', result: 2400 }]);
    sheet.addRow(['91530703MA6NBT1P7H', '北湖食品有限公司', 500.25, new Date(Date.UTC(2018, 10, 20)), { formula: 'C3*2', result: 1000.5 }]);
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    workbook.addWorksheet('说明').addRow(['这一页不导入']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-xlsx-')), 'x.xlsx');
    await workbook.xlsx.writeFile(file);
    const { error, resourceId } = await importBytes('企业名录.xlsx', fs.readFileSync(file));
    expect(error).toBeUndefined();
    const { resource, rows } = await rowsOf(resourceId as number);
    expect(resource.columns.map((c) => c.type)).toEqual(['text', 'text', 'decimal', 'date', 'decimal']);
    expect(rows.map(({ _id, ...rest }) => rest)).toEqual([
      { 统一社会信用代码: '91530702MA6K8X2L3Q', 企业名称: '云溪精工', '注册资本（万元）': 1200, 成立日期: '2015-03-08', 合计: 2400 },
      { 统一社会信用代码: '91530703MA6NBT1P7H', 企业名称: '北湖食品有限公司', '注册资本（万元）': 500.25, 成立日期: '2018-11-20', 合计: 1000.5 },
    ]);
  });

  it('reads a GBK file whose first 64 KB happen to be plain ASCII', async () => {
    const { error, resourceId } = await importFixture('gbk-after-ascii.csv');
    expect(error).toBeUndefined();
    const resource = await getResource(resourceId as number);
    expect(resource?.encoding).toBe('gb18030');
    const last = (await queryDatastore(resource?.tableName as string, resource?.columns ?? [], { filters: [], sort: [{ column: '_id', descending: true }], q: '', limit: 1, offset: 0 })).rows[0];
    expect(last).toMatchObject({ id: '8000', name: '北湖公园' }); // an "id" column is an identifier: text
  });

  it('keeps 19-digit numbers in JSON exactly', async () => {
    const bytes = new TextEncoder().encode('[{"身份编号": 110101199003074518, "金额": 12.5}, {"身份编号": 110101199003074526, "金额": 3}]');
    const { error, resourceId } = await importBytes('ids.json', bytes);
    expect(error).toBeUndefined();
    const { rows, resource } = await rowsOf(resourceId as number);
    expect(rows.map((r) => r['身份编号'])).toEqual(['110101199003074518', '110101199003074526']);
    expect(resource.columns.map((c) => c.type)).toEqual(['text', 'decimal']);
  });

  it('refuses a workbook that expands to gigabytes before decompressing any of it', async () => {
    const bomb = zipWithDeclaredSizes([
      { name: '[Content_Types].xml', compressed: 400, uncompressed: 1200 },
      { name: 'xl/worksheets/sheet1.xml', compressed: 17_500_000, uncompressed: 3_600_000_000 },
    ]);
    const { error } = await importBytes('炸弹.xlsx', bomb);
    expect(error).toEqual({ code: 'xlsxTooLarge', params: { expandedMb: 3433, limitMb: 2048 } });
  });

  it('refuses a truncated workbook at once instead of waiting for the missing bytes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('表').addRows(Array.from({ length: 2000 }, (_, i) => [i, `行${i}`]));
    const full = new Uint8Array(await workbook.xlsx.writeBuffer());
    const started = Date.now();
    const { error } = await importBytes('cut.xlsx', full.subarray(0, Math.floor(full.length / 2)));
    expect(error?.code).toBe('xlsxUnreadable');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('swaps a replacement in only when it imported, keeping the dictionary', async () => {
    const first = await importFixture('enterprises-utf8.csv');
    const resourceId = first.resourceId as number;
    const before = await getResource(resourceId);

    const failed = await importFixture('bad-field-count.csv', resourceId);
    expect(failed.error?.code).toBe('fieldCount');
    expect((await getResource(resourceId))?.tableName).toBe(before?.tableName);
    expect((await rowsOf(resourceId)).rows).toHaveLength(3);

    const replaced = await importFixture('enterprises-gbk.csv', resourceId);
    expect(replaced.error).toBeUndefined();
    const after = await getResource(resourceId);
    expect(after?.tableName).not.toBe(before?.tableName);
    expect(await datastoreTableExists(before?.tableName ?? '')).toBe(false);
  });
});

describe('refusing bad files with a reason', () => {
  it.each([
    ['bad-field-count.csv', 'fieldCount', { line: 4, found: 3, expected: 2 }],
    ['bad-duplicate-header.csv', 'duplicateHeader', { column: 3, header: '名称' }],
    ['bad-empty-header.csv', 'emptyHeader', { column: 2 }],
    ['bad-unclosed-quote.csv', 'unclosedQuote', { line: 2 }],
    ['bad-header-only.csv', 'noRows', {}],
    ['bad-invalid-utf8.csv', 'undecodableUtf8', { line: 6001 }],
    ['bad-not-array.json', 'jsonNotArray', {}],
    ['bad-malformed.json', 'jsonMalformed', { line: 2 }],
    ['stations-extra-key.json', 'jsonUnknownKey', { item: 3, key: '坐标' }],
    ['legacy.xls', 'legacyXls', {}],
    ['report.pdf', 'unsupportedType', { extension: 'pdf' }],
  ])('%s → %s', async (name, code, params) => {
    const { error } = await importFixture(name);
    expect(error).toEqual({ code, params });
  });

  it('refuses a workbook renamed to .csv and an empty file', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect((await importBytes('data.csv', zip)).error).toEqual({ code: 'mislabelled', params: { declared: 'CSV', actual: 'XLSX' } });
    expect((await importBytes('data.xlsx', zip)).error?.code).toBe('xlsxUnreadable');
    expect((await importBytes('empty.csv', new Uint8Array())).error?.code).toBe('emptyFile');
  });

  it('leaves no table behind for a failed import', async () => {
    await importFixture('bad-field-count.csv');
    const used = await getDb().select({ table: datasetResources.tableName, raw: datasetResources.rawTableName }).from(datasetResources);
    const served = new Set(used.flatMap((r) => [r.table, r.raw]));
    expect((await listDatastoreTables()).filter((name) => !served.has(name))).toEqual([]);
  });

  it('keeps failed resources out of the public view', async () => {
    const publicView = await getDatasetForViewer({ slug: 'enterprises', viewer: null });
    expect(publicView).toBeUndefined(); // still a draft
    const managerView = await getDatasetForViewer({ slug: 'enterprises', viewer: official });
    expect(managerView?.resources.some((r) => !r.ready)).toBe(true);
  });
});

describe('the import watchdog', () => {
  it('gives up on a step that makes no progress, and not on one that does', async () => {
    const watchdog = new Watchdog(100);
    await expect(watchdog.guard(new Promise(() => {}))).rejects.toMatchObject({ code: 'stalled' });
    const slowButAlive = new Promise<string>((resolve) => {
      const ticker = setInterval(() => watchdog.touch(), 20);
      setTimeout(() => {
        clearInterval(ticker);
        resolve('done');
      }, 300);
    });
    watchdog.touch();
    await expect(watchdog.guard(slowButAlive)).resolves.toBe('done');
  });
});

describe('imports that would exhaust the server', () => {
  it('refuse an oversized cell, naming its line and column', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const csv = `名称,说明\n正常,短\n超大,${big}\n`;
    const result = await importBytes('big-cell.csv', new TextEncoder().encode(csv));
    expect(result.error).toEqual({ code: 'cellTooLarge', params: { line: 3, column: '说明', limitKb: 1024 } });
  });

  it('refuse a cell nested thousands of levels deep with a clear message, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const result = await importBytes('deep.json', new TextEncoder().encode(`[{"名称":"甲","结构":${deep}}]`));
    expect(result.error).toEqual({ code: 'jsonTooDeep', params: { item: 1, key: '结构', limit: 64 } });
  });

  it('fail the job, not the process, when the import thread runs out of memory, and leave no half-built table', async () => {
    const previous = process.env.IMPORT_MEMORY_MB;
    const { stopWorkers } = await import('../workers/pool.server');
    await stopWorkers();
    process.env.IMPORT_MEMORY_MB = '128';
    reloadConfig();
    try {
      // One JSON string of 150 million characters: the parser must hold it whole.
      const cell = Buffer.alloc(150 * 1024 * 1024, 'a');
      const bytes = Buffer.concat([Buffer.from('[{"名称": "'), cell, Buffer.from('"}]')]);
      const upload = await storeStream([bytes], { filename: 'huge.json', contentType: 'application/json' }, 200 * 1024 * 1024);
      const queued = await queueUpload({ datasetId, viewer: official, upload });
      if (!queued.ok) throw new Error(queued.code);
      await queued.done;
      const job = await getImportJob(queued.jobId);
      expect(job?.status).toBe('failed');
      expect(job?.errorCode).toBe('outOfMemory');
      expect(job?.errorParams).toEqual({ limitMb: 128 });
      expect((await listDatastoreTables()).filter((name) => name.startsWith(`ds_${queued.resourceId}_`))).toEqual([]);
    } finally {
      await stopWorkers();
      if (previous === undefined) delete process.env.IMPORT_MEMORY_MB;
      else process.env.IMPORT_MEMORY_MB = previous;
      reloadConfig();
    }
  }, 120_000);
});

describe('GeoJSON uploads', () => {
  const geojson = (features: unknown[]) => new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
  const box = (x: number, y: number): number[][] => [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]];

  it('serve polygons\' properties as the table and keep the shapes as boundaries, with their codes', async () => {
    const { error, resourceId } = await importBytes('区县边界.geojson', geojson([
      { type: 'Feature', properties: { 名称: '城关区', 行政区划代码: '530702' }, geometry: { type: 'Polygon', coordinates: [box(103.9, 27.4)] } },
      { type: 'Feature', properties: { 名称: '北湖区', 行政区划代码: '530703' }, geometry: { type: 'MultiPolygon', coordinates: [[box(103.7, 27.5)], [box(103.5, 27.5)]] } },
    ]));
    expect(error).toBeUndefined();
    const { resource, rows } = await rowsOf(resourceId as number);
    expect(resource.format).toBe('geojson');
    expect(rows.map((r) => r['名称'])).toEqual(['城关区', '北湖区']);
    const features = await boundaryFeaturesOf(resourceId as number);
    expect(features.map((f) => [f.code, f.name, f.geometry.length])).toEqual([['530702', '城关区', 1], ['530703', '北湖区', 2]]);
    expect(features[1]?.bbox).toEqual([103.5, 27.5, 103.8, 27.6]);
  });

  it('serve points as a table with 经度 and 纬度 columns', async () => {
    const { error, resourceId } = await importBytes('站点.json', geojson([{ type: 'Feature', properties: { 站名: '火车站' }, geometry: { type: 'Point', coordinates: [103.91, 27.42] } }]));
    expect(error).toBeUndefined();
    const { resource, rows } = await rowsOf(resourceId as number);
    expect(resource.columns.map((c) => [c.name, c.type])).toEqual([['站名', 'text'], ['经度', 'decimal'], ['纬度', 'decimal']]);
    expect(rows[0]).toMatchObject({ 站名: '火车站', 经度: 103.91, 纬度: 27.42 });
    expect(await boundaryFeaturesOf(resourceId as number)).toEqual([]);
  });

  it('refuse a self-intersecting boundary, naming the feature, and an object that is no GeoJSON', async () => {
    const bowTie = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]];
    expect((await importBytes('坏边界.geojson', geojson([{ type: 'Feature', properties: { 名称: '蝴蝶乡' }, geometry: { type: 'Polygon', coordinates: [bowTie] } }]))).error).toEqual({
      code: 'geojsonSelfIntersecting',
      params: { feature: '蝴蝶乡 (#1)', detail: '' },
    });
    expect((await importBytes('线.geojson', geojson([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }]))).error).toEqual({
      code: 'geojsonUnsupportedGeometry',
      params: { feature: '#1', detail: 'LineString' },
    });
    expect((await importBytes('坏.json', new TextEncoder().encode('{"type": "FeatureCollection", "features": [}'))).error?.code).toBe('jsonMalformed');
  });
});
