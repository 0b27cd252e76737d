import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('the public site', () => {
  it('serves the home page in Chinese with open challenges and recent datasets from the database', async () => {
    const page = await new HttpClient(server.url).get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="zh-CN">');
    const text = visibleText(page.body);
    expect(text).toContain('正在征集的挑战');
    expect(text).toContain('用公交刷卡数据优化公交线路');
    expect(text).toContain('最新发布的数据');
    expect(text).toContain('城镇新增就业月度统计（分区县）');
    // Not open yet, so not under "open for entries".
    expect(text).not.toContain('用就业数据预测重点行业用工缺口');
  });

  it('follows Accept-Language when no language was chosen', async () => {
    const page = await new HttpClient(server.url, { 'Accept-Language': 'en-GB,en;q=0.9,zh;q=0.5' }).get('/');
    expect(page.body).toContain('<html lang="en">');
    expect(visibleText(page.body)).toContain('Challenges open for entries');
  });

  it('remembers the language chosen with the switcher, over Accept-Language', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const switched = await http.post('/locale', { locale: 'en', redirectTo: '/challenges?phase=open' });
    expect(switched.status).toBe(302);
    expect(switched.location).toBe('/challenges?phase=open');
    const page = await http.get('/challenges?phase=open');
    expect(page.body).toContain('<html lang="en">');
    expect(visibleText(page.body)).toContain('Data challenges');
    const back = await http.post('/locale', { locale: 'zh-CN', redirectTo: '/' });
    expect(back.status).toBe(302);
    expect((await http.get('/')).body).toContain('<html lang="zh-CN">');
  });

  it('lists challenges of every phase and filters by phase', async () => {
    const http = new HttpClient(server.url);
    const all = visibleText((await http.get('/challenges')).body);
    for (const title of ['用公交刷卡数据优化公交线路', '用就业数据预测重点行业用工缺口', '防止救助资金重复发放和漏发', '应急避难场所覆盖评估']) {
      expect(all).toContain(title);
    }
    const judging = visibleText((await http.get('/challenges?phase=judging')).body);
    expect(judging).toContain('防止救助资金重复发放和漏发');
    expect(judging).not.toContain('用公交刷卡数据优化公交线路');
  });

  it('shows a challenge with its timeline, criteria with weight shares, datasets and awards', async () => {
    const http = new HttpClient(server.url);
    const open = visibleText((await http.get('/challenges/bus-routes-from-card-data')).body);
    expect(open).toContain('征集中');
    expect(open).toContain('距截止还有');
    expect(open).toContain('数据使用');
    expect(open).toContain('30%');
    expect(open).toContain('公交线路基本信息');
    expect(open).toContain('登录后参加');

    const results = visibleText((await http.get('/challenges/shelter-coverage')).body);
    expect(results).toContain('已公布结果');
    expect(results).toContain('一等奖');
    expect(results).toContain('15 分钟避难圈地图');
    expect(results).toContain('人气奖');
  });

  it('does not reveal awards before results are published', async () => {
    const text = visibleText((await new HttpClient(server.url).get('/challenges/relief-payment-accuracy')).body);
    expect(text).toContain('评审中');
    expect(text).not.toContain('获奖作品');
  });

  it('shows a dataset with resources, data dictionary, a preview and linked challenges', async () => {
    const page = await new HttpClient(server.url).get('/datasets/bus-routes');
    expect(page.status).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('公交线路基本信息');
    expect(text).toContain('云溪市交通运输局');
    expect(text).toContain('数据字典');
    expect(text).toContain('线路长度（公里）');
    expect(text).toContain('市人民医院');
    expect(text).toContain('知识共享 署名 4.0');
    expect(text).toContain('用公交刷卡数据优化公交线路');
  });

  it('lists data requests with votes and departments’ answers', async () => {
    const text = visibleText((await new HttpClient(server.url).get('/requests')).body);
    expect(text).toContain('开放公交车辆实时到站数据');
    expect(text).toContain('4 人支持');
    expect(text).toContain('相关数据集：养老机构名录');
    expect(text).toContain('暂不开放');
  });

  it('answers unknown pages with a translated 404', async () => {
    const zh = await new HttpClient(server.url).get('/no/such/page');
    expect(zh.status).toBe(404);
    expect(visibleText(zh.body)).toContain('页面不存在');
    const en = await new HttpClient(server.url, { 'Accept-Language': 'en' }).get('/challenges/no-such-challenge');
    expect(en.status).toBe(404);
    expect(visibleText(en.body)).toContain('Page not found');
  });

  it('ignores an unknown language and keeps the current one', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'en' });
    const response = await http.post('/locale', { locale: 'xx', redirectTo: '/datasets' });
    expect(response.status).toBe(302);
    expect(response.location).toBe('/datasets');
    expect(response.setCookies).toHaveLength(0);
    expect((await http.get('/datasets')).body).toContain('<html lang="en">');
  });

  it('sends security headers and a nonce-based CSP on every page', async () => {
    const page = await new HttpClient(server.url).get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // Every inline script carries the nonce, or the browser would refuse to hydrate the page.
    const inlineScripts = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('serves built assets with long-lived caching and answers the health check', async () => {
    const page = await new HttpClient(server.url).get('/');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(page.body)?.[1];
    expect(css).toBeDefined();
    const asset = await fetch(new URL(css ?? '', server.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    const health = await fetch(new URL('/healthz', server.url));
    expect(await health.json()).toMatchObject({ ok: true, diskLow: false });
  });

  it('sends Chinese pages as clean UTF-8, with no stray bytes where render chunks meet', async () => {
    // React 18's Node stream renderer padded chunks with NUL bytes when a multi-byte character
    // fell on a buffer boundary; long Chinese pages are where that shows.
    for (const path of ['/', '/challenges', '/requests', '/datasets/bus-ridership-2025-10', '/challenges/bus-routes-from-card-data']) {
      for (const agent of ['Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0', 'curl/8.5.0']) {
        const page = await new HttpClient(server.url, { 'User-Agent': agent }).get(path);
        expect(page.status).toBe(200);
        expect(page.body.includes('\u0000'), `${path} (${agent}) contains NUL`).toBe(false);
        expect(page.body.includes('\uFFFD'), `${path} (${agent}) contains invalid UTF-8`).toBe(false);
      }
    }
  });

  it('compresses HTML for clients that accept gzip', async () => {
    const response = await fetch(new URL('/datasets', server.url), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('shutdown', () => {
  it('exits cleanly on SIGTERM, saving the usage counts it still held', async () => {
    const dataDir = tempDataDir('jdz-stop-');
    try {
      const other = await startServer({ dataDir });
      // Counted in memory and written about once a minute: the stop must write what it holds.
      for (let i = 0; i < 3; i += 1) expect((await fetch(`${other.url}/api/3/action/status_show`)).status).toBe(200);
      expect(await other.stop()).toBe(0);
      expect(other.output()).toContain('Stopped.');
      const db = await openServerDatabase(other);
      try {
        expect(await db.get("SELECT coalesce(sum(count), 0) AS n FROM usage_daily WHERE kind = 'api'")).toEqual({ n: 3 });
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
