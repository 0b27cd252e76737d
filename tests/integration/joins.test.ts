/**
 * /api/v1/joins on the demo data: job vacancies (岗位需求明细) joined with business registrations
 * (企业登记信息) on 统一社会信用代码, checked against a join computed here from each table's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_OFFICIAL, DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

type Row = Record<string, string | number | boolean | null>;
const KEY = '统一社会信用代码';
const enc = encodeURIComponent;

let server: TestServer;
let jobs = 0;
let firms = 0;

async function resourceId(http: HttpClient, slug: string): Promise<number> {
  const body = JSON.parse((await http.get(`/api/v1/datasets/${slug}`)).body) as { resources: { id: number }[] };
  return body.resources[0]?.id ?? 0;
}

async function allRows(http: HttpClient, slug: string, id: number): Promise<Row[]> {
  return (JSON.parse((await http.get(`/api/v1/datasets/${slug}/resources/${id}/rows?limit=1000`)).body) as { records: Row[] }).records;
}

beforeAll(async () => {
  server = await startServer();
  const http = new HttpClient(server.url);
  jobs = await resourceId(http, 'enterprise-job-demand-2025q3');
  firms = await resourceId(http, 'business-registrations');
  expect(jobs).toBeGreaterThan(0);
  expect(firms).toBeGreaterThan(0);
});

afterAll(async () => {
  await server?.stop();
});

describe('/api/v1/joins', () => {
  it('joins two departments’ tables on a shared key, as computed from their rows', async () => {
    const http = new HttpClient(server.url);
    const left = await allRows(http, 'enterprise-job-demand-2025q3', jobs);
    const right = await allRows(http, 'business-registrations', firms);
    const byKey = new Map(right.map((r) => [r[KEY], r]));
    const expected = left.filter((r) => byKey.has(r[KEY]));
    expect(expected.length).toBeGreaterThan(0);

    const response = await http.get(`/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}&limit=1000`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = JSON.parse(response.body) as { total: number; matched: { left: number; right: number }; fields: { name: string; from: string }[]; records: Row[] };
    expect(body.total).toBe(expected.length);
    expect(body.matched).toEqual({ left: expected.length, right: new Set(expected.map((r) => r[KEY])).size });
    // Both tables have 企业名称: the right one's is renamed, and the right key is not repeated.
    const names = body.fields.map((f) => f.name);
    expect(names).toContain('企业名称 (2)');
    expect(names.filter((n) => n === KEY)).toHaveLength(1);
    body.records.forEach((record, i) => {
      const want = expected[i] as Row;
      expect(record['岗位']).toBe(want['岗位']);
      expect(record['企业名称 (2)']).toBe(byKey.get(want[KEY])?.['企业名称']);
      expect(record['所在区县']).toBe(byKey.get(want[KEY])?.['所在区县']);
    });

    const leftJoin = JSON.parse((await http.get(`/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}&how=left&limit=5&offset=0`)).body) as { total: number; records: Row[] };
    expect(leftJoin.total).toBe(left.length);
    expect(leftJoin.records).toHaveLength(5);
  });

  it('downloads the join as CSV with a BOM, and as XLSX', async () => {
    const csv = await fetch(`${server.url}/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain(`${KEY},`);
    expect(lines[0]).toContain('企业名称 (2)');
    const json = JSON.parse((await (await fetch(`${server.url}/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}`)).text())) as { total: number };
    expect(lines).toHaveLength(json.total + 1);
    const xlsx = await fetch(`${server.url}/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('explains bad requests and keeps unpublished tables out', async () => {
    const http = new HttpClient(server.url);
    const cases: [string, number, string][] = [
      [`left=${jobs}`, 400, 'missing'],
      [`left=${jobs}&right=${firms}`, 400, 'missing'],
      [`left=${jobs}&right=${firms}&on=nope`, 400, 'unknownColumn'],
      [`left=${jobs}&right=${firms}&on=${enc(KEY)}&right_on=${enc('"; DROP TABLE users; --')}`, 400, 'unknownColumn'],
      [`left=${jobs}&right=${firms}&on=${enc(KEY)}&how=outer`, 400, 'badHow'],
      [`left=${jobs}&right=99999&on=${enc(KEY)}`, 404, 'notFound'],
      [`left=abc&right=${firms}&on=${enc(KEY)}`, 404, 'notFound'],
      [`left=${jobs}&right=${firms}&on=${enc(KEY)}&format=pdf`, 400, 'badFormat'],
      [`left=${jobs}&right=${firms}&on=${enc(KEY)}&limit=-1`, 400, 'badLimit'],
    ];
    for (const [query, status, code] of cases) {
      const response = await http.get(`/api/v1/joins?${query}`);
      expect(response.status, query).toBe(status);
      expect(response.body, query).toContain(code);
    }
    // The draft dataset of 民政局 joins for its own officials only.
    const draft = (JSON.parse((await new HttpClient(server.url).get('/api/v1/datasets/community-care-facilities')).body) as { resources?: { id: number }[] }).resources?.[0]?.id;
    expect(draft).toBeUndefined();
    const official = new HttpClient(server.url);
    await official.signIn(CIVIL_OFFICIAL, DEMO_PASSWORD);
    const page = await official.get('/manage/datasets/community-care-facilities');
    const draftId = /resources\/(\d+)/.exec(page.body)?.[1];
    expect((await http.get(`/api/v1/joins?left=${draftId}&right=${draftId}&on=_id`)).status).toBe(404);
    expect((await official.get(`/api/v1/joins?left=${draftId}&right=${draftId}&on=_id`)).status).toBe(400);
  });
});

describe('the join page', () => {
  it('is linked from the joinable datasets and previews the join with its counts and downloads', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const dataset = await http.get('/datasets/enterprise-job-demand-2025q3');
    const link = /href="(\/joins\?[^"]+)"/.exec(dataset.body)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeTruthy();
    const params = new URLSearchParams(link?.split('?')[1]);
    expect(params.get('left')).toBe(String(jobs));
    expect(params.get('right')).toBe(String(firms));
    expect(params.get('on')).toBe(KEY);

    const page = await http.get(link ?? '');
    expect(page.status).toBe(200);
    const api = JSON.parse((await http.get(`/api/v1/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}`)).body) as { total: number; matched: { left: number; right: number } };
    const text = visibleText(page.body);
    expect(text).toContain(`右表 20 行中有 ${api.matched.right} 行找到对应；合并后共 ${api.total} 行。`);
    expect(text).toContain('企业名称 (2)');
    expect(page.body).toContain(`/api/v1/joins?left=${jobs}&amp;right=${firms}`);

    const leftJoin = visibleText((await http.get(`/joins?left=${jobs}&right=${firms}&on=${enc(KEY)}&how=left`)).body);
    expect(leftJoin).toContain('合并后共 48 行。');
    expect(visibleText((await http.get(`/joins?left=${jobs}&right=${firms}&on=nope`)).body)).toContain('表中没有这一列。');
  });
});
