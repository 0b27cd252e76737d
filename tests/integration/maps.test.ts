/**
 * Maps as a visitor meets them: the shelters drawn as points over the published district
 * boundaries (each a link that opens its row, clusters that zoom in), employment figures colouring
 * the districts with the same numbers the table holds, and odd parameters answered with a usable
 * page, never a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let http: HttpClient;
let shelters = '';
let employment = '';

async function resourcePath(slug: string): Promise<string> {
  const page = await http.get(`/datasets/${slug}`);
  const id = new RegExp(`/datasets/${slug}/resources/(\\d+)`).exec(page.body)?.[1];
  expect(id, slug).toBeTruthy();
  return `/datasets/${slug}/resources/${id}`;
}

/** The map's markers: link, accessible name and how many points each stands for. */
function markers(html: string): { href: string; label: string; count: number }[] {
  return [...html.matchAll(/<a href="([^"]*)" aria-label="([^"]*)" class="group" data-count="(\d+)"/g)].map((m) => ({
    href: (m[1] as string).replaceAll('&amp;', '&'),
    label: m[2] as string,
    count: Number(m[3]),
  }));
}

beforeAll(async () => {
  server = await startServer();
  http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  shelters = await resourcePath('emergency-shelters');
  employment = await resourcePath('urban-employment-monthly');
});

afterAll(async () => {
  await server?.stop();
});

describe('a point map', () => {
  it('is offered from the table and shows every shelter over the district boundaries', async () => {
    expect((await http.get(shelters)).body).toContain(`href="${shelters}/map"`);
    const page = await http.get(`${shelters}/map`);
    expect(page.status).toBe(200);
    const points = markers(page.body);
    expect(points.reduce((sum, m) => sum + m.count, 0)).toBe(18);
    // Single points are named by the shelter (场所名称), not a row number.
    const singles = points.filter((m) => m.count === 1);
    expect(singles.length).toBeGreaterThan(0);
    for (const m of singles) expect(m.label).toMatch(/公园|广场|操场|体育|学校|田径场|绿地|小学|中学/);
    const text = visibleText(page.body);
    expect(text).toContain('当前范围内 18 个点位');
    expect(text).toContain('区县边界');
    // The boundaries are drawn: the district names are in the SVG.
    expect(page.body).toContain('城关区');
  });

  it('opens a point\'s row in a popup and zooms into a cluster', async () => {
    const points = markers((await http.get(`${shelters}/map`)).body);
    const single = points.find((m) => m.count === 1);
    expect(single?.href).toMatch(/^\?row=\d+$/);
    const popup = await http.get(`${shelters}/map${single?.href}`);
    const text = visibleText(popup.body);
    expect(text).toContain(single?.label);
    expect(text).toContain('可容纳人数');
    expect(text).toContain('在表格中查看这一行');

    const cluster = points.find((m) => m.count > 1);
    if (cluster) {
      expect(cluster.label).toContain('放大查看');
      const zoomed = markers((await http.get(`${shelters}/map${cluster.href}`)).body);
      expect(zoomed.reduce((sum, m) => sum + m.count, 0)).toBeGreaterThanOrEqual(cluster.count);
    }
  });

  it('answers odd views and rows with a usable page', async () => {
    const empty = await http.get(`${shelters}/map?bbox=10,10,11,11`);
    expect(empty.status).toBe(200);
    expect(visibleText(empty.body)).toContain('当前范围内没有点位');
    for (const query of ['bbox=abc', 'bbox=1,2,3', 'row=abc', 'row=99999', 'row=-1', 'view=nonsense', 'eq.nope=1', 'zoom=%00']) {
      const page = await http.get(`${shelters}/map?${query}`);
      expect(page.status, query).toBe(200);
      expect(markers(page.body).length, query).toBeGreaterThan(0);
    }
  });

  it('explains why a table without places has no map', async () => {
    const bus = await resourcePath('bus-routes');
    const page = await http.get(`${bus}/map`);
    expect(page.status).toBe(200);
    expect(visibleText(page.body)).toContain('无法显示地图');
  });
});

describe('coordinates from Chinese web maps', () => {
  it('are converted from GCJ-02 once the department says so, and a wrong choice is refused next to the field', async () => {
    const view = `${shelters}/map?bbox=103.5,27,104.5,27.8`;
    const before = markers((await http.get(view)).body);
    const official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await official.signIn('emergency@jindianzi.example', DEMO_PASSWORD);
    const manage = shelters.replace('/datasets/', '/manage/datasets/');
    const details = { intent: 'details', name: '避难场所清单', description: '', summary: '' };
    const refused = await official.post(manage, { ...details, coordinateSystem: 'bd09' });
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body)).toContain('请选择 WGS-84 或 GCJ-02');
    expect((await official.post(manage, { ...details, coordinateSystem: 'gcj02' })).status).toBe(302);

    const page = await http.get(view);
    expect(visibleText(page.body)).toContain('已转换为 WGS-84 显示');
    const after = markers(page.body);
    expect(after.reduce((sum, m) => sum + m.count, 0)).toBe(18);
    // In the same view the points move a few hundred metres against the boundaries (GCJ-02 lies north-east of WGS-84 here).
    expect(after).not.toEqual(before);
  });
});

describe('a choropleth', () => {
  it('colours each district by the sum the table holds for it', async () => {
    const page = await http.get(`${employment}/map?view=regions&agg=sum&y=${encodeURIComponent('城镇新增就业人数')}`);
    expect(page.status).toBe(200);
    // The table's rows, every one of them, as the API serves them; summed here by district.
    const api = JSON.parse((await http.get(`/api/v1${employment}/rows?limit=1000`)).body) as { total: number; records: Record<string, unknown>[] };
    expect(api.records).toHaveLength(api.total);
    const sums = new Map<string, number>();
    for (const record of api.records) {
      const district = String(record['区县']);
      sums.set(district, (sums.get(district) ?? 0) + Number(record['城镇新增就业人数']));
    }
    expect(sums.size).toBe(5);
    const rows: [string, number][] = [...page.body.matchAll(/<tr><td class="pr-6">([^<]+)<\/td><td class="text-right tabular-nums">([^<]+)<\/td><\/tr>/g)].map((m) => [m[1] as string, Number((m[2] as string).replaceAll(',', ''))]);
    expect(new Map(rows)).toEqual(sums);
    expect(visibleText(page.body)).toContain('5 个区域有数据');
  });
});

describe('一张图', () => {
  const idOf = (resourcePath: string) => Number(resourcePath.split('/').pop());

  it('combines several departments\' layers with a legend, from the URL alone', async () => {
    const url = `/map?layer=points:${idOf(shelters)}&layer=${encodeURIComponent(`regions:${idOf(employment)}:sum:城镇新增就业人数`)}`;
    const page = await http.get(url);
    expect(page.status).toBe(200);
    expect(markers(page.body).reduce((sum, m) => sum + m.count, 0)).toBe(18);
    const text = visibleText(page.body);
    expect(text).toContain('应急避难场所 · 避难场所清单');
    expect(text).toContain('5 个区域有数据');
    expect(text).toContain('城镇新增就业人数');
    // The add-a-layer form folds its choice into the layer list.
    const added = await http.get(`${url}&add=boundary:999`);
    expect(added.status).toBe(302);
    expect(decodeURIComponent(added.location ?? '')).toContain('layer=boundary:999');
  });

  it('leaves out layers that are not public or cannot be read, saying so', async () => {
    const draft = await http.get('/map?layer=points:9&layer=nonsense&layer=points:99999');
    expect(draft.status).toBe(200);
    const text = visibleText(draft.body);
    expect(text).toContain('有 1 个图层参数无法识别');
    expect(text).toContain('图层 points:9 不存在或未公开');
    expect(text).toContain('图层 points:99999 不存在或未公开');
    expect(markers(draft.body)).toEqual([]);
  });

  it('is featured on the home page by an official, not by a participant, and removed again', async () => {
    const query = `layer=points:${idOf(shelters)}`;
    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
    expect((await citizen.post(`/map?${query}`, { intent: 'feature', title: '偷偷上首页' })).status).toBe(403);

    const official = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await official.signIn('civil@jindianzi.example', DEMO_PASSWORD);
    const missing = await official.post(`/map?${query}`, { intent: 'feature', title: ' ' });
    expect(visibleText(missing.body)).toContain('请填写地图标题');
    const saved = await official.post(`/map?${query}&bbox=103.5,27,104.5,27.8`, { intent: 'feature', title: '全市避难场所分布' });
    expect(visibleText(saved.body)).toContain('已设为首页地图');

    const home = await http.get('/');
    expect(visibleText(home.body)).toContain('一张图：全市避难场所分布');
    expect(markers(home.body).reduce((sum, m) => sum + m.count, 0)).toBe(18);
    expect(markers(home.body).every((m) => m.href.startsWith('/map?layer='))).toBe(true);

    const listed = await official.get('/map');
    const id = /name="intent" value="unfeature:(\d+)"/.exec(listed.body)?.[1];
    expect(id).toBeTruthy();
    expect((await official.post('/map', { intent: `unfeature:${id}` })).status).toBe(200);
    expect(visibleText((await http.get('/')).body)).not.toContain('全市避难场所分布');
  });
});
