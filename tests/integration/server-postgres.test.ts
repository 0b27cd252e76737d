/**
 * The web server on PostgreSQL, as an operator runs it (issue 22): it opens its port while
 * PostgreSQL is out of reach and says "unavailable" (translated) until it can reach it, then
 * migrates, seeds and serves; an official imports a table with long Chinese headers, which is
 * searched in Chinese; and a PostgreSQL restart while serving loses nothing and needs no restart
 * of the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, type TestServer } from '../helpers/server';

let postgres: TestPostgres;
let server: TestServer | undefined;

beforeAll(async () => {
  postgres = await startPostgres({ database: 'jdz_outage' });
});

afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForImport(http: HttpClient, jobId: number) {
  for (let i = 0; i < 400; i += 1) {
    const job = JSON.parse((await http.get(`/manage/imports/${jobId}`)).body) as { status: string };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

const LONG = '城乡居民基本医疗保险参保缴费情况统计口径说明';
const CSV = [`乡镇,${LONG}（人数）,${LONG}（金额）,日期`, '城关镇,1200,"35,000.50",2025/1/5', '河口镇,860,2100,2025-02-01', '南山乡,,1.5,2025年3月4日'].join('\r\n');

describe('the web server on PostgreSQL', () => {
  it('answers a translated 503 while PostgreSQL is out of reach, then serves the demo once it is up', async () => {
    await postgres.down();
    server = await startServer({ env: { DATABASE_URL: postgres.url } });
    const visitor = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const page = await visitor.get('/');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.body).toContain('数据库');
    expect((await visitor.get('/readyz')).status).toBe(503);
    // The log names where it looked, never more than host, port and database.
    expect(server.output()).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\/jdz_outage is out of reach/);

    await postgres.up();
    await waitFor(async () => (await visitor.get('/')).status === 200, 40_000);
    expect((await visitor.get('/readyz')).status).toBe(200);
    expect((await visitor.get('/datasets')).body).toContain('公交');
  });

  it('imports a table with headers longer than PostgreSQL names, and finds its rows and the site’s pages in Chinese', async () => {
    if (!server) throw new Error('no server');
    const official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await official.signIn('transport@jindianzi.example', DEMO_PASSWORD);
    const created = await official.post('/manage/datasets/new', { title: '医保参保统计', slug: 'medical-insurance', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '医保' });
    expect(created.status).toBe(302);
    const slug = (created.location ?? '').replace('/manage/datasets/', '');
    const form = new FormData();
    form.set('file', new Blob([Buffer.from(CSV, 'utf8')]), '参保.csv');
    const upload = await official.request(`/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: server.url } });
    const { jobId } = JSON.parse(upload.body) as { jobId: number };
    expect(await waitForImport(official, jobId)).toMatchObject({ status: 'succeeded' });
    expect((await official.post(`/manage/datasets/${slug}`, { intent: 'publish' })).status).toBe(302);

    const visitor = new HttpClient(server.url);
    const resourceId = Number(/\/resources\/(\d+)/.exec((await visitor.get(`/datasets/${slug}`)).body)?.[1]);
    const rows = await visitor.get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows?${new URLSearchParams({ q: '河口', [`gte.${LONG}（人数）`]: '100' })}`);
    expect(rows.status, rows.body).toBe(200);
    const body = JSON.parse(rows.body) as { total: number; records: Record<string, unknown>[] };
    expect(body.total).toBe(1);
    // Typed as on SQLite: a whole number, a decimal with its thousands separator read, an ISO date.
    expect(body.records[0]).toMatchObject({ 乡镇: '河口镇', [`${LONG}（人数）`]: 860, [`${LONG}（金额）`]: 2100, 日期: '2025-02-01' });
    const sorted = await visitor.get(`/api/v1/datasets/${slug}/resources/${resourceId}/rows?${new URLSearchParams({ sort: `${LONG}（人数）` })}`);
    // Empty first, as SQLite sorts it.
    expect((JSON.parse(sorted.body) as { records: Record<string, unknown>[] }).records.map((r) => r[`${LONG}（人数）`])).toEqual([null, 860, 1200]);
    const download = await visitor.get(`/datasets/${slug}/resources/${resourceId}/download/csv`);
    expect(download.status).toBe(200);
    expect(download.body).toContain('城关镇,1200,35000.5,2025-01-05');

    const search = await official.get(`/search?${new URLSearchParams({ q: '公交' })}`);
    expect(search.status).toBe(200);
    expect(search.body).toContain('<mark');
  });

  it('rides out a PostgreSQL restart: a 503 or an answer meanwhile, never a hang, and nothing saved is lost', async () => {
    if (!server) throw new Error('no server');
    const visitor = new HttpClient(server.url);
    await postgres.restart();
    await waitFor(async () => {
      const status = (await visitor.get('/datasets/medical-insurance')).status;
      expect([200, 503]).toContain(status);
      return status === 200;
    }, 20_000);
    expect((await visitor.get('/datasets/medical-insurance')).body).toContain('医保参保统计');
  });
});
