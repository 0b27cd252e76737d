/**
 * The privacy gate over real HTTP: a CSV with resident ID numbers and mobile numbers cannot be
 * published until each flagged column is resolved; once one is masked and the other
 * pseudonymised, no raw value comes out of the public preview, any download format, the rows
 * API or CKAN's datastore_search, while the department still sees its upload.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../app/lib/privacy/detectors';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const OFFICIAL = 'civil@jindianzi.example';
const OTHER_DEPARTMENT = 'market@jindianzi.example';

function residentId(first17: string): string {
  return first17 + residentIdCheckDigit(first17);
}

const DISTRICTS = ['城关区', '北湖区', '高新区'];
const PEOPLE = Array.from({ length: 24 }, (_, i) => ({
  id: residentId(`530702${1960 + i}0${(i % 9) + 1}1${i % 10}${String(i).padStart(3, '0')}`),
  // Row 0 and row 12 are the same person with the number written differently.
  phone: i === 12 ? '+86 139-0000-0000' : i === 0 ? '13900000000' : `1380000${String(1000 + i * 37).slice(-4)}`,
  district: DISTRICTS[i % 3] as string,
  sex: i % 2 ? '男' : '女',
  amount: 300 + i * 10,
}));
const CSV = `序号,身份证号,手机号,区县,性别,补贴金额（元）\r\n${PEOPLE.map((p, i) => [i + 1, p.id, p.phone, p.district, p.sex, p.amount].join(',')).join('\r\n')}\r\n`;
const RAW_VALUES = [...PEOPLE.map((p) => p.id), ...PEOPLE.map((p) => p.phone), ...PEOPLE.map((p) => p.phone.replace(/\D/g, '').slice(-11))];

let server: TestServer;
let official: HttpClient;
let slug = '';
let resourceId = 0;

async function waitForImport(http: HttpClient, jobId: number) {
  for (let i = 0; i < 200; i += 1) {
    const job = JSON.parse((await http.get(`/manage/imports/${jobId}`)).body) as { status: string };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

async function uploadCsv(http: HttpClient, datasetSlug: string, filename: string, csv: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set('file', new Blob([Buffer.from(csv, 'utf8')]), filename);
  const response = await http.request(`/manage/datasets/${datasetSlug}/upload`, { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: server.url } });
  const body = JSON.parse(response.body) as { jobId: number; resourceId?: number };
  expect(await waitForImport(http, body.jobId)).toMatchObject({ status: 'succeeded' });
}

function privacyPage(): string {
  return `/manage/datasets/${slug}/resources/${resourceId}/privacy`;
}

function expectNoRawValue(text: string, where: string) {
  for (const raw of RAW_VALUES) expect(text.includes(raw), `${where} contains ${raw}`).toBe(false);
}

beforeAll(async () => {
  server = await startServer();
  official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await official.signIn(OFFICIAL, DEMO_PASSWORD);
  const created = await official.post('/manage/datasets/new', { title: '困难群众临时救助名单', slug: 'relief-recipients', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '救助' });
  expect(created.status).toBe(302);
  slug = (created.location ?? '').replace('/manage/datasets/', '');
  await uploadCsv(official, slug, '救助名单.csv', CSV);
  const page = await official.get(`/manage/datasets/${slug}`);
  resourceId = Number(/resources\/(\d+)\/privacy/.exec(page.body)?.[1]);
  expect(resourceId).toBeGreaterThan(0);
});

afterAll(async () => {
  await server?.stop();
});

describe('the privacy gate', () => {
  it('refuses to publish and names the columns that block it', async () => {
    const response = await official.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(response.status).toBe(200);
    const text = visibleText(response.body);
    expect(text).toContain('还不能发布：有数据列可能包含个人信息');
    expect(text).toContain('“救助名单”：身份证号、手机号');
    expect(text).not.toContain('区县、');
    const api = await new HttpClient(server.url).get(`/api/v1/datasets/${slug}`);
    expect(api.status).toBe(404);
  });

  it('reports each finding with its share and examples already masked', async () => {
    const page = await official.get(privacyPage());
    expect(page.status).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('可能是身份证号：24/24 个值（100%）');
    expect(text).toContain('可能是手机号：24/24 个值（100%）');
    expect(text).toMatch(/530702\*{8}\d{3}[\dX]/);
    expect(text).toMatch(/138\*{4}\d{4}/);
    // Only the two personal columns are reported, not 区县, 性别 or the amounts.
    expect(text.match(/可能是[^：]{1,10}：\d+\/\d+ 个值/g)).toHaveLength(2);
  });

  it('keeps the review away from other departments and the public', async () => {
    const other = new HttpClient(server.url);
    await other.signIn(OTHER_DEPARTMENT, DEMO_PASSWORD);
    expect((await other.get(privacyPage())).status).toBe(404);
    expect((await other.post(privacyPage(), { intent: 'decide', column: '手机号', action: 'notPersonal', reason: '不是个人信息' })).status).toBe(404);
    const anonymous = await new HttpClient(server.url).get(privacyPage());
    expect(anonymous.status).toBe(302);
  });

  it('keeps what was typed and explains a decision it refuses', async () => {
    const response = await official.post(privacyPage(), { intent: 'decide', column: '手机号', action: 'notPersonal', reason: '' });
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('标记为“不是个人信息”需要写明理由');
  });

  it('publishes once one column is masked and the other pseudonymised, serving no raw value anywhere', async () => {
    expect((await official.post(privacyPage(), { intent: 'decide', column: '身份证号', action: 'mask', keepStart: '6', keepEnd: '4' })).status).toBe(302);
    const half = await official.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(visibleText(half.body)).toContain('“救助名单”：手机号');
    expect((await official.post(privacyPage(), { intent: 'decide', column: '手机号', action: 'pseudonymise' })).status).toBe(302);
    const published = await official.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(published.status).toBe(302);

    const visitor = new HttpClient(server.url);
    const preview = await visitor.get(`/datasets/${slug}/resources/${resourceId}`);
    expect(preview.status).toBe(200);
    expectNoRawValue(preview.body, 'preview');
    expect(visibleText(preview.body)).toContain(`${PEOPLE[0]?.id.slice(0, 6)}********${PEOPLE[0]?.id.slice(-4)}`);

    const rows = JSON.parse((await visitor.get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows?limit=100`)).body) as { total: number; records: Record<string, unknown>[] };
    expect(rows.total).toBe(24);
    expectNoRawValue(JSON.stringify(rows), 'rows API');
    const tokens = rows.records.map((r) => r['手机号'] as string);
    expect(tokens.every((t) => /^P[0-9a-f]{16}$/.test(t))).toBe(true);
    // The same person written two ways gets one token; different people get different ones.
    expect(tokens[12]).toBe(tokens[0]);
    expect(new Set(tokens).size).toBe(23);
    expect(rows.records[3]).toMatchObject({ 区县: PEOPLE[3]?.district, '补贴金额（元）': PEOPLE[3]?.amount });

    const ckan = await visitor.get(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=100`);
    expectNoRawValue(ckan.body, 'datastore_search');
    const searchRaw = JSON.parse((await visitor.get(`/api/3/action/datastore_search?resource_id=${resourceId}&q=${encodeURIComponent(PEOPLE[5]?.id ?? '')}`)).body) as { result: { total: number } };
    expect(searchRaw.result.total).toBe(0);

    const base = `${server.url}/datasets/${slug}/resources/${resourceId}/download`;
    const csv = new TextDecoder().decode(await (await fetch(`${base}/csv`)).arrayBuffer());
    expect(csv).toContain('序号,身份证号,手机号,区县,性别,补贴金额（元）');
    expectNoRawValue(csv, 'CSV download');
    expectNoRawValue(await (await fetch(`${base}/json`)).text(), 'JSON download');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(`${base}/xlsx`)).arrayBuffer());
    const cells: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.length).toBeGreaterThan(24 * 6);
    expectNoRawValue(cells.join('\n'), 'XLSX download');

    const dataset = await visitor.get(`/datasets/${slug}`);
    expectNoRawValue(dataset.body, 'dataset page');

    // Charts draw the served table: pseudonyms and masked numbers, never what was uploaded.
    const chart = await visitor.get(`/datasets/${slug}/resources/${resourceId}/chart.svg?chart=bar&x=${encodeURIComponent('手机号')}`);
    expect(chart.status).toBe(200);
    expectNoRawValue(chart.body, 'chart of the pseudonymised column');
    expect(chart.body).toContain(`${tokens[0]?.slice(0, 11)}…`);
    const masked = await visitor.get(`/datasets/${slug}/resources/${resourceId}?chart=pie&x=${encodeURIComponent('身份证号')}`);
    expect(masked.status).toBe(200);
    expectNoRawValue(masked.body, 'chart of the masked column');
  });

  it('still shows the department its upload, and audits every decision', async () => {
    const text = visibleText((await official.get(privacyPage())).body);
    // A number in a text column reads as uploaded (not 13900000000.0).
    expect(text).toContain(' 13900000000 ');
    expect(text).toContain(PEOPLE[0]?.id);
    const db = await openServerDatabase(server);
    try {
      const actions = await db.all<{ action: string; details: string }>("select action, details from audit_log where action like 'privacy.%' and target_id = ? order by id", String(resourceId));
      expect(actions.map((a) => a.action)).toEqual(['privacy.decide', 'privacy.decide']);
      expect(actions[0]?.details).toContain('身份证号');
    } finally {
      await db.close();
    }
  });

  it('reports k for chosen quasi-identifiers and suppresses the small groups', async () => {
    const check = visibleText((await official.get(`${privacyPage()}?qi=${encodeURIComponent('区县')}&qi=${encodeURIComponent('性别')}&qi=${encodeURIComponent('补贴金额（元）')}&k=5`)).body);
    expect(check).toContain('k = 1');
    const suppressed = await official.post(privacyPage(), new URLSearchParams([['intent', 'suppress'], ['qi', '区县'], ['qi', '性别'], ['k', '5']]));
    expect(suppressed.status).toBe(302);
    // 3 districts × 2 sexes: groups of 4, all below 5, so every row is held back.
    const rows = JSON.parse((await new HttpClient(server.url).get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows`)).body) as { total: number };
    expect(rows.total).toBe(0);
    await official.post(privacyPage(), { intent: 'unsuppress' });
    const back = JSON.parse((await new HttpClient(server.url).get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows`)).body) as { total: number };
    expect(back.total).toBe(24);
  });

  it('purges the upload once a de-identified copy is served', async () => {
    const purged = await official.post(privacyPage(), { intent: 'purge' });
    expect(purged.status).toBe(302);
    const text = visibleText((await official.get(privacyPage())).body);
    expect(text).not.toContain(PEOPLE[0]?.id);
    expect(text).toContain('原始上传已清除');
    const rows = JSON.parse((await new HttpClient(server.url).get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows`)).body) as { total: number };
    expect(rows.total).toBe(24);
  });
  it('blocks a replacement that brings a new personal column, applying the earlier decisions to the rest', async () => {
    const withEmail = CSV.split('\r\n')
      .map((line, i) => (line === '' ? line : `${line},${i === 0 ? '邮箱' : `user${i}@example.com`}`))
      .join('\r\n');
    await uploadCsv(official, slug, '救助名单.csv', withEmail, { resourceId: String(resourceId) });
    expect(visibleText((await official.get(`/manage/datasets/${slug}`)).body)).toContain('“救助名单”：邮箱');
    // Nothing of the new upload is served while a column is unresolved.
    const blocked = await new HttpClient(server.url).get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows`);
    expect(blocked.body).not.toContain('@example.com');
    expect((await official.post(privacyPage(), { intent: 'decide', column: '邮箱', action: 'drop' })).status).toBe(302);
    const rows = JSON.parse((await new HttpClient(server.url).get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows?limit=100`)).body) as { total: number; records: Record<string, unknown>[] };
    expect(rows.total).toBe(24);
    expect(Object.keys(rows.records[0] ?? {})).not.toContain('邮箱');
    expectNoRawValue(JSON.stringify(rows), 'rows API after replacement');
    expect(rows.records[0]?.['身份证号']).toMatch(/^530702\*{8}/);
  });

});

describe('publishing through the CKAN API', () => {
  it('is refused with the blocking columns named', async () => {
    const http = new HttpClient(server.url);
    await http.signIn(OFFICIAL, DEMO_PASSWORD);
    const tokenPage = await http.post('/account/tokens', { intent: 'create', name: '民政系统' });
    const token = /(jdz_[A-Za-z0-9_-]{20,})/.exec(tokenPage.body)?.[1] ?? '';
    const call = async (action: string, body: FormData | object) => {
      const response = await fetch(`${server.url}/api/3/action/${action}`, {
        method: 'POST',
        headers: { Authorization: token, ...(body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
        body: body instanceof FormData ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { success: boolean; result: Record<string, unknown>; error: { message: string } } };
    };
    const owner = (await (await fetch(`${server.url}/api/3/action/organization_list`)).json()) as { result: string[] };
    const org = owner.result.find((o) => o.includes('civil')) ?? 'civil-affairs';
    expect((await call('package_create', { name: 'relief-ckan', title: '救助名单（接口）', owner_org: org })).status).toBe(200);
    const form = new FormData();
    form.set('package_id', 'relief-ckan');
    form.set('name', '救助名单');
    form.set('upload', new Blob([Buffer.from(CSV, 'utf8')]), '救助名单.csv');
    const created = await call('resource_create', form);
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({ datastore_active: false, privacy_unresolved_columns: ['身份证号', '手机号'] });
    const refused = await call('package_patch', { id: 'relief-ckan', private: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('"身份证号", "手机号"');
    const search = await fetch(`${server.url}/api/3/action/package_show?id=relief-ckan`);
    expect(search.status).toBe(404);
  });
});
