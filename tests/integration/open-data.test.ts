/**
 * The open-data loop over real HTTP: an official uploads real-world files (UTF-8, UTF-8 with BOM,
 * GBK, XLSX, JSON) with Chinese headers and values, publishes, and a visitor reads the same values
 * back through the preview, every download format, the rows API and CKAN's datastore_search.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const MARKET_OFFICIAL = 'market@jindianzi.example';
const HRSS_OFFICIAL = 'hrss@jindianzi.example';

let server: TestServer;
let official: HttpClient;

const EXPECTED = [
  { 统一社会信用代码: '91530702MA6K8X2L3Q', 企业名称: '云溪精工机械有限公司', '注册资本（万元）': 1200, 成立日期: '2015-03-08', 是否高新技术企业: true, 备注: '主营"数控"设备, 出口' },
  { 统一社会信用代码: '91530703MA6NBT1P7H', 企业名称: '北湖食品有限公司', '注册资本（万元）': 500, 成立日期: '2018-11-20', 是否高新技术企业: false, 备注: '食品加工\n含冷链' },
  { 统一社会信用代码: '91530771MA6P2D4Y8J', 企业名称: '高新智能装备股份有限公司', '注册资本（万元）': 3000.5, 成立日期: '2020-01-05', 是否高新技术企业: true, 备注: null },
];

beforeAll(async () => {
  server = await startServer({ env: { MAX_UPLOAD_MB: '1' } });
  official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await official.signIn(MARKET_OFFICIAL, DEMO_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

async function createDataset(http: HttpClient, title: string): Promise<string> {
  const response = await http.post('/manage/datasets/new', { title, slug: '', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '企业，测试' });
  expect(response.status).toBe(302);
  return (response.location ?? '').replace('/manage/datasets/', '');
}

async function upload(http: HttpClient, slug: string, filename: string, bytes: Uint8Array, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from(bytes)]), filename);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  const response = await http.request(`/manage/datasets/${slug}/upload`, {
    method: 'POST',
    body: form,
    headers: { Accept: 'application/json', Origin: server.url },
  });
  return { status: response.status, body: JSON.parse(response.body) as { ok: boolean; jobId?: number; code?: string; params?: Record<string, unknown> } };
}

async function waitForImport(http: HttpClient, jobId: number) {
  for (let i = 0; i < 200; i += 1) {
    const job = JSON.parse((await http.get(`/manage/imports/${jobId}`)).body) as { status: string; errorCode: string | null; errorParams: unknown; rowsDone: number };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

async function xlsxFixture(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '注册资本（万元）', '成立日期', '是否高新技术企业', '备注']);
  sheet.addRow(['91530702MA6K8X2L3Q', '云溪精工机械有限公司', 1200, new Date(Date.UTC(2015, 2, 8)), '是', '主营"数控"设备, 出口']);
  sheet.addRow(['91530703MA6NBT1P7H', '北湖食品有限公司', 500, new Date(Date.UTC(2018, 10, 20)), '否', '食品加工\n含冷链']);
  sheet.addRow(['91530771MA6P2D4Y8J', '高新智能装备股份有限公司', 3000.5, new Date(Date.UTC(2020, 0, 5)), '是', null]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function jsonFixture(): Uint8Array {
  const items = EXPECTED.map((row) => ({ ...row, 是否高新技术企业: row.是否高新技术企业 ? '是' : '否', 成立日期: row.成立日期.replaceAll('-', '/') }));
  return new TextEncoder().encode(JSON.stringify(items));
}

const FILES: [string, () => Uint8Array | Promise<Uint8Array>][] = [
  ['企业名录.csv', () => fs.readFileSync(path.join(fixtures, 'enterprises-utf8.csv'))],
  ['企业名录-bom.csv', () => fs.readFileSync(path.join(fixtures, 'enterprises-utf8-bom.csv'))],
  ['企业名录-gbk.csv', () => fs.readFileSync(path.join(fixtures, 'enterprises-gbk.csv'))],
  ['企业名录.xlsx', xlsxFixture],
  ['企业名录.json', jsonFixture],
];

describe.each(FILES)('%s', (filename, bytes) => {
  let slug = '';
  let resourceId = 0;

  beforeAll(async () => {
    slug = await createDataset(official, `企业名录 ${filename}`);
    const uploaded = await upload(official, slug, filename, await bytes(), { name: '企业名录' });
    expect(uploaded.body.ok).toBe(true);
    const job = await waitForImport(official, uploaded.body.jobId as number);
    expect(job).toMatchObject({ status: 'succeeded', rowsDone: 3 });
    const publish = await official.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(publish.status).toBe(302);
    const detail = JSON.parse((await new HttpClient(server.url).get(`/api/v1/datasets/${slug}`)).body) as { resources: { id: number }[] };
    resourceId = detail.resources[0]?.id ?? 0;
  });

  it('shows the values in the public preview', async () => {
    const page = await new HttpClient(server.url).get(`/datasets/${slug}/resources/${resourceId}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.body);
    for (const value of ['91530702MA6K8X2L3Q', '北湖食品有限公司', '3000.5', '2018-11-20', '主营"数控"设备, 出口']) expect(text).toContain(value);
  });

  it('returns the same records from the rows API and datastore_search', async () => {
    const visitor = new HttpClient(server.url);
    const rows = JSON.parse((await visitor.get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows`)).body) as { total: number; records: Record<string, unknown>[] };
    expect(rows.total).toBe(3);
    expect(rows.records.map(({ _id, ...rest }) => rest)).toEqual(EXPECTED);

    const ckan = JSON.parse((await visitor.get(`/api/3/action/datastore_search?resource_id=${resourceId}`)).body) as { success: boolean; result: { records: Record<string, unknown>[]; fields: { id: string }[]; total: number } };
    expect(ckan.success).toBe(true);
    expect(ckan.result.fields.map((f) => f.id)).toEqual(['_id', ...Object.keys(EXPECTED[0] as object)]);
    expect(ckan.result.records.map(({ _id, ...rest }) => rest)).toEqual(EXPECTED);
  });

  it('downloads the same values as CSV (UTF-8 with BOM), JSON and XLSX', async () => {
    const base = `${server.url}/datasets/${slug}/resources/${resourceId}/download`;
    const csv = await fetch(`${base}/csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csvBytes.slice(3));
    expect(csvText.split('\r\n')[0]).toBe('统一社会信用代码,企业名称,注册资本（万元）,成立日期,是否高新技术企业,备注');
    expect(csvText).toContain('91530702MA6K8X2L3Q,云溪精工机械有限公司,1200,2015-03-08,true,"主营""数控""设备, 出口"');
    expect(csvText).toContain('"食品加工\n含冷链"');

    const json = (await (await fetch(`${base}/json`)).json()) as Record<string, unknown>[];
    expect(json).toEqual(EXPECTED);

    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(await (await fetch(`${base}/xlsx`)).arrayBuffer());
    const sheet = xlsx.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '统一社会信用代码', '企业名称', '注册资本（万元）', '成立日期', '是否高新技术企业', '备注']);
    expect(sheet?.getRow(2).getCell(2).value).toBe('云溪精工机械有限公司');
    expect(sheet?.getRow(4).getCell(3).value).toBe(3000.5);
    expect((sheet?.getRow(3).getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2018-11-20');
    expect(sheet?.getRow(3).getCell(5).value).toBe(false);
  });
});

describe('filters, sorting and paging', () => {
  let base = '';
  beforeAll(async () => {
    const list = JSON.parse((await new HttpClient(server.url).get('/api/v1/datasets/business-registrations')).body) as { resources: { id: number }[] };
    base = `/api/v1/datasets/business-registrations/resources/${list.resources[0]?.id}`;
  });

  it('filters by equals, contains and range, sorts and pages with a total', async () => {
    const visitor = new HttpClient(server.url);
    const get = async (query: string) => JSON.parse((await visitor.get(`${base}/rows?${query}`)).body) as { total: number; records: Record<string, string | number>[] };
    const north = await get(`eq.${encodeURIComponent('所在区县')}=${encodeURIComponent('北湖区')}`);
    expect(north.total).toBeGreaterThan(0);
    expect(north.records.every((r) => r['所在区县'] === '北湖区')).toBe(true);
    const tech = await get(`contains.${encodeURIComponent('企业名称')}=${encodeURIComponent('科技')}`);
    expect(tech.records.every((r) => String(r['企业名称']).includes('科技'))).toBe(true);
    const big = await get(`gte.${encodeURIComponent('注册资本（万元）')}=1000&sort=-${encodeURIComponent('注册资本（万元）')}`);
    const capitals = big.records.map((r) => Number(r['注册资本（万元）']));
    expect(capitals.every((c) => c >= 1000)).toBe(true);
    expect(capitals).toEqual([...capitals].sort((a, b) => b - a));
    const page = await get('limit=5&offset=5');
    expect(page.records).toHaveLength(5);
    expect(page.total).toBe(20);
    expect(page.records[0]?._id).toBe(6);
  });

  it('keeps hostile parameters away from SQL', async () => {
    const visitor = new HttpClient(server.url);
    const unknown = await visitor.get(`${base}/rows?${encodeURIComponent('eq.x" OR 1=1 --')}=1`);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'unknownColumn' } });
    const injected = JSON.parse((await visitor.get(`${base}/rows?eq.${encodeURIComponent('企业名称')}=${encodeURIComponent("' OR 1=1 --")}`)).body) as { total: number };
    expect(injected.total).toBe(0);
    const badNumber = await visitor.get(`${base}/rows?gte.${encodeURIComponent('注册资本（万元）')}=lots`);
    expect(badNumber.status).toBe(400);
    expect((await visitor.get(`${base}/rows?sort=${encodeURIComponent('nope;drop table users')}`)).status).toBe(400);
  });

  it('answers cross-origin requests and preflights', async () => {
    const response = await fetch(`${server.url}${base}/rows?limit=1`, { headers: { Origin: 'https://newsroom.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${server.url}${base}/rows`, { method: 'OPTIONS', headers: { Origin: 'https://newsroom.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('bad uploads', () => {
  let slug = '';
  beforeAll(async () => {
    slug = await createDataset(official, '坏文件测试');
  });

  it.each([
    ['bad-duplicate-header.csv', 'duplicateHeader', { column: 3, header: '名称' }],
    ['bad-field-count.csv', 'fieldCount', { line: 4, found: 3, expected: 2 }],
    ['bad-malformed.json', 'jsonMalformed', { line: 2 }],
  ])('reports %s as %s with where it is', async (name, code, params) => {
    const uploaded = await upload(official, slug, name, fs.readFileSync(path.join(fixtures, name)));
    expect(uploaded.body.ok).toBe(true);
    const job = await waitForImport(official, uploaded.body.jobId as number);
    expect(job).toMatchObject({ status: 'failed', errorCode: code, errorParams: params });
    const page = visibleText((await official.get(`/manage/datasets/${slug}`)).body);
    expect(page).toContain('导入失败');
  });

  it('refuses unsupported, mislabelled and oversized files at once', async () => {
    const pdf = await upload(official, slug, 'report.pdf', fs.readFileSync(path.join(fixtures, 'report.pdf')));
    expect(pdf.body).toEqual({ ok: false, code: 'unsupportedType', params: { extension: 'pdf' } });
    const xls = await upload(official, slug, 'old.xls', fs.readFileSync(path.join(fixtures, 'legacy.xls')));
    expect(xls.body.code).toBe('legacyXls');
    const big = await upload(official, slug, 'big.csv', new Uint8Array(1.2 * 1024 * 1024).fill(65));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ ok: false, code: 'tooLarge', params: { limitMb: 1 } });
  });

  it('explains the problem in the page without JavaScript', async () => {
    const form = new FormData();
    form.set('file', new Blob([fs.readFileSync(path.join(fixtures, 'report.pdf'))]), 'report.pdf');
    const response = await official.request(`/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Origin: server.url } });
    expect(response.status).toBe(303);
    const page = await official.get(response.location ?? '/');
    expect(visibleText(page.body)).toContain('不支持“.pdf”文件');
  });

  it('cannot publish a dataset without an imported file', async () => {
    const response = await official.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(visibleText(response.body)).toContain('至少需要一个已成功导入的数据文件');
  });

  it('keeps other departments out', async () => {
    const other = new HttpClient(server.url);
    await other.signIn(HRSS_OFFICIAL, DEMO_PASSWORD);
    expect((await other.get(`/manage/datasets/${slug}`)).status).toBe(404);
    const form = new FormData();
    form.set('file', new Blob([fs.readFileSync(path.join(fixtures, 'enterprises-utf8.csv'))]), 'x.csv');
    const response = await other.request(`/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: server.url } });
    expect(response.status).toBe(404);
  });
});

describe('CKAN API', () => {
  async function ckan(action: string, init: { token?: string; json?: unknown; form?: FormData; query?: string } = {}) {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = init.token;
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    const response = await fetch(`${server.url}/api/3/action/${action}${init.query ? `?${init.query}` : ''}`, { method: body ? 'POST' : 'GET', headers, body });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CKAN answers are free-form JSON, checked field by field below
    return { status: response.status, body: (await response.json()) as { success: boolean; result: any; error: any } };
  }

  async function tokenFor(email: string): Promise<string> {
    const http = new HttpClient(server.url);
    await http.signIn(email, DEMO_PASSWORD);
    const page = await http.post('/account/tokens', { intent: 'create', name: 'CKAN 测试' });
    const token = /(jdz_[A-Za-z0-9_-]{20,})/.exec(page.body)?.[1];
    if (!token) throw new Error('no token on the page');
    return token;
  }

  it('lists, shows and searches packages and organisations like CKAN', async () => {
    const list = await ckan('package_list');
    expect(list.body.success).toBe(true);
    expect(list.body.result).toContain('business-registrations');
    const show = await ckan('package_show', { query: 'id=business-registrations' });
    expect(show.body.result).toMatchObject({ name: 'business-registrations', private: false, organization: { name: 'market-regulation' } });
    // As in CKAN, owner_org is the organization's id.
    expect(show.body.result.owner_org).toBe(show.body.result.organization.id);
    expect(show.body.result.resources[0].url).toMatch(/\/download\/csv$/);
    expect(show.body.result.resources[0].datastore_active).toBe(true);
    const search = await ckan('package_search', { query: `q=${encodeURIComponent('企业')}&rows=2&start=0` });
    expect(search.body.result.count).toBeGreaterThanOrEqual(2);
    expect(search.body.result.results).toHaveLength(2);
    const byOrg = await ckan('package_search', { query: `fq=${encodeURIComponent('organization:transport')}&rows=100` });
    expect(byOrg.body.result.results.every((p: { organization: { name: string } }) => p.organization.name === 'transport')).toBe(true);
    const orgs = await ckan('organization_list');
    expect(orgs.body.result).toEqual(expect.arrayContaining(['transport', 'hrss', 'market-regulation']));
    const missing = await ckan('package_show', { query: 'id=nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    const unknown = await ckan('frobnicate');
    expect(unknown.status).toBe(400);
  });

  it('filters datastore_search with CKAN filters and q', async () => {
    const show = await ckan('package_show', { json: { id: 'business-registrations' } });
    const resourceId = show.body.result.resources[0].id;
    const filtered = await ckan('datastore_search', { json: { resource_id: resourceId, filters: { 所在区县: ['北湖区', '城关区'] }, limit: 100 } });
    expect(filtered.body.result.records.every((r: Record<string, string>) => ['北湖区', '城关区'].includes(r['所在区县'] ?? ''))).toBe(true);
    const q = await ckan('datastore_search', { query: `resource_id=${resourceId}&q=${encodeURIComponent('科技')}` });
    expect(q.body.result.total).toBeGreaterThan(0);
    const bad = await ckan('datastore_search', { json: { resource_id: resourceId, filters: { 不存在: 1 } } });
    expect(bad.status).toBe(409);
    expect(bad.body.error.__type).toBe('Validation Error');
  });

  it('publishes from a department system with a token: create, upload, publish', async () => {
    const token = await tokenFor(MARKET_OFFICIAL);
    const created = await ckan('package_create', { token, json: { name: 'enterprise-list-ckan', title: '企业名录（自动发布）', owner_org: 'market-regulation', license_id: 'cc-by', tags: [{ name: '企业' }] } });
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({ name: 'enterprise-list-ckan', private: true });

    const early = await ckan('package_patch', { token, json: { id: 'enterprise-list-ckan', private: false } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/at least one imported resource/);

    const form = new FormData();
    form.set('package_id', 'enterprise-list-ckan');
    form.set('name', '企业名录');
    form.set('upload', new Blob([fs.readFileSync(path.join(fixtures, 'enterprises-gbk.csv'))]), '企业名录.csv');
    const resource = await ckan('resource_create', { token, form });
    expect(resource.status).toBe(200);
    expect(resource.body.result).toMatchObject({ name: '企业名录', datastore_active: true, format: 'CSV' });

    const published = await ckan('package_patch', { token, json: { id: 'enterprise-list-ckan', private: false } });
    expect(published.body.result.private).toBe(false);
    const publicView = await ckan('datastore_search', { query: `resource_id=${resource.body.result.id}` });
    expect(publicView.body.result.records.map(({ _id, ...rest }: Record<string, unknown>) => rest)).toEqual(EXPECTED);
  });

  it('refuses writes without a valid token or on another department’s dataset', async () => {
    const anonymous = await ckan('package_create', { json: { name: 'sneaky', owner_org: 'market-regulation' } });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.__type).toBe('Authorization Error');
    const forged = await ckan('package_create', { token: 'jdz_not-a-real-token-at-all', json: { name: 'sneaky', owner_org: 'market-regulation' } });
    expect(forged.status).toBe(403);
    // An upload without a token is refused before its body is stored.
    const before = fs.readdirSync(path.join(server.dataDir, 'uploads')).length;
    const form = new FormData();
    form.set('package_id', 'business-registrations');
    form.set('upload', new Blob([fs.readFileSync(path.join(fixtures, 'enterprises-utf8.csv'))]), 'x.csv');
    const anonymousUpload = await ckan('resource_create', { form });
    expect(anonymousUpload.status).toBe(403);
    expect(fs.readdirSync(path.join(server.dataDir, 'uploads')).length).toBe(before);
    const hrssToken = await tokenFor(HRSS_OFFICIAL);
    const foreign = await ckan('package_patch', { token: hrssToken, json: { id: 'business-registrations', private: true } });
    expect(foreign.status).toBe(403);
    const wrongOrg = await ckan('package_create', { token: hrssToken, json: { name: 'not-mine', owner_org: 'market-regulation' } });
    expect(wrongOrg.status).toBe(403);
    expect((await ckan('package_show', { query: 'id=business-registrations' })).body.result.private).toBe(false);
  });
});

describe('joinable datasets', () => {
  it('lists datasets sharing a key kind, with how many key values the two really share', async () => {
    // Counted here from each table's rows as the public rows API serves them.
    const visitor = new HttpClient(server.url);
    const keysOf = async (slug: string) => {
      const { resources } = JSON.parse((await visitor.get(`/api/v1/datasets/${slug}`)).body) as { resources: { id: number }[] };
      const rows = JSON.parse((await visitor.get(`/api/v1/datasets/${slug}/resources/${resources[0]?.id}/rows?limit=1000`)).body) as { total: number; records: Record<string, unknown>[] };
      expect(rows.records).toHaveLength(rows.total);
      // As SQL's count(distinct …): a blank key is no value.
      return new Set(rows.records.map((r) => r['统一社会信用代码']).filter((key) => key !== null));
    };
    const jobDemand = await keysOf('enterprise-job-demand-2025q3');
    const shared = [...(await keysOf('business-registrations'))].filter((key) => jobDemand.has(key)).length;
    expect(shared).toBeGreaterThan(0);
    const page = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get('/datasets/business-registrations')).body);
    expect(page).toContain('可关联的数据集');
    expect(page).toContain('重点企业用工需求（2025年第三季度）');
    expect(page).toContain(`${shared} 个共同取值`);
  });
});

describe('DCAT catalogue', () => {
  it('lists published datasets with their distributions', async () => {
    const response = await fetch(`${server.url}/catalog.jsonld`);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    type Distribution = { 'dcat:downloadURL'?: { '@id': string } };
    const catalog = (await response.json()) as { '@type': string; 'dcat:dataset': { 'dct:identifier': string; 'dcat:distribution': Distribution | Distribution[] }[] };
    expect(catalog['@type']).toBe('dcat:Catalog');
    const bus = catalog['dcat:dataset'].find((d) => d['dct:identifier'] === 'bus-routes');
    expect([bus?.['dcat:distribution'] ?? []].flat().some((d) => d['dcat:downloadURL']?.['@id'].endsWith('/download/csv'))).toBe(true);
    expect(catalog['dcat:dataset'].some((d) => d['dct:identifier'] === 'community-care-facilities')).toBe(false);
  });

  it('pages with Hydra links, so a harvester walks the whole catalogue', async () => {
    type Page = { 'dcat:dataset'?: unknown[]; 'hydra:view': Record<string, string | { '@id': string } | { '@value': string }> };
    const first = (await (await fetch(`${server.url}/catalog.jsonld`)).json()) as Page;
    expect(first['hydra:view']['@type']).toBe('hydra:PagedCollection');
    expect(Number((first['hydra:view']['hydra:totalItems'] as { '@value': string })['@value'])).toBe(first['dcat:dataset']?.length);
    expect(first['hydra:view']['hydra:next']).toBeUndefined();
    const beyond = (await (await fetch(`${server.url}/catalog.jsonld?page=2`)).json()) as Page;
    expect(beyond['dcat:dataset']).toBeUndefined();
    expect((beyond['hydra:view']['hydra:previous'] as { '@id': string })['@id']).toMatch(/\/catalog\.jsonld\?page=1$/);
  });
});
