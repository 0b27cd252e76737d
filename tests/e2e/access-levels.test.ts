/**
 * Conditional data in a real browser: a startup applies for 企业双随机抽查结果明细 for a challenge,
 * 市场监管局 approves from its inbox, the startup reads the rows on the web, downloads them and
 * calls the rows API with its own token; when the grant expires (server clock), both stop. And an
 * official of another department reads a dataset shared with every department that the public
 * cannot see.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousAccessibilityViolations, signInAs } from '../helpers/browser';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('conditional data', () => {
  it('goes from application to approval to reading, and stops when the grant expires', async () => {
    const startup = await newPage(browser);
    const page = startup.page;
    await signInAs(page, server.url, 'startup@jindianzi.example', DEMO_PASSWORD, '/datasets/enterprise-spot-checks');
    await page.getByText('这份数据有条件开放').waitFor();
    await page.getByRole('link', { name: '申请使用数据' }).click();
    await page.waitForURL(/\/apply$/);
    await page.getByLabel('以谁的名义申请').selectOption('organisation');
    await page.getByLabel('单位名称').fill('云溪数智科技有限公司');
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
    await page.getByLabel('申请目的').fill('为“用就业数据预测重点行业用工缺口”挑战分析企业经营风险');
    await page.getByLabel('具体用途').fill('与企业登记信息按统一社会信用代码关联，只发布行业汇总');
    await page.getByLabel('使用期限（天）').fill('60');
    await page.getByLabel('用于哪个挑战（可选）').selectOption('labour-shortage-forecast');
    await page.getByLabel('我已阅读并接受以上数据使用协议').check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '提交申请' }).click();
    // A mistyped credit code is caught beside its field; everything else stays as typed.
    await page.getByText('统一社会信用代码应为 18 位，且校验位正确。').waitFor();
    expect(await page.getByLabel('申请目的').inputValue()).toContain('用工缺口');
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/account\/applications/);
    await page.getByText('申请已提交，部门审核后会通知你。').waitFor();

    // The department finds it in its inbox and approves it for a shorter period.
    const official = await newPage(browser);
    await signInAs(official.page, server.url, 'market@jindianzi.example', DEMO_PASSWORD, '/manage');
    await official.page.getByText('待审核的数据使用申请（2）').waitFor();
    await official.page.goto(`${server.url}/manage/applications`);
    await official.page.getByRole('row', { name: /孙浩/ }).getByRole('link').click();
    await official.page.getByText('云溪数智科技有限公司').waitFor();
    await official.page.getByText('用工缺口').first().waitFor();
    expect(await seriousAccessibilityViolations(official.page)).toEqual([]);
    await official.page.getByLabel('批准的期限（天，不超过申请的期限）').fill('30');
    await official.page.getByRole('button', { name: '批准', exact: true }).click();
    await official.page.getByText(/有效至/).waitFor();

    // The startup reads the rows on the web and downloads them.
    await page.goto(`${server.url}/datasets/enterprise-spot-checks`);
    await page.getByText(/你可以读取这份数据，授权有效至/).waitFor();
    await page.getByRole('link', { name: '在线预览与筛选' }).click();
    await page.waitForURL(/\/resources\/\d+$/);
    await page.getByText(/共 [\d,]+ 行、6 列。/).waitFor();
    const previewUrl = page.url();
    await page.goto(`${server.url}/datasets/enterprise-spot-checks`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('统一社会信用代码');
    expect(csv.trim().split('\n').length).toBeGreaterThan(20);

    // …and with its own API token.
    await page.goto(`${server.url}/account/tokens`);
    await page.getByLabel('令牌用途').fill('分析脚本');
    await page.getByRole('button', { name: '生成令牌' }).click();
    const token = (await page.locator('code').first().innerText()).trim();
    const resourceId = /resources\/(\d+)/.exec(previewUrl)?.[1];
    const rowsUrl = `${server.url}/api/v1/datasets/enterprise-spot-checks/resources/${resourceId}/rows?limit=3`;
    const rows = await fetch(rowsUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(rows.status).toBe(200);
    expect(((await rows.json()) as { records: unknown[] }).records).toHaveLength(3);

    // The department sees every read in the log.
    await official.page.goto(`${server.url}/manage/datasets/enterprise-spot-checks/grants`);
    await official.page.getByRole('cell', { name: /数据接口/ }).waitFor();
    await official.page.getByRole('cell', { name: /下载/ }).first().waitFor();

    // The grant runs out (the server's clock passes its end): the web and the API both refuse.
    const db = new Database(server.databaseFile);
    db.prepare('UPDATE access_grants SET expires_at = ? WHERE revoked_at IS NULL').run(Date.now() - 1000);
    db.close();
    await page.goto(previewUrl);
    await page.getByText('这份数据有条件开放：行数据、下载和接口只对获批的申请人开放。').waitFor();
    expect((await fetch(rowsUrl, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
    expect(startup.problems.filter((p) => !p.includes('403'))).toEqual([]);
    await startup.context.close();
    await official.context.close();
  });

  it('lets an official of another department read data shared with every department, which the public cannot see', async () => {
    const visitor = await newPage(browser);
    const response = await visitor.page.goto(`${server.url}/datasets/relief-household-register`);
    expect(response?.status()).toBe(404);
    await visitor.context.close();

    const { context, page, problems } = await newPage(browser);
    await signInAs(page, server.url, TRANSPORT_OFFICIAL, DEMO_PASSWORD, '/manage/sharing');
    await page.getByRole('link', { name: '低保家庭花名册（部门共享）' }).click();
    await page.waitForURL(/\/datasets\/relief-household-register$/);
    await page.getByText('这份数据对你所在部门无条件共享。').waitFor();
    await page.getByRole('link', { name: '在线预览与筛选' }).click();
    await page.waitForURL(/\/resources\/\d+$/);
    await page.getByText(/共 [\d,]+ 行/).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
