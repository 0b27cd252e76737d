import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, waitForHydration, passTwoFactorIfAsked } from '../helpers/browser';
import { DEMO_PASSWORD } from '../helpers/demo';
import { startServer, type TestServer } from '../helpers/server';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('publishing open data', () => {
  it('an official publishes a GBK CSV; a visitor previews, filters and downloads it', async () => {
    const { context, page, problems } = await newPage(browser);

    // The official creates a dataset and uploads a file saved by Excel on a Chinese Windows (GBK).
    await page.goto(`${server.url}/login?redirectTo=/manage/datasets/new`);
    await waitForHydration(page);
    await page.getByLabel('电子邮箱').fill('market@jindianzi.example');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await passTwoFactorIfAsked(page);
    await page.waitForURL(/\/manage\/datasets\/new$/);
    await waitForHydration(page);
    await page.getByLabel('名称').fill('高新技术企业名录');
    await page.getByLabel('网址名').fill('high-tech-enterprises');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/manage\/datasets\/high-tech-enterprises$/);
    await waitForHydration(page);
    await page.getByLabel('数据文件名称').fill('企业名录');
    await page.getByLabel('文件', { exact: true }).setInputFiles(path.join(fixtures, 'enterprises-gbk.csv'));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByText('导入完成，共 3 行。').waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('已发布：所有人都能查看').waitFor();
    await context.close();

    // A visitor finds it, previews it, filters it and downloads the selection.
    const visitor = await newPage(browser, { locale: 'zh-CN' });
    const v = visitor.page;
    await v.goto(`${server.url}/datasets?q=${encodeURIComponent('高新技术')}`);
    await v.getByRole('link', { name: '高新技术企业名录' }).click();
    await v.waitForURL(/\/datasets\/high-tech-enterprises$/);
    await v.getByRole('link', { name: '在线预览与筛选' }).click();
    await v.waitForURL(/\/resources\/\d+$/);
    await waitForHydration(v);
    await v.getByRole('cell', { name: '北湖食品有限公司' }).waitFor();

    await v.getByLabel('列', { exact: true }).selectOption('企业名称');
    await v.getByLabel('条件', { exact: true }).selectOption('contains');
    await v.getByLabel('值', { exact: true }).fill('精工');
    await v.getByRole('button', { name: '添加筛选' }).click();
    await eventually(async () => expect(await v.getByText('第 1–1 行，共 1 行').isVisible()).toBe(true));
    expect(await v.getByRole('cell', { name: '北湖食品有限公司' }).count()).toBe(0);

    const [download] = await Promise.all([v.waitForEvent('download'), v.getByRole('link', { name: 'csv', exact: true }).click()]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv).toContain('云溪精工机械有限公司');
    expect(csv).not.toContain('北湖食品有限公司');
    expect(download.suggestedFilename()).toBe('high-tech-enterprises-企业名录.csv');

    expect(problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });

  it('sorts the preview by a column header and pages through a larger table', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/datasets/bus-ridership-2025-10`);
    await page.getByRole('link', { name: '在线预览与筛选' }).click();
    await waitForHydration(page);
    await page.getByText(/第 1–50 行，共 1,568 行/).waitFor();
    await page.getByRole('link', { name: /上车人次/ }).click();
    await eventually(async () => expect(page.url()).toContain('sort='));
    await page.getByRole('link', { name: /上车人次/ }).click();
    await eventually(async () => expect(decodeURIComponent(page.url())).toContain('sort=-上车人次'));
    await page.getByRole('link', { name: '下一页' }).click();
    await page.getByText(/第 51–100 行/).waitFor();
    await context.close();
  });
});

describe('de-identifying before publication', () => {
  it('an official sees which columns block publishing, masks one, explains another, and publishes', async () => {
    const csv = path.join(server.dataDir, '志愿者名册.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `${['张伟', '王芳', '李娜', '刘洋'][i % 4]}${'明华强丽军平'[i % 6]},1381234${String(5600 + i)},${['城关区', '北湖区'][i % 2]},${i + 2}`);
    fs.writeFileSync(csv, `联系人,手机号,区县,服务时长（小时）\n${rows.join('\n')}\n`);
    const { context, page, problems } = await newPage(browser);
    await page.goto(`${server.url}/login?redirectTo=/manage/datasets/new`);
    await waitForHydration(page);
    await page.getByLabel('电子邮箱').fill('civil@jindianzi.example');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await passTwoFactorIfAsked(page);
    await page.waitForURL(/\/manage\/datasets\/new$/);
    await waitForHydration(page);
    await page.getByLabel('名称').fill('志愿者服务时长');
    await page.getByLabel('网址名').fill('volunteer-hours');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.waitForURL(/\/manage\/datasets\/volunteer-hours$/);
    await waitForHydration(page);
    await page.getByLabel('数据文件名称').fill('志愿者名册');
    await page.getByLabel('文件', { exact: true }).setInputFiles(csv);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByText('导入完成，共 12 行。').waitFor();

    // Publishing is refused, and the page says exactly which columns are the problem.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('还不能发布：有数据列可能包含个人信息').waitFor();
    await page.getByText('“志愿者名册”：联系人、手机号').waitFor();
    await page.getByRole('link', { name: '去处理' }).click();
    await page.waitForURL(/\/privacy$/);
    await waitForHydration(page);
    await page.getByText('有待处理的列：联系人、手机号').waitFor();

    // Mask the phone numbers, keeping the defaults (first 3 and last 4).
    const phone = page.locator('li', { has: page.getByRole('heading', { name: '手机号', exact: true }) });
    await phone.getByText(/可能是手机号：12\/12 个值/).waitFor();
    await phone.getByLabel(/^遮盖/).check();
    await phone.getByRole('button', { name: '保存并重新生成公开版本' }).click();
    await page.getByText('有待处理的列：联系人').waitFor();

    // "Not personal" needs a reason: refused next to the field, the choice kept.
    const contact = page.locator('li', { has: page.getByRole('heading', { name: '联系人', exact: true }) });
    await contact.getByLabel(/^不是个人信息/).check();
    await contact.getByRole('button', { name: '保存并重新生成公开版本' }).click();
    await contact.getByText('标记为“不是个人信息”需要写明理由').waitFor();
    expect(await contact.getByLabel(/^不是个人信息/).isChecked()).toBe(true);
    await contact.getByLabel(/^删除这一列/).check();
    await contact.getByRole('button', { name: '保存并重新生成公开版本' }).click();
    await page.getByText(/公开的是脱敏后的版本/).waitFor();

    await page.getByRole('link', { name: '← 志愿者服务时长' }).click();
    await page.waitForURL(/\/manage\/datasets\/volunteer-hours$/);
    await waitForHydration(page);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('已发布：所有人都能查看').waitFor();
    expect(problems).toEqual([]);
    await context.close();

    const visitor = await newPage(browser);
    await visitor.page.goto(`${server.url}/datasets/volunteer-hours`);
    await visitor.page.getByRole('link', { name: '在线预览与筛选' }).click();
    await visitor.page.getByRole('cell', { name: '138****5600' }).waitFor();
    const text = await visitor.page.locator('main').innerText();
    expect(text).not.toContain('13812345600');
    expect(text).not.toContain('联系人');
    await visitor.context.close();
  });
});
