/**
 * Charts where people expect them, as the pages serve them: the home page's last twelve months,
 * a challenge's entries over time by kind, the data requests answered per department, and the
 * organisers' ranking with its rank intervals and the judges' agreement. Each arrives drawn in
 * the HTML (no script needed) with a table of the same numbers the page's own counts give.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';

let server: TestServer;
let http: HttpClient;
let db: ServerDatabase;

beforeAll(async () => {
  server = await startServer();
  http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** The chart named `label`: its drawing and the rows of its table (cells as the page prints them). */
function chartIn(html: string, label: string): { svg: string; rows: string[][] } {
  const start = html.indexOf(`<svg role="img" aria-label="${label}"`);
  expect(start, `chart ${label}`).toBeGreaterThan(-1);
  const figureEnd = html.indexOf('</figure>', start);
  const figure = html.slice(start, figureEnd);
  const svg = figure.slice(0, figure.indexOf('</svg>') + 6);
  const body = figure.slice(figure.indexOf('<tbody>'), figure.indexOf('</tbody>'));
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => visibleText(cell[1] as string).trim()));
  return { svg, rows };
}

const count = async (sql: string, ...params: unknown[]) => (await db.get<{ n: number }>(sql, ...params))?.n ?? Number.NaN;

describe('the home page', () => {
  it('draws the last twelve months of datasets, entries and requests, adding up to what was published in them', async () => {
    const page = await http.get('/');
    const { svg, rows } = chartIn(page.body, '近 12 个月每月新增');
    expect(svg).toContain('开放的数据集');
    expect(rows).toHaveLength(12);
    const months = rows.map((r) => r[0]);
    expect(months).toEqual([...months].sort());
    const sum = (column: number) => rows.reduce((n, r) => n + Number(r[column]), 0);
    const yearAgo = new Date(Date.now() - 330 * 24 * 3600 * 1000);
    // The demo's dates are all within the last months, so every one is drawn.
    expect(sum(2)).toBe(await count("select count(*) as n from submissions where status = 'submitted' and submitted_at >= ?", yearAgo));
    expect(sum(3)).toBe(await count('select count(*) as n from data_requests'));
  });
});

describe('a challenge page', () => {
  it('shows its entries over time, split by kind, adding up to its entry count', async () => {
    const page = await http.get('/challenges/bus-routes-from-card-data');
    const { svg, rows } = chartIn(page.body, '各时段收到的作品（按类型）');
    expect(svg).toContain('金点子');
    const entries = await count("select count(*) as n from submissions s join challenges c on c.id = s.challenge_id where c.slug = 'bus-routes-from-card-data' and s.status = 'submitted'");
    expect(entries).toBeGreaterThan(0);
    const drawn = rows.reduce((n, r) => n + r.slice(1).reduce((m, cell) => m + Number(cell || 0), 0), 0);
    expect(drawn).toBe(entries);
    expect(visibleText(page.body)).toContain(`${entries} 份作品`);
  });

  it('has no chart before the first entry', async () => {
    const page = await http.get('/challenges/labour-shortage-forecast');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('aria-label="各时段收到的作品（按类型）"');
  });
});

describe('the data requests page', () => {
  it('shows requests received and answered per department under the first page of the list', async () => {
    const { rows } = chartIn((await http.get('/requests')).body, '各部门收到与已答复的数据需求');
    const received = rows.reduce((n, r) => n + Number(r[1]), 0);
    const answered = rows.reduce((n, r) => n + Number(r[2]), 0);
    expect(received).toBe(await count('select count(*) as n from data_requests'));
    expect(answered).toBe(await count('select count(*) as n from data_requests where responded_at is not null'));
    expect(rows.map((r) => r[0])).toContain('云溪市交通运输局');
    expect((await http.get('/requests?page=2')).body).not.toContain('aria-label="各部门收到与已答复的数据需求"');
  });
});

describe('the organisers’ results page', () => {
  it('draws each entry’s rank with its interval and each judge’s agreement with the panel', async () => {
    const official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await official.signIn('emergency@jindianzi.example', DEMO_PASSWORD);
    const page = await official.get('/manage/challenges/shelter-coverage/results');
    expect(page.status).toBe(200);
    const ranking = chartIn(page.body, '名次及其 95% 区间');
    expect(ranking.rows.length).toBeGreaterThan(1);
    expect(ranking.rows[0]?.[1]).toBe('1');
    // Every interval holds its entry's rank.
    for (const [, rank, interval] of ranking.rows) {
      const [low, high = low] = (interval as string).split('–').map(Number) as [number, number?];
      expect(Number(rank)).toBeGreaterThanOrEqual(low);
      expect(Number(rank)).toBeLessThanOrEqual(high as number);
    }
    const agreement = chartIn(page.body, '每位评委与其余评委的一致程度');
    expect(agreement.rows.map((r) => r[0]).sort()).toEqual(['刘海燕', '陈思远']);
    for (const [, rho] of agreement.rows) expect(Math.abs(Number(rho))).toBeLessThanOrEqual(1);
    // The public results page keeps the scores to the organisers.
    expect((await http.get('/challenges/shelter-coverage/results')).body).not.toContain('名次及其 95% 区间');
  });
});
