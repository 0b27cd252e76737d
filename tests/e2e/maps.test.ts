import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousAccessibilityViolations } from '../helpers/browser';
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

describe('maps for a citizen', () => {
  it('opens the shelters map from the table, clicks a point to read its row, and combines two layers on 一张图', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/datasets/emergency-shelters`);
    await page.getByRole('link', { name: '在线预览与筛选' }).first().click();
    await page.waitForURL(/\/resources\/\d+$/);
    await page.getByRole('link', { name: '在地图上查看' }).click();
    await page.waitForURL(/\/map$/);
    const map = page.getByRole('group', { name: /的点位地图，当前范围内 18 个点位$/ });
    await map.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A single point (not a cluster) is a link named after its shelter; clicking it opens the row.
    const point = map.locator('a[data-count="1"]').first();
    const name = (await point.getAttribute('aria-label')) ?? '';
    expect(name).not.toBe('');
    await point.click();
    await page.waitForURL(/row=\d+/);
    const popup = page.getByRole('region', { name });
    await popup.waitFor();
    await popup.getByText('可容纳人数').waitFor();
    await popup.getByRole('link', { name: '关闭' }).click();
    await page.waitForURL((url) => !url.search.includes('row='));

    // 一张图: the shelters and the districts coloured by new jobs, built from the form.
    await page.goto(`${server.url}/map`);
    await page.getByLabel('数据', { exact: true }).selectOption({ label: '点位：应急避难场所 · 避难场所清单' });
    await page.getByRole('button', { name: '添加图层' }).click();
    await page.waitForURL(/layer=points/);
    await page.getByLabel('数据', { exact: true }).selectOption({ label: '按区县着色：城镇新增就业月度统计（分区县） · 月度就业统计' });
    await page.getByRole('button', { name: '添加图层' }).click();
    await page.waitForURL(/layer=regions/);
    const layers = page.getByRole('region', { name: '图层' });
    await layers.getByText('应急避难场所 · 避难场所清单').waitFor();
    await layers.getByText(/5 个区域有数据/).waitFor();
    expect(await page.locator('svg[role="group"] a').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The URL is the map: someone else gets the same two layers.
    const shared = await newPage(browser);
    await shared.page.goto(page.url());
    await shared.page.getByRole('region', { name: '图层' }).getByText(/5 个区域有数据/).waitFor();
    await shared.context.close();
    await context.close();
  });
});
