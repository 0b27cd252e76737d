import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, waitForHydration, passTwoFactorIfAsked } from '../helpers/browser';
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

const lang = (page: Page) => page.locator('html').getAttribute('lang');
const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ');
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

describe('a new visitor', () => {
  it('registers, signs out, signs in, switches language and opens a challenge', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(server.url);
    await waitForHydration(page);
    expect(await lang(page)).toBe('zh-CN');
    const banner = page.getByRole('banner');

    // Register
    await page.getByRole('link', { name: '注册' }).click();
    await page.getByLabel('姓名或昵称').fill('林小满');
    await page.getByLabel('电子邮箱').fill('lin.xiaoman@example.com');
    await page.getByLabel('密码').fill('春天的公交车准时到站');
    await page.getByLabel('我已阅读并同意').check();
    await page.getByRole('button', { name: '注册' }).click();
    // Without a mail server the site says no verification mail went out, and leads on.
    await visible(page.getByText('本站没有配置邮件服务器，所以没有发出验证邮件'));
    await page.getByRole('link', { name: '继续' }).click();
    await page.waitForURL(`${server.url}/`);
    await eventually(async () => expect(await text(banner)).toContain('林小满'));

    // Sign out
    await page.getByRole('button', { name: '退出' }).click();
    await visible(banner.getByRole('link', { name: '登录' }));
    expect(await text(banner)).not.toContain('林小满');

    // Sign in
    await banner.getByRole('link', { name: '登录' }).click();
    await page.getByLabel('电子邮箱').fill('lin.xiaoman@example.com');
    await page.getByLabel('密码').fill('春天的公交车准时到站');
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(async () => expect(await text(banner)).toContain('林小满'));

    // Switch language; the choice survives navigation and a new page load.
    await page.getByRole('button', { name: 'English（切换到英文界面）' }).click();
    await eventually(async () => expect(await lang(page)).toBe('en'));
    await waitForHydration(page);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Challenges' }).click();
    await eventually(async () => expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Data challenges'));

    // Open a seeded challenge
    await page.getByRole('link', { name: '用公交刷卡数据优化公交线路' }).click();
    await eventually(async () => expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('用公交刷卡数据优化公交线路'));
    await visible(page.getByRole('heading', { name: 'Judging criteria' }));
    await page.reload();
    expect(await lang(page)).toBe('en');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('sees translated errors next to the fields without losing what was typed', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/register`);
    await waitForHydration(page);
    await page.getByLabel('姓名或昵称').fill('重复的人');
    await page.getByLabel('电子邮箱').fill('citizen@jindianzi.example');
    await page.getByLabel('密码').fill('短');
    await page.getByLabel('我已阅读并同意').check();
    await page.getByRole('button', { name: '注册' }).click();
    await visible(page.getByText('密码太短：至少需要 8 个字符。'));
    expect(await page.getByLabel('密码').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('密码').fill('一个足够长的新密码');
    await page.getByRole('button', { name: '注册' }).click();
    await visible(page.getByText('这个邮箱已经注册过了，可以直接登录。'));
    expect(await page.getByLabel('姓名或昵称').inputValue()).toBe('重复的人');
    expect(await page.getByLabel('电子邮箱').inputValue()).toBe('citizen@jindianzi.example');

    await page.goto(`${server.url}/login`);
    await waitForHydration(page);
    await page.getByLabel('电子邮箱').fill('citizen@jindianzi.example');
    await page.getByLabel('密码').fill('wrong password here');
    await page.getByRole('button', { name: '登录' }).click();
    await visible(page.getByText('邮箱或密码不正确。'));
    expect(await page.getByLabel('电子邮箱').inputValue()).toBe('citizen@jindianzi.example');
    await context.close();
  });

  it('is sent to sign-in from the workspace and returned there afterwards', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/manage`);
    expect(page.url()).toMatch(/\/login\?redirectTo=%2Fmanage$/);
    await waitForHydration(page);
    await page.getByLabel('电子邮箱').fill(TRANSPORT_OFFICIAL);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await passTwoFactorIfAsked(page);
    await page.waitForURL(`${server.url}/manage`);
    await eventually(async () => expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('工作台'));
    expect(await text(page.getByRole('main'))).toContain('云溪市交通运输局');
    await context.close();
  });

  it('can read the site on a phone without sideways scrolling', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 375, height: 740 } });
    for (const path of ['/', '/challenges/shelter-coverage', '/datasets/bus-ridership-2025-10', '/datasets/bus-ridership-2025-10/resources/1', '/datasets', '/requests', '/requests/1', '/api']) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据需求' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('can reach the main controls with the keyboard', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(server.url);
    await waitForHydration(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('跳到主要内容');
    const focused: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(focused).toEqual(expect.arrayContaining(['挑战', '数据', '数据需求', '成果转化', 'English', '登录', '注册']));
    await context.close();
  });
});
