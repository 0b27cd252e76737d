/**
 * A county runs the platform from the browser alone, on a fresh install without a mail server: the
 * admin (made with the CLI) creates a department, invites an official and sets the ICP number
 * (shown in every page's footer); the official takes up the invitation, enrols two-factor and lands
 * in the workspace; a citizen registers and is told no mail was sent; the admin vouches for the
 * address; the citizen asks the new department for data; the official sees it in the inbox with its
 * age and answers it from there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { eventually, launchBrowser, newPage, waitForHydration } from '../helpers/browser';
import { totpCode } from '../helpers/demo';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';

const dataDir = tempDataDir('jdz-admin-console-');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const created = await runJdz(path.join(dataDir, 'jindianzi.db'), ['user', 'create', '--email', 'admin@county.example', '--name', '县管理员', '--role', 'admin', '--password', '县里的管理员密码 2026']);
  expect(created.code, created.stderr).toBe(0);
  server = await startServer({ dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The enrolment page at first sign-in: type the code the authenticator shows for the offered secret. */
async function enrolTwoFactor(page: Page): Promise<void> {
  await page.waitForURL(/\/account\/two-factor\?required=1/);
  await waitForHydration(page);
  const secret = (await page.locator('code').first().innerText()).trim();
  await page.getByLabel('验证码').fill(totpCode(secret));
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await page.getByRole('link', { name: '我已保存好' }).click();
}

describe('running the county from the browser', () => {
  it('takes a department, an official and a citizen from nothing to an answered data request', async () => {
    // The admin signs in for the first time: two-factor first, then the admin console.
    const admin = await newPage(browser);
    const a = admin.page;
    await a.goto(`${server.url}/login`);
    await waitForHydration(a);
    await a.getByLabel('电子邮箱').fill('admin@county.example');
    await a.getByLabel('密码').fill('县里的管理员密码 2026');
    await a.getByRole('button', { name: '登录' }).click();
    await enrolTwoFactor(a);
    await a.waitForURL(`${server.url}/admin`);

    // A department, with its credit code checked.
    await a.getByRole('navigation', { name: '管理后台栏目' }).getByRole('link', { name: '部门' }).click();
    await waitForHydration(a);
    await a.getByLabel('部门名称').fill('县交通运输局');
    await a.getByLabel('网址标识').fill('county-transport');
    await a.getByLabel('统一社会信用代码').fill('11100000000013128D');
    await a.getByRole('button', { name: '创建部门' }).click();
    await a.getByText('校验位不对').waitFor();
    expect(await a.getByLabel('部门名称').inputValue()).toBe('县交通运输局');
    await a.getByLabel('统一社会信用代码').fill('11100000000013127D');
    await a.getByRole('button', { name: '创建部门' }).click();
    await a.waitForURL(/\/admin\/departments\/\d+$/);
    await a.getByRole('heading', { level: 1, name: '县交通运输局' }).waitFor();

    // An official, invited: without a mail server the admin gets the link to hand over.
    await a.goto(`${server.url}/admin/people/invite`);
    await waitForHydration(a);
    await a.getByLabel('姓名').fill('周交通');
    await a.getByLabel('电子邮箱').fill('zhou@county.example');
    await a.getByLabel('角色').selectOption('official');
    await a.getByLabel('部门').selectOption({ label: '县交通运输局' });
    await a.getByRole('button', { name: '发送邀请' }).click();
    const link = (await a.getByTestId('invitation-link').innerText()).trim();
    expect(link).toMatch(/\/invitation\?token=/);

    // The site's filing number, in the footer of every page.
    await a.goto(`${server.url}/admin/site`);
    await waitForHydration(a);
    await a.getByLabel('ICP 备案号').fill('浙ICP备12345678号-1');
    await a.getByRole('button', { name: '保存' }).click();
    await a.getByText('已保存，页脚已更新。').waitFor();

    // The official takes up the invitation, enrols two-factor and lands in the workspace.
    const official = await newPage(browser);
    const o = official.page;
    await o.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await waitForHydration(o);
    await o.getByText('你被邀请以“部门工作人员”身份加入县交通运输局').waitFor();
    await o.getByLabel('设置密码').fill('交通局的登录密码 2026');
    await o.getByRole('button', { name: '设置密码并登录' }).click();
    await enrolTwoFactor(o);
    await o.waitForURL(`${server.url}/manage`);
    await o.getByText('没有等待处理的事项。').waitFor();
    expect(await o.getByRole('contentinfo').innerText()).toContain('浙ICP备12345678号-1');

    // A citizen registers and is told the truth about the missing mail.
    const citizen = await newPage(browser);
    const c = citizen.page;
    await c.goto(`${server.url}/register`);
    await waitForHydration(c);
    await c.getByLabel('姓名或昵称').fill('吴乘客');
    await c.getByLabel('电子邮箱').fill('wu@example.org');
    await c.getByLabel('密码').fill('我每天坐公交上班 2026');
    await c.getByRole('button', { name: '注册' }).click();
    await c.getByText('本站没有配置邮件服务器，所以没有发出验证邮件').waitFor();
    expect(await c.getByRole('button', { name: '重新发送验证邮件' }).count()).toBe(0);

    // The admin vouches for the address.
    await a.goto(`${server.url}/admin/people?${new URLSearchParams({ q: 'wu@example.org' })}`);
    await a.getByRole('link', { name: '吴乘客' }).click();
    await waitForHydration(a);
    await a.getByRole('button', { name: '标记为已验证' }).click();
    await a.getByText('邮箱已标记为已验证。').waitFor();

    // The citizen asks the new department for data.
    await c.goto(`${server.url}/requests/new`);
    await waitForHydration(c);
    await c.getByLabel('需要什么数据').fill('县城公交车实时到站数据');
    await c.getByLabel('具体说明').fill('希望开放每条线路每辆车的实时位置和预计到站时间，方便做到站提醒。');
    await c.getByLabel('建议由哪个部门提供').selectOption({ label: '县交通运输局' });
    await c.getByRole('button', { name: '提交需求' }).click();
    await c.waitForURL(/\/requests\/\d+$/);

    // The official sees it in the inbox, with its age, the count in the navigation, and answers it.
    await o.goto(`${server.url}/manage`);
    await waitForHydration(o);
    const inbox = o.getByRole('region', { name: '待办' });
    await inbox.getByText('待答复的数据需求（1）').waitFor();
    expect(await inbox.innerText()).toMatch(/已等待 0 天/);
    expect(await o.getByRole('banner').innerText()).toMatch(/工作台\s*1/);
    await inbox.getByRole('link', { name: '县城公交车实时到站数据' }).click();
    await o.waitForURL(/\/requests\/\d+$/);
    await waitForHydration(o);
    await o.getByLabel(/计划开放/).check();
    await o.getByLabel('预计开放时间').fill('2027-06');
    await o.getByLabel('答复内容').fill('我们正在和公交公司对接车载定位数据，预计明年六月开放。');
    await o.getByRole('button', { name: '发布答复' }).click();
    await o.getByText('我们正在和公交公司对接车载定位数据').first().waitFor();
    await o.goto(`${server.url}/manage`);
    await eventually(async () => expect(await o.getByRole('region', { name: '待办' }).innerText()).toContain('没有等待处理的事项。'));

    expect([...admin.problems, ...official.problems, ...citizen.problems]).toEqual([]);
    await Promise.all([admin.context.close(), official.context.close(), citizen.context.close()]);
  });
});
