/**
 * The participant's whole journey in a real browser: an official creates and publishes a
 * challenge; a newcomer registers, invites a teammate, drafts (autosaved), reloads without losing
 * anything, attaches a PDF and submits; the teammate joins and sees the entry; a stranger cannot
 * open the draft.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToZonedLocal } from '../../app/lib/zoned-time';
import { eventually, launchBrowser, newPage, signInAs, waitForHydration } from '../helpers/browser';
import { verificationLink } from '../helpers/challenge-flows';
import { DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const DAY = 86_400_000;
const TEAMMATE = 'volunteer@jindianzi.example';
const local = (offsetMs: number) => dateToZonedLocal(new Date(Date.now() + offsetMs), 'Asia/Shanghai');

let server: TestServer;
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-e2e-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function signIn(page: Page, email: string, redirectTo: string) {
  return signInAs(page, server.url, email, DEMO_PASSWORD, redirectTo);
}

/** A small but well-formed one-page PDF, as a participant's slide deck would be. */
function writePdf(): string {
  const file = path.join(workDir, '夜班公交方案.pdf');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  fs.writeFileSync(file, body);
  return file;
}

describe("the participant's journey", () => {
  it('an official publishes a challenge; a newcomer drafts, attaches, submits with a teammate; a stranger is kept out', async () => {
    // The transport official creates a challenge with two criteria and a linked dataset.
    const official = await newPage(browser);
    const o = official.page;
    o.on('dialog', (dialog) => void dialog.accept());
    await signIn(o, TRANSPORT_OFFICIAL, '/manage/challenges/new');
    await o.getByLabel('名称').fill('夜间出行难题征集');
    await o.getByLabel('一句话概述').fill('哪些区域的居民夜里最难回家？');
    await o.getByLabel('详细说明').fill('## 背景\n\n夜间出行需求快速增长。');
    await o.getByRole('heading', { name: '背景' }).waitFor();
    await o.getByLabel('开始征集').fill(local(-DAY));
    await o.getByLabel('截止提交').fill(local(14 * DAY));
    await o.getByLabel('评审结束').fill(local(28 * DAY));
    await o.getByRole('button', { name: '删除第 4 项' }).click();
    await o.getByRole('button', { name: '删除第 3 项' }).click();
    await eventually(async () => expect(await o.getByRole('button', { name: /删除第 \d 项/ }).count()).toBe(2));
    await o.getByLabel('权重').first().fill('60');
    await o.getByLabel('权重').nth(1).fill('40');
    await o.getByText('占总分 60%').waitFor();
    await o.getByLabel('查找数据集').fill('公交线路');
    await o.getByLabel(/公交线路基本信息/).check();
    await o.getByRole('button', { name: '保存草稿' }).click();
    await o.waitForURL((url) => /^\/manage\/challenges\/[\w-]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    await waitForHydration(o);
    const slug = new URL(o.url()).pathname.split('/').pop() ?? '';
    await o.getByRole('button', { name: '发布', exact: true }).click();
    await eventually(async () => expect(await o.getByRole('button', { name: '发布', exact: true }).count()).toBe(0));
    expect(official.problems).toEqual([]);
    await official.context.close();

    // A newcomer finds it, registers from the call to action and starts an entry.
    const newcomer = await newPage(browser);
    const p = newcomer.page;
    await p.goto(`${server.url}/challenges/${slug}`);
    await p.getByRole('heading', { level: 1, name: '夜间出行难题征集' }).waitFor();
    const criteria = await p.getByRole('table').innerText();
    expect(criteria).toMatch(/问题理解\s[\s\S]*60%/);
    expect(criteria).toMatch(/数据使用\s[\s\S]*40%/);
    await p.getByRole('link', { name: '公交线路基本信息' }).waitFor();
    await p.getByRole('link', { name: '登录后参加' }).click();
    await p.getByRole('link', { name: '注册一个' }).click();
    await waitForHydration(p);
    await p.getByLabel('姓名或昵称').fill('夏夜');
    await p.getByLabel('电子邮箱').fill('xiaye@example.com');
    await p.getByLabel('密码').fill('夜班公交总会来的 2026');
    await p.getByLabel('我已阅读并同意').check();
    await p.getByRole('button', { name: '注册' }).click();
    await p.getByText('本站没有配置邮件服务器').waitFor();
    await p.getByRole('link', { name: '继续' }).click();
    await p.waitForURL(`${server.url}/challenges/${slug}`);
    await waitForHydration(p);
    // Starting an entry needs a verified address: the page says so, and the link in the mail does it.
    await p.getByRole('button', { name: '开始参赛' }).click();
    await p.waitForURL(/\/account\/verify\?/);
    await p.getByText('需要先确认 xiaye@example.com 是你的邮箱').waitFor();
    const db = await openServerDatabase(server);
    const link = await verificationLink(db, 'xiaye@example.com').finally(() => db.close());
    await p.goto(`${server.url}${link}`);
    await p.getByText('邮箱已验证').waitFor();
    await p.goto(`${server.url}/challenges/${slug}`);
    await waitForHydration(p);
    await p.getByRole('button', { name: '开始参赛' }).click();
    await p.waitForURL(/\/entries\/\d+$/);
    await waitForHydration(p);
    const entryUrl = p.url();

    // Invite a teammate who already has an account.
    await p.getByLabel('邀请队友（电子邮箱）').fill(TEAMMATE);
    await p.getByRole('button', { name: '发送邀请' }).click();
    await p.getByText('已邀请，对方可以在“我的参与”中接受。').waitFor();

    // Draft: typing is saved automatically; a reload loses nothing.
    await p.getByLabel('作品标题').fill('夜归人地图');
    await p.getByLabel('一句话介绍').fill('用夜间刷卡数据找出最难回家的社区。');
    await p.getByLabel('方案详情').fill('按 22 点以后的刷卡记录汇总站点客流，结合线路末班时间，找出夜里最难回家的社区并给出夜班线路建议。');
    await p.getByText(/已自动保存/).waitFor();
    await p.reload();
    await waitForHydration(p);
    expect(await p.getByLabel('作品标题').inputValue()).toBe('夜归人地图');
    expect(await p.getByLabel('方案详情').inputValue()).toContain('末班时间');

    // A stranger, signed in or not, cannot open the draft.
    const stranger = await newPage(browser);
    expect((await stranger.page.goto(entryUrl))?.status()).toBe(404);
    await signIn(stranger.page, PARTICIPANT, '/me');
    expect((await stranger.page.goto(entryUrl))?.status()).toBe(404);
    await stranger.context.close();

    // Attach a PDF and submit.
    await p.getByLabel('添加附件').setInputFiles(writePdf());
    await p.getByRole('button', { name: '上传' }).click();
    await p.getByRole('link', { name: '夜班公交方案.pdf' }).waitFor();
    await waitForHydration(p);
    await p.getByRole('button', { name: '提交作品' }).click();
    await p.getByText(/作品已提交/).waitFor();
    expect(newcomer.problems).toEqual([]);
    await newcomer.context.close();

    // The teammate accepts the invitation and sees the submitted entry with its attachment.
    const teammate = await newPage(browser);
    const m = teammate.page;
    await signIn(m, TEAMMATE, '/me');
    await m.getByText('夏夜 邀请你加入“夜归人地图”').waitFor();
    await m.getByRole('button', { name: '接受' }).click();
    // Accepting takes the new member straight to the team's entry.
    await m.waitForURL(entryUrl);
    await waitForHydration(m);
    expect(await m.getByLabel('作品标题').inputValue()).toBe('夜归人地图');
    await m.getByText('已提交').first().waitFor();
    const [download] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: '夜班公交方案.pdf' }).click()]);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(teammate.problems).toEqual([]);
    await teammate.context.close();
  });
});
