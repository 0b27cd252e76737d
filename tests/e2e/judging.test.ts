/**
 * Judging in a real browser: two judges score three entries through the review form, the
 * organiser sees the ranking, awards the winner and publishes (with the confirmation step), and a
 * team member reads the scores and feedback. Entries are set up over HTTP to keep the test short.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, signInAs, waitForHydration } from '../helpers/browser';
import { challengeFlows } from '../helpers/challenge-flows';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let db: ServerDatabase;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await browser?.close();
  await server?.stop();
});

const { signedIn, register, createChallenge, startEntry, entryForm, versionOf, setTimeline } = challengeFlows(() => ({ url: server.url, db }));

function signIn(page: Page, email: string, password: string, redirectTo: string) {
  return signInAs(page, server.url, email, password, redirectTo);
}

/** Scores the entry on screen (criteria 可行性, 数据使用) and completes the review. */
async function score(page: Page, feasibility: string, dataUse: string, feedback: string) {
  await page.getByLabel(/^可行性/).fill(feasibility);
  await page.getByLabel(/^数据使用/).fill(dataUse);
  await page.getByLabel('给团队的反馈').fill(feedback);
  const before = page.url();
  await page.getByRole('button', { name: '完成评审' }).click();
  await page.waitForURL((url) => url.href !== before);
  await waitForHydration(page);
}

describe('judging in the browser', () => {
  it('two judges score three entries; the organiser awards and publishes; a team member reads the feedback', async () => {
    // Setup over HTTP: a challenge with two judges and three submitted entries, then the deadline passes.
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    for (const email of ['judge@jindianzi.example', 'judge2@jindianzi.example']) await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email });
    const titles = ['夜归人地图', '末班车提醒', '站点灯光改造'];
    const entryIds: number[] = [];
    for (const [i, title] of titles.entries()) {
      const http = await register(`队长${i + 1}`, `captain${i + 1}@example.org`);
      const id = await startEntry(http, slug);
      await http.post(`/entries/${id}`, entryForm(await versionOf(id), { intent: 'submit', title }));
      entryIds.push(id);
    }
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });

    // Each judge works through the queue; completing a review moves on to the next entry.
    const plans: Record<string, Record<string, [string, string]>> = {
      'judge@jindianzi.example': { 夜归人地图: ['9', '9'], 末班车提醒: ['6', '7'], 站点灯光改造: ['4', '5'] },
      'judge2@jindianzi.example': { 夜归人地图: ['8', '8.5'], 末班车提醒: ['5', '6'], 站点灯光改造: ['3', '3'] },
    };
    for (const [email, plan] of Object.entries(plans)) {
      const judge = await newPage(browser);
      const j = judge.page;
      await signIn(j, email, DEMO_PASSWORD, '/judging');
      await j.getByRole('link', { name: '夜班公交线路征集' }).first().click();
      await j.getByText('已完成 0/3 份').waitFor();
      await j.getByRole('link', { name: '夜归人地图' }).click();
      await j.waitForURL(new RegExp(`/judging/${slug}/\\d+$`));
      const seen: string[] = ['夜班公交线路征集'];
      for (let i = 0; i < 3; i += 1) {
        // React commits the new page just after the URL changes; wait for the next entry's heading.
        let title = '';
        await eventually(async () => {
          title = (await j.getByRole('heading', { level: 1 }).innerText()).trim();
          expect(seen).not.toContain(title);
        });
        seen.push(title);
        const marks = plan[title];
        if (!marks) throw new Error(`unexpected entry on screen: ${title}`);
        const [a, b] = marks;
        await score(j, a, b, `对“${title}”的意见：方向正确，建议补充数据来源说明。`);
      }
      await j.getByText('已完成 3/3 份').waitFor();
      expect(judge.problems).toEqual([]);
      await judge.context.close();
    }

    // The organiser sees the ranking, awards the winner and publishes.
    const organiser = await newPage(browser);
    const o = organiser.page;
    o.on('dialog', (dialog) => void dialog.accept());
    await signIn(o, TRANSPORT_OFFICIAL, DEMO_PASSWORD, `/manage/challenges/${slug}/results`);
    const firstRow = o.getByRole('row').nth(1);
    await eventually(async () => expect(await firstRow.innerText()).toContain('夜归人地图'));
    expect(await o.getByText(/评委一致性（Kendall's W）：1\.00/).count()).toBe(1);
    await o.getByLabel('第 1 个奖项的作品').selectOption({ label: '1. 夜归人地图' });
    await o.getByRole('combobox', { name: '奖项', exact: true }).first().selectOption({ label: '一等奖' });
    await o.getByRole('button', { name: '保存奖项' }).click();
    await o.getByText('奖项已保存。').waitFor();
    await o.getByRole('button', { name: '公布评审结果' }).click();
    await o.waitForURL(`${server.url}/challenges/${slug}/results`);
    await o.getByText('一等奖').first().waitFor();
    expect(organiser.problems).toEqual([]);
    await organiser.context.close();

    // A member of the winning team reads the scores and feedback, without the judges' names.
    const team = await newPage(browser);
    const m = team.page;
    await signIn(m, 'captain1@example.org', '队长1 的长密码 2026', `/entries/${entryIds[0]}`);
    const feedback = m.getByRole('region', { name: '评审结果与反馈' });
    await feedback.waitFor();
    const text = await feedback.innerText();
    expect(text).toContain('综合排名第 1 名');
    expect(text).toContain('一等奖');
    expect(text).toContain('对“夜归人地图”的意见');
    expect(text).toMatch(/可行性\s+8\.5 \/ 10/);
    expect(text).not.toContain('陈思远');
    expect(team.problems).toEqual([]);
    await team.context.close();
  });
});
