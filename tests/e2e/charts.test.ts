import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, seriousAccessibilityViolations, waitForHydration } from '../helpers/browser';
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

describe('charts for a citizen', () => {
  it('sees the profile charts, builds a chart of boardings by station, shares its URL and downloads it', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/datasets/bus-ridership-2025-10`);
    await page.getByRole('link', { name: '在线预览与筛选' }).first().click();
    await page.waitForURL(/\/resources\/\d+$/);
    await waitForHydration(page);
    await page.getByText('共 1,568 行、6 列。').waitFor();
    // Each profile chart is drawn (hidden from screen readers) with its numbers as a table they read.
    expect(await page.getByRole('img', { name: /的数值分布$/, includeHidden: true }).count()).toBe(2);
    await page.getByRole('table', { name: '“站点”最常见的取值' }).getByRole('cell', { name: '火车站' }).waitFor({ state: 'attached' });

    await page.getByLabel('图的类型').selectOption('bar');
    await page.getByLabel('横轴（分类）').selectOption('站点');
    await page.getByLabel('统计方式').selectOption('sum');
    await page.getByLabel('数值列').selectOption('上车人次');
    await page.getByRole('button', { name: '画图' }).click();
    await page.waitForURL(/chart=bar/);
    const title = '按“站点”统计“上车人次”的合计';
    const chart = page.getByRole('img', { name: title });
    await chart.waitFor();
    expect(await chart.locator('rect, path').count()).toBeGreaterThan(19);
    await page.getByText('图中的数据').click();
    const table = page.getByRole('region', { name: `“${title}”的数据` });
    await table.getByRole('cell', { name: '火车站' }).waitFor();
    const numbers = await table.locator('tbody tr').allInnerTexts();
    expect(numbers).toHaveLength(19);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Someone given the URL sees the same chart with the same numbers.
    const shared = await newPage(browser);
    await shared.page.goto(page.url());
    await shared.page.getByRole('img', { name: title }).waitFor();
    await shared.page.getByText('图中的数据').click();
    expect(await shared.page.getByRole('region', { name: `“${title}”的数据` }).locator('tbody tr').allInnerTexts()).toEqual(numbers);
    // The form shows the chart's settings, so it can be changed from there.
    expect(await shared.page.getByLabel('统计方式').inputValue()).toBe('sum');
    await shared.context.close();

    // The back button returns to the page before the chart.
    await page.goBack();
    await page.waitForURL(/\/resources\/\d+$/);
    await eventually(async () => expect(await page.getByRole('img', { name: title }).count()).toBe(0));
    await page.goForward();
    await page.getByRole('img', { name: title }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'SVG' }).click()]);
    const file = await download.path();
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg width="800" height="450"/);
    expect(svg).toContain(title);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('previews the join of two departments’ tables from the joinable datasets, changes how, and downloads it', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(`${server.url}/datasets/enterprise-job-demand-2025q3`);
    await page.getByRole('link', { name: '合并预览' }).first().click();
    await page.waitForURL(/\/joins\?/);
    await waitForHydration(page);
    await page.getByText(/右表 20 行中有 \d+ 行找到对应；合并后共 \d+ 行。/).waitFor();
    expect(await page.getByLabel('左表的关联字段').inputValue()).toBe('统一社会信用代码');
    // The rows of both tables side by side, the key once.
    const header = await page.getByRole('region', { name: '合并结果' }).locator('thead th').allInnerTexts();
    expect(header.filter((h) => h === '统一社会信用代码')).toHaveLength(1);
    expect(header).toContain('企业名称 (2)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('合并方式').selectOption('left');
    await page.getByRole('button', { name: '预览' }).click();
    await page.waitForURL(/how=left/);
    await page.getByText('合并后共 48 行。', { exact: false }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^csv$/i }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    // Excel opens it as UTF-8: the byte-order mark comes first, then the header and every joined row.
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain('统一社会信用代码');
    expect(lines).toHaveLength(49);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads the charts of the home page and the data requests as pictures with their numbers beside them', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    for (const [path, name] of [
      ['/', '近 12 个月每月新增'],
      ['/requests', '各部门收到与已答复的数据需求'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('img', { name }).waitFor();
      await page.getByRole('group').filter({ hasText: '图中的数据' }).last().getByText('图中的数据').click();
      await page.getByRole('region', { name: `“${name}”的数据` }).locator('tbody tr').first().waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
