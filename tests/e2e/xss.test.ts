/**
 * A corpus of XSS payloads (the classics from the OWASP XSS filter-evasion cheat sheet and
 * PortSwigger's list, plus Markdown-specific ones) written into every field users fill with
 * Markdown or text: challenge brief, prizes and announcements, dataset description, entry
 * description, data request, comments, report notes and moderators' reasons. Each page is opened in real Chromium: no script may run, no dialog
 * may open, and no event-handler attribute or javascript: link may reach the DOM.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitForHydration } from '../helpers/browser';
import { verificationLink } from '../helpers/challenge-flows';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const HIT = 'window.__xss=(window.__xss||0)+1';

const PAYLOADS = [
  `<script>${HIT}</script>`,
  `<img src=x onerror="${HIT}">`,
  `<img src="x" onerror=alert(1)>`,
  `<svg onload="${HIT}"></svg>`,
  `<svg><script>${HIT}</script></svg>`,
  `<iframe src="javascript:${HIT}"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<object data="javascript:${HIT}"></object>`,
  `<embed src="javascript:${HIT}">`,
  `<body onload="${HIT}">`,
  `<details open ontoggle="${HIT}">x</details>`,
  `<a href="javascript:${HIT}">click</a>`,
  `<a href="jav&#x09;ascript:${HIT}">tab</a>`,
  `<a href="JaVaScRiPt:alert(1)">case</a>`,
  `<a href="data:text/html,<script>alert(1)</script>">data</a>`,
  `[markdown link](javascript:${HIT})`,
  `[encoded](jav&#97;script:alert(1))`,
  `![image](javascript:${HIT})`,
  `![x](x" onerror="${HIT})`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${HIT}"></style></mglyph></table></mtext></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${HIT}>"></noscript>`,
  `<form action="javascript:${HIT}"><button>go</button></form>`,
  `<input autofocus onfocus="${HIT}">`,
  `<style>@import 'javascript:alert(1)';</style>`,
  `<div style="background:url(javascript:alert(1))">styled</div>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//">`,
  `<link rel="stylesheet" href="javascript:alert(1)">`,
  `"><script>${HIT}</script>`,
  `'--></textarea></title><script>${HIT}</script>`,
  `\`\`\`html\n<script>${HIT}</script>\n\`\`\``,
];
const CORPUS = PAYLOADS.map((p, i) => `### Payload ${i + 1}\n\n${p}\n`).join('\n');

let server: TestServer;
let browser: Browser;
const pages: { name: string; url: string; as: HttpClient | null; showsBody: boolean }[] = [];

async function contextFor(http: HttpClient | null): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  if (http) await context.addCookies([...http.cookies].map(([name, value]) => ({ name, value, url: server.url })));
  return context;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const official = new HttpClient(server.url);
  await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);

  // Challenge brief, prizes and title; an announcement.
  const created = await official.post('/manage/challenges/new', new URLSearchParams({
    title: `<img src=x onerror="${HIT}">挑战`,
    summary: `<script>${HIT}</script>`,
    body: CORPUS,
    prizes: CORPUS,
    opensAt: new Date(Date.now() - 86_400_000).toISOString().slice(0, 16),
    closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16),
    judgingEndsAt: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 16),
    allowIdeas: 'on',
    teamSizeLimit: '2',
    'criteria[0].name': '可行性',
    'criteria[0].weight': '100',
    'criteria[0].maxScore': '10',
  }));
  expect(created.status).toBe(302);
  const slug = (created.location ?? '').replace('/manage/challenges/', '');
  expect((await official.post(`/manage/challenges/${slug}`, { intent: 'publish' })).status).toBe(302);
  await official.post(`/manage/challenges/${slug}`, { intent: 'post', kind: 'announcement', title: `<svg onload="${HIT}">`, body: CORPUS });

  // Dataset description (a draft, seen by its department).
  const dataset = await official.post('/manage/datasets/new', { title: `<script>${HIT}</script>数据`, slug: 'xss-dataset', description: CORPUS, licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: "<b onclick=alert(1)>标签" });
  expect(dataset.status, visibleText(dataset.body).slice(0, 600)).toBe(302);

  // An entry's description, and a data request, by a verified participant.
  const participant = new HttpClient(server.url);
  await participant.post('/register', { consent: 'on', name: `<img src=x onerror=${HIT}>`, email: 'xss@example.org', password: '跨站脚本攻击测试 2026' });
  const db = await openServerDatabase(server);
  await participant.get(await verificationLink(db, 'xss@example.org'));
  const started = await participant.post(`/challenges/${slug}`, {});
  const entryId = Number((started.location ?? '').replace('/entries/', ''));
  expect(entryId).toBeGreaterThan(0);
  const saved = await participant.post(`/entries/${entryId}`, { intent: 'save', version: '1', kind: 'idea', title: `"><script>${HIT}</script>`, teamName: `<svg onload=${HIT}>`, summary: 'x', body: CORPUS, repository: '', demo: '', video: '' });
  expect(saved.status).toBeLessThan(400);
  const request = await participant.post('/requests/new', { title: `<img src=x onerror="${HIT}">需求`, description: CORPUS.slice(0, 4900), purpose: `<script>${HIT}</script>`, department: '' });
  expect(request.status).toBe(302);
  const requestUrl = request.location ?? '/requests';

  // The discussion: comments, a reply, a report note and a moderator's reason. The account is made
  // older than a week so the corpus's links are not refused by the new-account link limit.
  await db.run('update users set created_at = ? where email = ?', new Date(Date.now() - 30 * 86_400_000), 'xss@example.org');
  await db.close();
  const commented = await participant.post(requestUrl, { intent: 'comment.create', body: CORPUS.slice(0, 4900) });
  expect(commented.status).toBe(302);
  const commentId = (commented.location ?? '').split('#comment-')[1] ?? '';
  expect((await official.post(requestUrl, { intent: 'comment.create', parentId: commentId, body: `<script>${HIT}</script>回复 [x](javascript:${HIT})` })).status).toBe(302);
  expect((await official.post(requestUrl, { intent: 'comment.report', commentId, reason: 'other', note: `<img src=x onerror="${HIT}">` })).status).toBe(302);
  const hiddenOne = await participant.post(`/challenges/${slug}`, { intent: 'comment.create', body: `<svg onload=${HIT}>问题` });
  expect(hiddenOne.status).toBe(302);
  const hiddenId = (hiddenOne.location ?? '').split('#comment-')[1] ?? '';
  expect((await official.post(`/challenges/${slug}`, { intent: 'comment.hide', commentId: hiddenId, reason: `"><script>${HIT}</script>` })).status).toBe(302);

  pages.push(
    { name: 'challenge page with a hidden comment, as its author', url: `/challenges/${slug}`, as: participant, showsBody: true },
    { name: 'moderation queue', url: '/manage/moderation', as: official, showsBody: true },
    { name: 'notifications', url: '/notifications', as: participant, showsBody: false },
    { name: 'challenge page', url: `/challenges/${slug}`, as: null, showsBody: true },
    { name: 'challenge workspace', url: `/manage/challenges/${slug}`, as: official, showsBody: true },
    { name: 'challenge list', url: '/challenges', as: null, showsBody: false },
    { name: 'dataset page', url: '/datasets/xss-dataset', as: official, showsBody: true },
    { name: 'entry page', url: `/entries/${entryId}`, as: participant, showsBody: false },
    { name: 'my participation', url: '/me', as: participant, showsBody: false },
    { name: 'data request', url: request.location ?? '/requests', as: null, showsBody: true },
    { name: 'data requests list', url: '/requests', as: null, showsBody: false },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('XSS payloads in every user-written field', () => {
  it('run no script, open no dialog and leave no handler or javascript: link in the page', async () => {
    for (const target of pages) {
      const context = await contextFor(target.as);
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      const response = await page.goto(`${server.url}${target.url}`);
      expect(response?.status(), target.name).toBe(200);
      await waitForHydration(page);
      // Give anything delayed (onerror of a broken image, autofocus) a moment to fire.
      await page.waitForTimeout(300);
      const report = await page.evaluate(() => {
        const handlers: string[] = [];
        for (const element of Array.from(document.querySelectorAll('*'))) {
          for (const attribute of Array.from(element.attributes)) {
            if (/^on/i.test(attribute.name)) handlers.push(`${element.tagName} ${attribute.name}`);
          }
        }
        const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href], form[action], iframe[src], object[data], embed[src]'))
          .map((el) => el.getAttribute('href') ?? el.getAttribute('action') ?? el.getAttribute('src') ?? el.getAttribute('data') ?? '')
          .filter((href) => /^\s*(javascript|data|vbscript):/i.test(href.replace(/[\s\u0000-\u001f]/g, '')));
        const foreign = Array.from(document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], form[action^="javascript" i]')).map((el) => el.tagName);
        return { hits: (window as unknown as { __xss?: number }).__xss ?? 0, handlers, links, foreign };
      });
      expect(dialogs, target.name).toEqual([]);
      expect(report, target.name).toEqual({ hits: 0, handlers: [], links: [], foreign: [] });
      // The payloads are still there as text or harmless markup: the page did render them.
      if (target.showsBody) expect(await page.locator('body').innerText(), target.name).toContain('Payload 1');
      // A draft entry shows its description in the editor, where the payloads are inert text.
      if (target.name === 'entry page') expect(await page.getByLabel('方案详情').inputValue()).toContain('Payload 31');
      await context.close();
    }
  });
});
