/**
 * The discussion over real HTTP on the demo data: who sees a hidden comment (author, moderators,
 * the public), three reports hiding a comment until review and the moderation queue per
 * department, official answers pinned into the FAQ, replies one level deep, the edit window, and
 * the spam defences. Comments are found by search until they are hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeFlows } from '../helpers/challenge-flows';
import { ADMIN, CIVIL_OFFICIAL, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: ServerDatabase;
const flows = challengeFlows(() => ({ url: server.url, db }));
const CHALLENGE = '/challenges/bus-routes-from-card-data';
let challengeId = 0;

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  challengeId = (await db.get<{ id: number }>('select id from challenges where slug = ?', 'bus-routes-from-card-data'))?.id ?? 0;
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const anonymous = () => new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });

async function comment(http: HttpClient, page: string, body: string, parentId?: number) {
  const response = await http.post(page, { intent: 'comment.create', formId: parentId ? `reply-${parentId}` : 'new', body, ...(parentId ? { parentId: String(parentId) } : {}) });
  return response;
}

async function posted(http: HttpClient, page: string, body: string, parentId?: number): Promise<number> {
  const response = await comment(http, page, body, parentId);
  expect(response.status, visibleText(response.body).slice(0, 300)).toBe(302);
  const id = Number(/#comment-(\d+)$/.exec(response.location ?? '')?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function pageText(http: HttpClient, page: string): Promise<string> {
  const response = await http.get(page);
  expect(response.status).toBe(200);
  return visibleText(response.body);
}

describe('moderation', () => {
  it('hides a comment from the public but shows it, marked, to its author and moderators', async () => {
    const author = await flows.signedIn(PARTICIPANT);
    const id = await posted(author, CHALLENGE, '刷卡数据里换乘记录怎么区分？');
    expect(await pageText(anonymous(), CHALLENGE)).toContain('刷卡数据里换乘记录怎么区分？');
    // Found by search while visible.
    const searchText = async () => visibleText((await anonymous().get(`/search?q=${encodeURIComponent('换乘记录')}`)).body).replace(/\s+/g, '');
    expect(await searchText()).toContain('换乘记录怎么区分');

    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const hidden = await official.post(CHALLENGE, { intent: 'comment.hide', commentId: String(id), reason: '含有个人手机号' });
    expect(hidden.status).toBe(302);

    const publicText = await pageText(anonymous(), CHALLENGE);
    expect(publicText).not.toContain('换乘记录怎么区分');
    const authorText = await pageText(author, CHALLENGE);
    expect(authorText).toContain('换乘记录怎么区分');
    expect(authorText).toContain('这条评论已被管理员隐藏，只有你和管理员能看到。原因：含有个人手机号');
    const moderatorText = await pageText(official, CHALLENGE);
    expect(moderatorText).toContain('换乘记录怎么区分');
    expect(moderatorText).toContain('恢复显示');
    // An official of another department is the public here.
    expect(await pageText(await flows.signedIn(CIVIL_OFFICIAL), CHALLENGE)).not.toContain('换乘记录怎么区分');
    // Hidden comments leave search.
    expect(await searchText()).not.toContain('换乘记录怎么区分');

    // Only moderators decide; the audit log has the decision.
    expect((await (await flows.signedIn(CIVIL_OFFICIAL)).post(CHALLENGE, { intent: 'comment.restore', commentId: String(id) })).status).toBe(403);
    expect((await official.post(CHALLENGE, { intent: 'comment.restore', commentId: String(id) })).status).toBe(302);
    expect(await pageText(anonymous(), CHALLENGE)).toContain('换乘记录怎么区分');
    const actions = await db.all<{ action: string }>("select action from audit_log where target_type = 'comment' and target_id = ? order by id", String(id));
    expect(actions.map((a) => a.action)).toEqual(['comment.hide', 'comment.restore']);
  });

  it('a hide without a reason is refused next to the field', async () => {
    const author = await flows.signedIn('student@jindianzi.example');
    const id = await posted(author, CHALLENGE, '站点编码和线路编码能关联吗？');
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const refused = await official.post(CHALLENGE, { intent: 'comment.hide', commentId: String(id), reason: '  ' });
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body)).toContain('请写下隐藏原因，作者会看到它。');
    expect(await pageText(anonymous(), CHALLENGE)).toContain('站点编码和线路编码能关联吗？');
  });

  it('three reports from different people hide a comment until a moderator of that department reviews it', async () => {
    const spammer = await flows.register('广告号', 'ads@example.org');
    const id = await posted(spammer, CHALLENGE, '低价代写方案，加微信');
    const reporters = ['startup@jindianzi.example', 'researcher@jindianzi.example', 'volunteer@jindianzi.example'];
    for (const [i, email] of reporters.entries()) {
      const reporter = await flows.signedIn(email);
      const reported = await reporter.post(CHALLENGE, { intent: 'comment.report', commentId: String(id), reason: 'spam', note: i === 0 ? '广告' : '' });
      expect(reported.status).toBe(302);
      // The same person reporting twice does not count twice.
      if (i === 0) expect((await reporter.post(CHALLENGE, { intent: 'comment.report', commentId: String(id), reason: 'spam' })).status).toBe(302);
      const visible = (await pageText(anonymous(), CHALLENGE)).includes('低价代写方案');
      expect(visible).toBe(i < 2);
    }
    expect(await pageText(spammer, CHALLENGE)).toContain('多人举报了这条评论，它已被暂时隐藏，等待管理员审核。');

    const transport = await flows.signedIn(TRANSPORT_OFFICIAL);
    const queue = await pageText(transport, '/manage/moderation');
    expect(queue).toContain('低价代写方案');
    expect(queue).toContain('3 个举报');
    expect(await pageText(await flows.signedIn(CIVIL_OFFICIAL), '/manage/moderation')).not.toContain('低价代写方案');
    expect(await pageText(await flows.signedIn(ADMIN), '/manage/moderation')).toContain('低价代写方案');
    expect((await (await flows.signedIn(PARTICIPANT)).get('/manage/moderation')).status).toBe(403);

    // Deciding from the queue: hidden for good with a reason; the queue is empty again.
    const decided = await transport.post('/manage/moderation', { intent: 'comment.hide', commentId: String(id), reason: '广告' });
    expect(decided.status).toBe(302);
    expect(decided.location).toBe('/manage/moderation');
    expect(await pageText(transport, '/manage/moderation')).not.toContain('低价代写方案');
    expect(await pageText(spammer, CHALLENGE)).toContain('原因：广告');
  });
});

describe('questions and answers', () => {
  it('marks the organisers’ answer as official and pins it into the FAQ', async () => {
    const asker = await flows.signedIn('researcher@jindianzi.example');
    const question = await posted(asker, CHALLENGE, '刷卡数据的**时间精度**是多少？');
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const answer = await posted(official, CHALLENGE, '精确到秒，已做脱敏处理。', question);
    const text = await pageText(anonymous(), CHALLENGE);
    expect(text).toContain('官方回答');

    // Neither the asker nor another department may pin.
    expect((await asker.post(CHALLENGE, { intent: 'comment.pin', commentId: String(answer) })).status).toBe(403);
    expect((await official.post(CHALLENGE, { intent: 'comment.pin', commentId: String(answer) })).status).toBe(302);
    const faq = await db.get("select title, body from challenge_posts where challenge_id = ? and kind = 'faq' and source_comment_id = ?", challengeId, answer);
    expect(faq).toEqual({ title: '刷卡数据的 时间精度 是多少？', body: '精确到秒，已做脱敏处理。' });
    const after = await anonymous().get(CHALLENGE);
    expect(after.body).toMatch(/<dt[^>]*>刷卡数据的 时间精度 是多少？<\/dt>/);
    expect(visibleText(after.body)).toContain('已收入 FAQ');
  });

  it('allows one level of replies and tells the person replied to', async () => {
    const asker = await flows.signedIn('startup@jindianzi.example');
    const replies = async () => (await db.get<{ n: number }>("select count(*) n from notifications n join users u on u.id = n.user_id where u.email = ? and n.kind = 'comment_reply'", 'startup@jindianzi.example'))?.n ?? 0;
    const unreadBefore = await replies();
    const question = await posted(asker, '/requests/1', '能按月份拆分吗？');
    // Replying to oneself notifies nobody.
    await posted(asker, '/requests/1', '补充：最好到街道一级。', question);
    const other = await flows.signedIn('volunteer@jindianzi.example');
    const reply = await posted(other, '/requests/1', '同问，按月更方便。', question);
    const replyToReply = await comment(other, '/requests/1', '再回复一层', reply);
    expect(replyToReply.status).toBe(200);
    expect(visibleText(replyToReply.body)).toContain('要回复的评论已不存在或已被隐藏。');
    expect(visibleText(replyToReply.body)).toContain('再回复一层');

    expect((await replies()) - unreadBefore).toBe(1);
    const list = await pageText(asker, '/notifications');
    expect(list).toContain('回复了你在「');
    const latest = await db.get<{ id: number }>("select max(id) id from notifications where kind = 'comment_reply'");
    const opened = await asker.post('/notifications', { intent: `open:${latest?.id}` });
    expect(opened.location).toBe(`/requests/1?comment=${reply}#comment-${reply}`);
  });
});

describe('the organisers’ voice', () => {
  it('is not silenced by reports, only official answers are pinned, and the FAQ copy goes with its source', async () => {
    const asker = await flows.signedIn('judge@jindianzi.example');
    const question = await posted(asker, CHALLENGE, '我的手机号 13800001111，能电话咨询吗？');
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const answer = await posted(official, CHALLENGE, '请在这里留言，我们会公开回答。', question);
    // A participant's reply is not the organisers' answer.
    const other = await posted(await flows.signedIn('judge2@jindianzi.example'), CHALLENGE, '我也想问。', question);
    expect((await official.post(CHALLENGE, { intent: 'comment.pin', commentId: String(other) })).status).toBe(302);
    expect(await db.get('select count(*) n from challenge_posts where source_comment_id = ?', other)).toEqual({ n: 0 });
    expect((await official.post(CHALLENGE, { intent: 'comment.pin', commentId: String(answer) })).status).toBe(302);
    expect(await db.get('select count(*) n from challenge_posts where source_comment_id = ?', answer)).toEqual({ n: 1 });

    // Three reports put the official answer in the queue but leave it up.
    for (const email of ['startup@jindianzi.example', 'researcher@jindianzi.example', 'volunteer@jindianzi.example']) {
      expect((await (await flows.signedIn(email)).post(CHALLENGE, { intent: 'comment.report', commentId: String(answer), reason: 'other' })).status).toBe(302);
    }
    expect(await pageText(anonymous(), CHALLENGE)).toContain('请在这里留言，我们会公开回答。');
    expect(await pageText(official, '/manage/moderation')).toContain('请在这里留言，我们会公开回答。');

    // The question had a phone number: hiding it takes the FAQ copy down too.
    expect((await official.post(CHALLENGE, { intent: 'comment.hide', commentId: String(question), reason: '含有手机号' })).status).toBe(302);
    expect(await db.get('select count(*) n from challenge_posts where source_comment_id = ?', answer)).toEqual({ n: 0 });
    expect(await pageText(anonymous(), CHALLENGE)).not.toContain('13800001111');
    // Hidden comments cannot be reported again into the queue.
    expect((await (await flows.signedIn('student@jindianzi.example')).post(CHALLENGE, { intent: 'comment.report', commentId: String(question), reason: 'spam' })).status).toBe(404);
  });
});

describe('own comments and spam defences', () => {
  it('edits within the window, keeps the text after it, and deletes only one’s own', async () => {
    const author = await flows.signedIn(PARTICIPANT);
    const id = await posted(author, '/requests/2', '希望包括 2020 年以前的数据');
    expect((await author.post('/requests/2', { intent: 'comment.edit', commentId: String(id), body: '希望包括 2015 年以来的数据' })).status).toBe(302);
    expect(await pageText(anonymous(), '/requests/2')).toContain('希望包括 2015 年以来的数据');
    // Someone else's comment cannot be edited or deleted.
    const other = await flows.signedIn('student@jindianzi.example');
    expect(visibleText((await other.post('/requests/2', { intent: 'comment.edit', commentId: String(id), body: '改掉' })).body)).toContain('你不能修改这条评论。');
    expect((await other.post('/requests/2', { intent: 'comment.delete', commentId: String(id) })).status).toBe(404);

    await db.run('update comments set created_at = ? where id = ?', new Date(Date.now() - 16 * 60_000), id);
    const late = await author.post('/requests/2', { intent: 'comment.edit', commentId: String(id), body: '再改一次' });
    expect(late.status).toBe(200);
    expect(visibleText(late.body)).toContain('发表超过 15 分钟的评论不能再修改');
    expect(late.body).toContain('再改一次');

    expect((await author.post('/requests/2', { intent: 'comment.delete', commentId: String(id) })).status).toBe(302);
    expect(await pageText(anonymous(), '/requests/2')).not.toContain('希望包括 2015 年以来的数据');
  });

  it('refuses repeated text, many links from new accounts and floods, keeping what was typed', async () => {
    const fresh = await flows.register('新用户', 'fresh@example.org');
    await posted(fresh, '/requests/3', '数据能每周更新吗？');
    const repeat = await comment(fresh, '/requests/3', '数据能每周更新吗!');
    expect(repeat.status).toBe(200);
    expect(visibleText(repeat.body)).toContain('你在 24 小时内已经发过相同的内容。');
    expect(repeat.body).toContain('数据能每周更新吗!');

    const links = await comment(fresh, '/requests/3', '参考 https://a.example.org https://b.example.org https://c.example.org');
    expect(visibleText(links.body)).toContain('注册不满 7 天的账号，每条评论最多包含 2 个链接。');
    // Links are counted as they would work on the page, however they are written.
    const disguised = await comment(fresh, '/requests/3', '[a](http:a.example.org) <a href="&#104;ttp://b.example.org">b</a> www.c.example.org');
    expect(visibleText(disguised.body)).toContain('注册不满 7 天的账号，每条评论最多包含 2 个链接。');

    // Five a minute, then a wait.
    const busy = await flows.register('话痨', 'busy@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await comment(busy, '/requests/3', `第 ${i} 条不同的内容`)).status);
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
  });

  it('needs a verified address and a visible target; Markdown is sanitised', async () => {
    const unverified = new HttpClient(server.url);
    await unverified.post('/register', { consent: 'on', name: '未验证', email: 'unverified@example.org', password: '未验证用户的长密码 2026' });
    const refused = await comment(unverified, '/requests/3', '你好');
    expect(refused.status).toBe(302);
    expect(refused.location).toMatch(/^\/account\/verify/);

    const author = await flows.signedIn(PARTICIPANT);
    // Draft challenges have no discussion, whatever the form says.
    const draft = await db.get<{ slug: string }>("select slug from challenges where status = 'draft' limit 1");
    expect(draft).toBeDefined();
    expect((await comment(author, `/challenges/${draft?.slug}`, '你好')).status).toBe(404);

    await posted(author, '/requests/3', '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[点我](javascript:alert(3)) **好**');
    const html = (await anonymous().get('/requests/3')).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('onerror=');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain('<strong>好</strong>');
  });
});

describe('a long discussion', () => {
  it('shows twenty threads a page with their replies, and a permalink opens the page that holds its comment', async () => {
    // A data request of its own, so other tests' comments do not shift the pages.
    const asker = await flows.signedIn('researcher@jindianzi.example');
    const created = await asker.post('/requests/new', { title: '长讨论测试：各街道的人口数据', description: '用于测试讨论的分页。', purpose: '研究' });
    expect(created.status, visibleText(created.body).slice(0, 300)).toBe(302);
    const requestId = Number((created.location ?? '').replace('/requests/', ''));
    const page = `/requests/${requestId}`;
    const authorId = (await db.get<{ id: number }>('select id from users where email = ?', 'student@jindianzi.example'))?.id;
    // Written straight to the database: the per-person rate limit would otherwise take minutes.
    const insert = async (parentId: number | null, body: string, createdAt: number) => {
      const row = await db.get<{ id: number }>(
        "insert into comments (target_type, target_id, author_id, parent_id, body, created_at) values ('data_request', ?, ?, ?, ?, ?) returning id",
        requestId,
        authorId,
        parentId,
        body,
        new Date(createdAt),
      );
      if (!row) throw new Error('comment not inserted');
      return row.id;
    };
    const start = Date.now() - 3_600_000;
    const threads: number[] = [];
    for (let i = 0; i < 45; i += 1) threads.push(await insert(null, `第 ${i + 1} 条讨论`, start + i * 1000));
    const lateReply = await insert(threads[30] ?? null, '对第 31 条的回复', start + 100_000);

    const first = await pageText(anonymous(), page);
    expect(first).toContain('第 1 条讨论');
    expect(first).toContain('第 20 条讨论');
    expect(first).not.toContain('第 21 条讨论');
    expect(first).toContain('46'); // the heading counts every comment, on every page
    expect(first).toContain('1 / 3');
    const second = await pageText(anonymous(), `${page}?comments=2`);
    expect(second).toContain('第 21 条讨论');
    expect(second).not.toContain('第 1 条讨论 ');
    expect(second).toContain('对第 31 条的回复');

    // The link in a notification, or search, opens the page that holds the reply.
    const linked = await anonymous().get(`${page}?comment=${lateReply}`);
    expect(visibleText(linked.body)).toContain('对第 31 条的回复');
    expect(linked.body).toContain(`id="comment-${lateReply}"`);
    expect(visibleText(linked.body)).toContain('2 / 3');
    // Paging on from a permalink forgets it.
    expect(linked.body).toMatch(new RegExp(`href="[^"]*${page}\\?comments=3#discussion"`));
  });
});
