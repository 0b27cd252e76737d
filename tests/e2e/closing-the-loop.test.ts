/**
 * Closing the loop in a real browser (issue 24): an official starts a challenge from the public's
 * data request and publishes it, and the request's history links to it; the emergency department
 * reports that one of its winning ideas is being piloted, and the public reads it on /adopted.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousAccessibilityViolations, signInAs } from '../helpers/browser';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { openServerDatabase } from '../helpers/server-db';
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

const REQUEST_TITLE = '按小区公开二手房网签成交均价';

describe('from a data request to a challenge, from a winning idea to a service', () => {
  it('starts a challenge from a request and shows it in the request\'s history once published', async () => {
    const db = await openServerDatabase(server);
    const request = await db.get<{ id: number }>('select id from data_requests where title = ?', REQUEST_TITLE);
    await db.close();
    const { page } = await newPage(browser);
    await signInAs(page, server.url, TRANSPORT_OFFICIAL, DEMO_PASSWORD, `/requests/${request?.id}`);
    await page.getByRole('link', { name: '从此需求发起挑战赛' }).click();
    await page.waitForURL(/\/manage\/challenges\/new\?request=/);
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe(REQUEST_TITLE);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/manage\/challenges\/[^/?]+$/);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('link', { name: '查看公开页面' }).waitFor();

    await page.goto(`${server.url}/requests/${request?.id}`);
    const opened = page.getByText('为回应此需求，开始了挑战赛');
    await opened.waitFor();
    await page.getByRole('link', { name: REQUEST_TITLE }).last().click();
    await page.waitForURL(/\/challenges\/[^/]+$/);
    await page.getByText('源自公众的数据需求：').waitFor();
  });

  it('records a winning idea\'s pilot and shows it on /adopted', async () => {
    const { page } = await newPage(browser);
    await signInAs(page, server.url, 'emergency@jindianzi.example', DEMO_PASSWORD, '/manage/challenges/shelter-coverage/results');
    const row = page.getByRole('listitem').filter({ hasText: '避难场所容量压力测试' });
    await row.getByRole('link', { name: '记录进展' }).click();
    await page.waitForURL(/\/adoption\/\d+$/);
    await page.getByLabel('阶段').selectOption('piloting');
    await page.getByLabel('本次进展（公开）').fill('在城南两个街道试算避难场所容量。');
    await page.getByLabel('指标').first().fill('试算场所');
    await page.getByLabel('数值').first().fill('12');
    await page.getByLabel('单位').first().fill('处');
    await page.getByLabel('截至日期').first().fill('2026-11-30');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存并公开这条进展' }).click();
    await page.waitForURL(/\/entries\/\d+#adoption$/);
    await page.getByText('在城南两个街道试算避难场所容量。').waitFor();

    const visitor = await newPage(browser);
    await visitor.page.goto(`${server.url}/adopted?stage=piloting`);
    await visitor.page.getByText('在 4 个获奖金点子中：1 个已上线，2 个试点中，0 个评估中，1 个未采纳').waitFor();
    await visitor.page.getByRole('link', { name: '避难场所容量压力测试' }).waitFor();
    await visitor.page.getByText('试算场所：12 处').waitFor();
    expect(await seriousAccessibilityViolations(visitor.page)).toEqual([]);
  });
});
