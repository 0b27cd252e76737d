/**
 * The discussion in a real browser: a participant asks a question on a challenge, the organising
 * official answers it and pins the answer into the FAQ, and the participant sees the notification
 * in the header, opens it and lands on the official answer.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, signInThroughForm } from '../helpers/browser';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
const CHALLENGE = '/challenges/bus-routes-from-card-data';
const QUESTION = '刷卡数据里能区分学生卡和老年卡吗？';
const ANSWER = '可以，卡类型字段已按学生、老年、普通三类汇总。';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('questions and answers in the browser', () => {
  it('a participant asks, the official answers and pins it to the FAQ, the participant is notified', async () => {
    const participant = await newPage(browser);
    const p = participant.page;
    await signInThroughForm(p, server.url, 'student@jindianzi.example', DEMO_PASSWORD, CHALLENGE);
    await p.getByLabel('写评论').fill(QUESTION);
    await p.getByRole('button', { name: '发表', exact: true }).click();
    const question = p.locator('li[id^="comment-"]', { hasText: QUESTION });
    await question.waitFor();
    const questionId = (await question.getAttribute('id')) ?? '';
    // Posted: the box is empty again, and the page went to the new comment.
    await eventually(async () => expect(await p.getByLabel('写评论').inputValue()).toBe(''));
    expect(new URL(p.url()).hash).toBe(`#${questionId}`);
    // No notification yet: the bell has no count.
    expect(await p.getByRole('link', { name: '通知', exact: true }).count()).toBe(1);

    const official = await newPage(browser);
    const o = official.page;
    await signInThroughForm(o, server.url, TRANSPORT_OFFICIAL, DEMO_PASSWORD, CHALLENGE);
    const thread = o.locator(`#${questionId}`);
    await thread.getByText('回复', { exact: true }).click();
    await thread.getByLabel('你的回复').fill(ANSWER);
    await thread.getByRole('button', { name: '发表回复' }).click();
    const answer = o.locator('li[id^="comment-"] article', { hasText: ANSWER });
    await answer.getByText('官方回答').waitFor();
    await answer.getByRole('button', { name: '收入 FAQ' }).click();
    await answer.getByText('已收入 FAQ').waitFor();
    const faq = o.locator('section[aria-labelledby="faq"]');
    await faq.getByText(QUESTION).waitFor();
    expect(await faq.getByText(ANSWER).count()).toBe(1);

    // The participant's next page shows one unread notification; opening it leads to the answer.
    await p.reload();
    const bell = p.getByRole('link', { name: '通知，1 条未读' });
    await bell.waitFor();
    await bell.click();
    await p.waitForURL((url) => url.pathname === '/notifications');
    const item = p.getByRole('button', { name: /回复了你在「用公交刷卡数据优化公交线路」下的评论/ });
    await item.click();
    await p.waitForURL((url) => url.pathname === CHALLENGE && url.hash.startsWith('#comment-'));
    await p.locator('li[id^="comment-"] article', { hasText: ANSWER }).getByText('官方回答').waitFor();
    await eventually(async () => expect(await p.getByRole('link', { name: '通知', exact: true }).count()).toBe(1));
    expect(participant.problems).toEqual([]);
    expect(official.problems).toEqual([]);
  });
});
