/**
 * Charts on the resource page as a visitor meets them: each column's profile chart arrives as SVG
 * with the page, the chart builder's state is the URL (the same URL gives the same chart, as a
 * page, chart.svg or chart.png), the numbers drawn are those of the filtered rows, and wrong or
 * hostile parameters get a translated message, never a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let bus = '';
/** Signed in once: a second sign-in within the same 30 seconds would replay the demo's TOTP code. */
let transport: HttpClient;
let civil: HttpClient;

const enc = encodeURIComponent;
/** Boardings summed per route, split by time of day. */
const BOARDINGS_BY_ROUTE = `chart=bar&x=${enc('线路')}&agg=sum&y=${enc('上车人次')}&series=${enc('时段')}`;

beforeAll(async () => {
  server = await startServer();
  const page = await new HttpClient(server.url).get('/datasets/bus-ridership-2025-10');
  const id = /\/datasets\/bus-ridership-2025-10\/resources\/(\d+)/.exec(page.body)?.[1];
  expect(id).toBeTruthy();
  bus = `/datasets/bus-ridership-2025-10/resources/${id}`;
  transport = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await transport.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
  civil = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await civil.signIn(CIVIL_OFFICIAL, DEMO_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

/** The accessible names of the charts in a page, in order. */
function chartNames(html: string): string[] {
  return [...html.matchAll(/<svg role="img" aria-label="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('profile charts', () => {
  it('draws one chart per column that has something to show, named for screen readers and with its numbers as a table', async () => {
    const page = await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(bus);
    expect(page.status).toBe(200);
    expect(chartNames(page.body)).toEqual(['“日期”各时期的行数', '“线路”最常见的取值', '“站点”最常见的取值', '“时段”最常见的取值', '“上车人次”的数值分布', '“下车人次”的数值分布']);
    // 1,568 rows over 14 days on 7 routes: each route has 224 rows, and the table says so.
    const text = visibleText(page.body);
    expect(text).toContain('“线路”最常见的取值');
    expect(text).toMatch(/12路\s*224/);
    // The demo data holds no chart builder state: no builder chart, but the form is there.
    expect(text).toContain('画一张图');
    expect(page.body).not.toContain('chart.svg?');
  });

  it('speaks English on request', async () => {
    const page = await new HttpClient(server.url, { 'Accept-Language': 'en' }).get(bus);
    expect(chartNames(page.body)).toContain('Distribution of “上车人次”');
    expect(visibleText(page.body)).toContain('Draw a chart');
  });
});

describe('the chart builder', () => {
  it('draws the chart the URL describes, with the numbers behind it', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const page = await http.get(`${bus}?${BOARDINGS_BY_ROUTE}`);
    expect(page.status).toBe(200);
    const title = '按“线路”统计“上车人次”的合计（按“时段”分组）';
    expect(chartNames(page.body)).toContain(title);
    const text = visibleText(page.body);
    expect(text).toContain('根据 1,568 行数据绘制。');
    // The data table has a row per route and a column per time of day.
    for (const period of ['早高峰 07:00-09:00', '平峰 09:00-17:00', '晚高峰 17:00-19:00', '夜间 19:00-22:00']) expect(text).toContain(period);
    expect(page.body).toContain(`chart.svg?${BOARDINGS_BY_ROUTE.replaceAll('&', '&amp;')}`);
    // The form shows what was chosen.
    expect(page.body).toMatch(/<option value="sum" selected="">/);
  });

  it('applies the preview filters to the chart', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const all = await http.get(`${bus}?chart=pie&x=${enc('线路')}`);
    expect(visibleText(all.body)).toContain('根据 1,568 行数据绘制。');
    const oneRoute = await http.get(`${bus}?eq.${enc('线路')}=${enc('1路')}&chart=bar&x=${enc('站点')}`);
    expect(visibleText(oneRoute.body)).toContain('根据 224 行数据绘制。');
    const svg = await http.get(`${bus}/chart.svg?eq.${enc('线路')}=${enc('1路')}&chart=bar&x=${enc('站点')}`);
    // 1路 does not stop at 云溪客运站 (a 3路 stop), so it is not drawn.
    expect(svg.body).not.toContain('云溪客运站');
    expect(visibleText(all.body)).toContain('云溪客运站');
  });

  it('downloads the same chart as SVG and PNG', async () => {
    const svg = await fetch(`${server.url}${bus}/chart.svg?${BOARDINGS_BY_ROUTE}`, { headers: { 'Accept-Language': 'zh-CN' } });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-disposition')).toContain('attachment');
    const body = await svg.text();
    expect(body).toMatch(/^<svg width="800" height="450"/);
    expect(body).toContain('按“线路”统计“上车人次”的合计（按“时段”分组）');
    expect(body).not.toContain('<script');

    const png = await fetch(`${server.url}${bus}/chart.png?${BOARDINGS_BY_ROUTE}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the SVG's size: width and height in the IHDR chunk.
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1600, 900]);
  });

  it('explains a wrong choice next to the field and keeps what was chosen', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const page = await http.get(`${bus}?chart=bar&x=${enc('线路')}&agg=mean`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/id="chart-y-error" role="alert"[^>]*>请选择一列。/);
    expect(page.body).toMatch(/<option value="mean" selected="">/);
    const scatter = await http.get(`${bus}?chart=scatter&x=${enc('线路')}&y=${enc('上车人次')}`);
    expect(scatter.body).toMatch(/id="chart-x-error" role="alert"[^>]*>这一列不是数值，请选择数值列。/);
  });

  it('answers hostile or broken parameters with a message, never a server error', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const hostile = [
      'chart=bar',
      'chart=bogus&x=1',
      `chart=bar&x=${enc('"; DROP TABLE users; --')}`,
      `chart=bar&x=${enc('线路')}&agg=${enc('sum) FROM users --')}&y=${enc('上车人次')}`,
      `chart=bar&x=${enc('线路')}&series=${enc('线路')}`,
      `chart=line&x=${enc('线路')}&agg=max&y=${enc('站点')}`,
      `chart=bar&x=${enc('线路')}&x=${enc('站点')}&series=${enc('_id')}`,
      `chart=bar&x=${enc('线路')}&eq.nope=1`,
      `chart=${'x'.repeat(5000)}`,
    ];
    for (const query of hostile) {
      const page = await http.get(`${bus}?${query}`);
      expect(page.status, query).toBe(200);
      const svg = await http.get(`${bus}/chart.svg?${query}`);
      expect(svg.status, query).toBe(400);
      expect(svg.body, query).toMatch(/^图表参数有误：/);
    }
    const none = await http.get(`${bus}/chart.png`);
    expect(none.status).toBe(400);
  });

  it('draws a scatter plot of two numeric columns and a timeline over a date column', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const scatter = await http.get(`${bus}/chart.svg?chart=scatter&x=${enc('上车人次')}&y=${enc('下车人次')}`);
    expect(scatter.status).toBe(200);
    expect(scatter.body).toContain('“上车人次”与“下车人次”');
    const line = await http.get(`${bus}?chart=line&x=${enc('日期')}&agg=mean&y=${enc('上车人次')}`);
    const text = visibleText(line.body);
    expect(text).toContain('2025-10-01');
    expect(text).toContain('2025-10-14');
  });

  it('keeps a draft dataset’s chart from anyone who cannot read the dataset', async () => {
    const path = '/datasets/community-care-facilities';
    const official = civil;
    const manage = await official.get(`/manage${path}`);
    const id = /resources\/(\d+)/.exec(manage.body)?.[1];
    expect(id).toBeTruthy();
    const url = `${path}/resources/${id}/chart.svg?chart=bar&x=_id`;
    expect((await new HttpClient(server.url).get(url)).status).toBe(404);
    const own = await official.get(url);
    expect(own.status).toBe(400);
    expect(own.body).toContain('这张表没有这一列。');
  });
});

describe('the plain-language summary', () => {
  it('words the table from its profile until the department writes its own', async () => {
    const visitor = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const before = visibleText((await visitor.get(bus)).body);
    expect(before).toContain('共 1,568 行、6 列。');
    expect(before).toMatch(/“日期”从 2025年10月1日 到 2025年10月14日。/);
    expect(before).toMatch(/最常见的是“火车站”（168 行）/);
    expect(before).toContain('根据数据自动生成。');
    const english = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'en' }).get(bus)).body);
    expect(english).toContain('1,568 rows in 6 columns.');

    const official = transport;
    const manage = `/manage${bus}`;
    const form = await official.get(manage);
    expect(visibleText(form.body)).toContain('自动生成的摘要：共 1,568 行、6 列。');
    const tooLong = await official.post(manage, { intent: 'details', name: '公交站点分时段客流', description: '', summary: '长'.repeat(1001) });
    expect(visibleText(tooLong.body)).toContain('摘要最多 1000 个字符。');
    expect(tooLong.body).toContain('长'.repeat(1001));
    const written = '2025 年 10 月前两周，全市 7 条公交线路各站点每个时段的上下车人数。';
    expect((await official.post(manage, { intent: 'details', name: '公交站点分时段客流', description: '', summary: written })).status).toBe(302);
    const after = visibleText((await visitor.get(bus)).body);
    expect(after).toContain(written);
    expect(after).toContain('由数据提供部门撰写。');
    expect(after).not.toContain('根据数据自动生成。');
  });
});

describe('charts pinned to the dataset page', () => {
  it('lets the department pin up to six charts that everyone then sees, and unpin them', async () => {
    const dataset = '/datasets/bus-ridership-2025-10';
    const official = transport;
    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const otherDepartment = civil;
    const visitor = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });

    expect(visibleText((await official.get(`${bus}?${BOARDINGS_BY_ROUTE}`)).body)).toContain('固定到数据集页面');
    expect(visibleText((await citizen.get(`${bus}?${BOARDINGS_BY_ROUTE}`)).body)).not.toContain('固定到数据集页面');
    expect(visibleText((await visitor.get(dataset)).body)).not.toContain('一览');

    // Only the dataset's department may pin, whatever the browser sends.
    expect((await citizen.post(bus, { intent: 'pin', query: BOARDINGS_BY_ROUTE })).status).toBe(403);
    expect((await otherDepartment.post(bus, { intent: 'pin', query: BOARDINGS_BY_ROUTE })).status).toBe(403);
    expect((await visitor.post(bus, { intent: 'pin', query: BOARDINGS_BY_ROUTE })).status).toBe(302);

    const pinned = await official.post(bus, { intent: 'pin', query: `offset=50&sort=-_id&${BOARDINGS_BY_ROUTE}&eq.${enc('时段')}=${enc('早高峰 07:00-09:00')}` });
    expect(pinned.status).toBe(302);
    expect(pinned.location).toBe(`${dataset}#at-a-glance`);
    const page = await visitor.get(dataset);
    expect(visibleText(page.body)).toContain('一览');
    expect(chartNames(page.body)).toContain('按“线路”统计“上车人次”的合计（按“时段”分组）');
    // The link opens the chart builder on the same chart and filter, without paging or sorting.
    const link = /href="([^"]*resources\/\d+\?chart=[^"]*)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const sorted = (query: string) => [...new URLSearchParams(query)].sort();
    expect(sorted(link.split('?')[1] ?? '')).toEqual(sorted(`${BOARDINGS_BY_ROUTE}&eq.${enc('时段')}=${enc('早高峰 07:00-09:00')}`));

    const morning = `${BOARDINGS_BY_ROUTE}&eq.${enc('时段')}=${enc('早高峰 07:00-09:00')}`;
    const again = await official.post(`${bus}?${morning}`, { intent: 'pin', query: morning });
    expect(visibleText(again.body)).toContain('这张图已经固定在数据集页面上了。');
    const broken = await official.post(`${bus}?chart=bar&x=${enc('站点')}`, { intent: 'pin', query: 'chart=bar&x=nope' });
    expect(visibleText(broken.body)).toContain('这张图的设置有误，无法固定。');

    for (const x of ['站点', '时段', '日期', '上车人次', '下车人次']) expect((await official.post(bus, { intent: 'pin', query: `chart=bar&x=${enc(x)}` })).status).toBe(302);
    const seventh = await official.post(`${bus}?chart=pie&x=${enc('站点')}`, { intent: 'pin', query: `chart=pie&x=${enc('站点')}` });
    expect(visibleText(seventh.body)).toContain('这个数据集已经固定了 6 张图');
    const full = await visitor.get(dataset);
    expect(chartNames(full.body).filter((name) => name.startsWith('按'))).toHaveLength(6);

    const unpinId = /name="intent" value="unpin:(\d+)"/.exec((await official.get(dataset)).body)?.[1];
    expect(unpinId).toBeTruthy();
    expect((await citizen.post(dataset, { intent: `unpin:${unpinId}` })).status).toBe(403);
    expect((await official.post(dataset, { intent: `unpin:${unpinId}` })).status).toBe(302);
    const after = await visitor.get(dataset);
    expect(chartNames(after.body)).not.toContain('按“线路”统计“上车人次”的合计（按“时段”分组）');
    expect(chartNames(after.body).filter((name) => name.startsWith('按'))).toHaveLength(5);
    expect(after.body).not.toContain('unpin:');
  });
});

describe('chart images for scripts', () => {
  // Last in the file: it uses up this address's allowance of anonymous chart images.
  it('draws a PNG for people, but holds one anonymous address to a ceiling, and never a signed-in person', async () => {
    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    let refused: Awaited<ReturnType<HttpClient['get']>> | null = null;
    let drawn = 0;
    for (let i = 0; i < 31 && !refused; i += 1) {
      // A wrong chart is answered at once, but still counts: the ceiling comes before the work.
      const response = await anonymous.get(`${bus}/chart.png?chart=pie`);
      if (response.status === 429) refused = response;
      else drawn += 1;
    }
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(30);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visibleText(refused?.body ?? '')).toContain('生成图表图片的次数太多了');
    const signedIn = await transport.get(`${bus}/chart.png?${BOARDINGS_BY_ROUTE}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('content-type')).toBe('image/png');
  });
});
