/**
 * Site search over real HTTP on the demo data: Chinese and English substrings (also two-character
 * Chinese queries, too short for trigrams), grouped results with highlighted snippets, and the
 * index following creates, edits, publication and unpublishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

async function search(q: string, type?: string) {
  const response = await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(`/search?${new URLSearchParams({ q, ...(type ? { type } : {}) })}`);
  expect(response.status).toBe(200);
  // Highlighting splits titles into elements; compare the words without the gaps between them.
  return { html: response.body, text: visibleText(response.body).replace(/\s+/g, '') };
}

/**
 * Waits for SQLite's character index (one- and two-character queries) to take in what was
 * queued for it in the background. PostgreSQL's index holds short terms as a row is written, so
 * nothing is queued there (migrations-pg 0003).
 */
async function waitForCharacterIndex(db: ServerDatabase) {
  if (db.engine === 'postgres') return;
  const waiting = async () => (await db.get<{ n: number }>('select count(*) as n from search_short_queue'))?.n ?? 0;
  for (let i = 0; i < 50 && (await waiting()) > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await waiting()).toBe(0);
}

describe('search', () => {
  it('finds Chinese text by substring without word segmentation, grouped by kind, highlighted', async () => {
    const { html, text } = await search('刷卡数据');
    expect(text).toContain('用公交刷卡数据优化公交线路');
    expect(text).toContain('挑战(1)');
    expect(html).toContain('<mark');
    expect(html).toMatch(/<mark[^>]*>刷卡数据<\/mark>/);
  });

  it('finds two-character Chinese queries too short for trigrams', async () => {
    const { text } = await search('养老');
    expect(text).toContain('公布养老机构床位情况');
    // The draft challenge about elderly care is not shown.
    expect(text).not.toContain('智慧养老服务地图');
  });

  it('finds English text case-insensitively and filters by type', async () => {
    const http = new HttpClient(server.url);
    await http.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    const created = await http.post('/manage/datasets/new', { title: 'Night Bus Timetable', slug: 'night-bus-timetable', description: 'Departures of the N1 and N2 night buses.', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '' });
    expect(created.status).toBe(302);
    // A draft is indexed but not shown.
    expect((await search('night bus')).text).not.toContain('NightBusTimetable');
    // A data request in English is found whatever the case.
    const citizen = new HttpClient(server.url);
    await citizen.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
    expect((await citizen.post('/requests/new', { title: 'Night bus arrival times', description: 'Real-time arrivals of night buses, please.', purpose: '', department: '' })).status).toBe(302);
    const english = await search('NIGHT BUS');
    expect(english.text).toContain('Nightbusarrivaltimes');
    expect(english.text).toContain('数据需求(1)');
    const filtered = await search('公交', 'dataset');
    expect(filtered.text).toContain('公交线路');
    expect(filtered.text).not.toContain('用公交刷卡数据优化公交线路');
  });

  it('follows edits, and stops finding what is unpublished', async () => {
    const http = new HttpClient(server.url);
    await http.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    // An edited title is found by its new words and no longer by the old ones.
    const slug = 'night-bus-timetable';
    const edited = await http.post(`/manage/datasets/${slug}/edit`, { title: '夜班公交时刻表', description: '夜间线路发车时刻。', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '' });
    expect(edited.status).toBe(302);
    const db = await openServerDatabase(server);
    const indexed = await db.all<{ title: string }>("select title from search_index where kind = 'dataset' and title like '%时刻表%'");
    await db.close();
    expect(indexed.map((r) => r.title)).toEqual(['夜班公交时刻表']);
    expect((await search('线路基本信息')).html).toContain('href="/datasets/bus-routes"');
    // Unpublish: gone from search at once.
    expect((await http.post('/manage/datasets/bus-routes', { intent: 'draft' })).status).toBeLessThan(400);
    expect((await search('线路基本信息')).html).not.toContain('href="/datasets/bus-routes"');
  });

  it('treats search syntax and SQL as plain text', async () => {
    for (const q of ['" OR 1=1 --', 'NEAR(公交 刷卡)', '*', '%_%', 'a"b']) {
      const { text } = await search(q);
      expect(text).toContain('搜索');
    }
    expect((await search('xyzzy-nothing-here')).text).toContain('没有找到与“xyzzy-nothing-here”相关的内容');
  });

  it('never shows entries that are not public yet', async () => {
    // The judging relief challenge has submitted entries that are not public before its results.
    const { html } = await search('监测看板');
    expect(html).not.toMatch(/href="\/entries\/5"/);
    // The shelter challenge has published results: its entries are public.
    const shelter = await search('避难圈');
    expect(shelter.html).toMatch(/href="\/entries\/7"/);
  });

  it('finds one and two characters at once and after indexing, and follows an edit', async () => {
    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
    const posted = await citizen.post('/challenges/bus-routes-from-card-data', { intent: 'comment.create', formId: 'new', body: '能不能公布鹦鹉栖息地的观测数据？' });
    expect(posted.status).toBe(302);
    const commentId = Number(/#comment-(\d+)$/.exec(posted.location ?? '')?.[1]);
    // Found at once (the character index has not caught up yet), by two characters and by one.
    expect((await search('鹦鹉')).html).toContain(`#comment-${commentId}`);
    expect((await search('鹉')).html).toContain(`#comment-${commentId}`);
    const db = await openServerDatabase(server);
    try {
      await waitForCharacterIndex(db);
      // And through the character index once it has.
      expect((await search('鹦鹉')).html).toContain(`#comment-${commentId}`);
      const edited = await citizen.post('/challenges/bus-routes-from-card-data', { intent: 'comment.edit', formId: `edit-${commentId}`, commentId: String(commentId), body: '能不能公布候鸟栖息地的观测数据？' });
      expect(edited.status).toBe(302);
      expect((await search('鹦鹉')).html).not.toContain(`#comment-${commentId}`);
      await waitForCharacterIndex(db);
      expect((await search('鹦鹉')).html).not.toContain(`#comment-${commentId}`);
      expect((await search('候鸟')).html).toContain(`#comment-${commentId}`);
    } finally {
      await db.close();
    }
  });
});
