/**
 * Judging over HTTP: balanced assignment and conflicts, blind judging in every payload a judge
 * receives, review rules on the server clock, results publication with its confirmation, what
 * teams and the public see before and after, and People's Choice voting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToZonedLocal } from '../../app/lib/zoned-time';
import { challengeFlows, computedResults, DAY } from '../helpers/challenge-flows';
import { TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: ServerDatabase;

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const { signedIn, register, challengeForm, createChallenge, startEntry, entryForm, versionOf, setTimeline } = challengeFlows(() => ({ url: server.url, db }));
const JUDGE = 'judge@jindianzi.example';
const JUDGE2 = 'judge2@jindianzi.example';
let unique = 0;

/** A participant registers and submits a complete entry; returns their client and the entry id. */
async function submittedEntry(slug: string, fields: { name?: string; email?: string; title?: string; teamName?: string } = {}) {
  unique += 1;
  const http = await register(fields.name ?? `参赛者${unique}`, fields.email ?? `entrant${unique}@example.org`);
  const entryId = await startEntry(http, slug);
  const response = await http.post(`/entries/${entryId}`, entryForm(await versionOf(entryId), { intent: 'submit', title: fields.title ?? `作品${unique}`, teamName: fields.teamName ?? '' }));
  expect(response.location).toBe(`/entries/${entryId}?submitted=1`);
  return { http, entryId };
}

async function inviteJudges(official: HttpClient, slug: string, emails: string[]) {
  for (const email of emails) {
    const response = await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email });
    expect(visibleText(response.body)).toContain('已添加为评委');
  }
}

async function criterionIds(slug: string): Promise<number[]> {
  return (await db.all<{ id: number }>('select c.id from criteria c join challenges ch on ch.id = c.challenge_id where ch.slug = ? order by c.position', slug)).map((r) => r.id);
}

async function userId(email: string): Promise<number> {
  const row = await db.get<{ id: number }>('select id from users where email = ?', email);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

async function review(slug: string, entryId: number, scores: number[], extra: Record<string, string> = {}) {
  const ids = await criterionIds(slug);
  return { intent: 'complete', feedback: '数据使用扎实，建议补充实施成本。', privateNote: '', ...Object.fromEntries(ids.map((id, i) => [`score.${id}`, String(scores[i] ?? '')])), ...extra };
}

/** The edit form as the official would resend it: the stored timeline, plus changes. */
async function editForm(slug: string, fields: Record<string, string>) {
  const row = await db.get<{ o: number; c: number; j: number }>('select opens_at as o, closes_at as c, judging_ends_at as j from challenges where slug = ?', slug);
  if (!row) throw new Error(`no challenge ${slug}`);
  const zoned = (ms: number) => dateToZonedLocal(new Date(ms), 'Asia/Shanghai');
  return challengeForm({ opensAt: zoned(row.o), closesAt: zoned(row.c), judgingEndsAt: zoned(row.j), ...fields });
}

async function assignmentsPerJudge(slug: string): Promise<Map<number, number>> {
  const rows = await db.all<{ judge: number; n: number }>(
    'select a.judge_id as judge, count(*) as n from judge_assignments a join challenges c on c.id = a.challenge_id where c.slug = ? group by a.judge_id',
    slug,
  );
  return new Map(rows.map((r) => [r.judge, r.n]));
}

async function judgesOf(entryId: number): Promise<number[]> {
  return (await db.all<{ j: number }>('select judge_id as j from judge_assignments where submission_id = ? order by judge_id', entryId)).map((r) => r.j);
}

describe('assignment and conflicts', () => {
  it('shares N judges per entry evenly, and moves a declared conflict to a free judge', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await register('第三评委', 'third.judge@example.org');
    await inviteJudges(official, slug, [JUDGE, JUDGE2, 'third.judge@example.org']);
    const entries: number[] = [];
    for (let i = 0; i < 6; i += 1) entries.push((await submittedEntry(slug)).entryId);
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });

    const mode = await official.post(`/manage/challenges/${slug}/judging`, { intent: 'mode', mode: 'per_entry', judgesPerEntry: '2' });
    expect(mode.status).toBe(302);
    // 6 entries × 2 judges = 12 reviews over 3 judges: 4 each.
    expect([...(await assignmentsPerJudge(slug)).values()]).toEqual([4, 4, 4]);
    for (const id of entries) expect(await judgesOf(id)).toHaveLength(2);

    const judge = await signedIn(JUDGE);
    const queue = (await judge.get(`/judging/${slug}`)).body;
    const mine = [...queue.matchAll(new RegExp(`/judging/${slug}/(\\d+)"`, 'g'))].map((m) => Number(m[1]));
    expect(mine).toHaveLength(4);
    const target = mine[0] as number;

    const noReason = await judge.post(`/judging/${slug}/${target}`, { intent: 'conflict', reason: '' });
    expect(visibleText(noReason.body)).toContain('请简要说明利益冲突的原因');
    const declared = await judge.post(`/judging/${slug}/${target}`, { intent: 'conflict', reason: '团队成员是我的研究生' });
    expect(declared.location).toBe(`/judging/${slug}?conflict=1`);

    // The entry still has two judges, neither of them the conflicted one; nobody else's work moved.
    const after = await judgesOf(target);
    expect(after).toHaveLength(2);
    expect(after).not.toContain(await userId(JUDGE));
    const loads = await assignmentsPerJudge(slug);
    expect(loads.get(await userId(JUDGE))).toBe(3);
    expect(loads.get(await userId('third.judge@example.org')) ?? 0).toBeGreaterThanOrEqual(4);
    expect((await judge.get(`/judging/${slug}/${target}`)).status).toBe(404);
    expect(visibleText((await judge.get(`/judging/${slug}`)).body)).toContain('团队成员是我的研究生');
    expect(visibleText((await official.get(`/manage/challenges/${slug}/judging`)).body)).toContain('团队成员是我的研究生');
    const audit = await db.get<{ n: number }>("select count(*) as n from audit_log where action = 'judging.conflict_declared'");
    expect(audit?.n).toBeGreaterThan(0);
  });

  it('flags a judge who shares an e-mail domain with a team, and the organiser can record it', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const wang = await register('王教授', 'wang@yxu.edu.cn');
    await inviteJudges(official, slug, ['wang@yxu.edu.cn', JUDGE2]);
    const { entryId } = await submittedEntry(slug, { email: 'student@cs.yxu.edu.cn', title: '校园夜归路线' });
    await submittedEntry(slug, { email: 'someone@qq.com' });
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });

    const page = visibleText((await official.get(`/manage/challenges/${slug}/judging`)).body);
    expect(page).toContain('可能的利益冲突');
    expect(page).toContain('yxu.edu.cn');
    expect(page).not.toContain('qq.com');
    const recorded = await official.post(`/manage/challenges/${slug}/judging`, { intent: 'record-conflict', entryId: String(entryId), judgeId: String(await userId('wang@yxu.edu.cn')), reason: '同一单位' });
    expect(recorded.status).toBe(302);
    expect((await wang.get(`/judging/${slug}/${entryId}`)).status).toBe(404);
  });
});

describe('blind judging', () => {
  it("never sends a judge the team's name, members or e-mails", async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { blindJudging: 'on', entriesPublic: 'on' });
    await inviteJudges(official, slug, [JUDGE]);
    const { entryId } = await submittedEntry(slug, { name: '保密的人', email: 'secret.person@example.org', teamName: '秘密团队', title: '匿名评审作品' });
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });

    const judge = await signedIn(JUDGE);
    const payloads = await Promise.all(
      [`/judging/${slug}`, `/judging/${slug}/${entryId}`, `/judging/${slug}/${entryId}.data`, `/entries/${entryId}`, `/entries/${entryId}.data`, `/challenges/${slug}`, `/challenges/${slug}.data`].map((path) => judge.get(path)),
    );
    expect(payloads.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    for (const payload of payloads) {
      expect(payload.body).toContain('匿名评审作品');
      expect(payload.body).not.toContain('秘密团队');
      expect(payload.body).not.toContain('保密的人');
      expect(payload.body).not.toContain('secret.person');
    }
    // Organisers see the team.
    expect(visibleText((await computedResults(official, `/manage/challenges/${slug}/results`)).body)).toContain('秘密团队');
  });
});

describe('reviews on the server clock', () => {
  it('are closed before the deadline, refuse bad scores without losing input, audit changes, and lock when judging ends', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await inviteJudges(official, slug, [JUDGE]);
    const { entryId } = await submittedEntry(slug);
    const judge = await signedIn(JUDGE);

    expect((await judge.get(`/judging/${slug}/${entryId}`)).status).toBe(404);
    expect(visibleText((await judge.get(`/judging/${slug}`)).body)).toContain('评审将在征集截止');

    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const tooHigh = await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [11, 8], { feedback: '这段反馈不能丢' }));
    expect(tooHigh.status).toBe(200);
    expect(visibleText(tooHigh.body)).toContain('分数超出了这一项的范围');
    expect(tooHigh.body).toContain('这段反馈不能丢');
    expect(await db.get('select count(*) as n from reviews where submission_id = ?', entryId)).toEqual({ n: 0 });

    const incomplete = await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [8]));
    expect(visibleText(incomplete.body)).toContain('完成评审需要给每一项打分');
    const draft = await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [8], { intent: 'save' }));
    expect(draft.location).toBe(`/judging/${slug}/${entryId}?saved=1`);

    expect((await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [8, 7]))).status).toBe(302);
    expect((await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [9, 7]))).status).toBe(302);
    const row = await db.get<{ status: string }>('select status from reviews where submission_id = ?', entryId);
    expect(row?.status).toBe('completed');
    const changes = (await db.all<{ details: string }>("select details from audit_log where action in ('review.save', 'review.complete') and target_id = ? order by id", String(entryId))).map(
      (r) => JSON.parse(r.details).changes as { from: number | null; to: number | null }[],
    );
    expect(changes.flat()).toEqual(expect.arrayContaining([expect.objectContaining({ from: null, to: 8 }), expect.objectContaining({ from: 8, to: 9 })]));

    await setTimeline(slug, { judgingEndsAt: Date.now() - 1_000 });
    const late = await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [2, 2]));
    expect(visibleText(late.body)).toContain('评审期已结束');
    const firstCriterion = (await criterionIds(slug))[0];
    expect(await db.get('select s.score from scores s join reviews r on r.id = s.review_id where r.submission_id = ? and s.criterion_id = ?', entryId, firstCriterion)).toEqual({ score: 9 });
  });

  it('refuses reviews from a judge of another challenge and from non-judges', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const { entryId, http: entrant } = await submittedEntry(slug);
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const judge = await signedIn(JUDGE);
    expect((await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [5, 5]))).status).toBe(404);
    expect((await entrant.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [10, 10]))).status).toBe(404);
    expect(await db.get('select count(*) as n from reviews where submission_id = ?', entryId)).toEqual({ n: 0 });
  });
});

describe('results', () => {
  it('stay hidden until published; publishing with missing reviews needs the exact confirmation; then teams read their feedback', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await inviteJudges(official, slug, [JUDGE, JUDGE2]);
    const a = await submittedEntry(slug, { title: '夜归人地图' });
    const b = await submittedEntry(slug, { title: '末班车提醒' });
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const judge = await signedIn(JUDGE);
    const judge2 = await signedIn(JUDGE2);
    await judge.post(`/judging/${slug}/${a.entryId}`, await review(slug, a.entryId, [9, 8], { feedback: '思路清晰，建议补充夜间客流的季节变化。', privateNote: '可以推荐给公交集团' }));
    await judge.post(`/judging/${slug}/${b.entryId}`, await review(slug, b.entryId, [6, 5]));
    await judge2.post(`/judging/${slug}/${a.entryId}`, await review(slug, a.entryId, [8, 8], { feedback: '数据使用扎实。' }));
    // judge2 has not reviewed b: one review is missing.

    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    expect((await anonymous.get(`/challenges/${slug}/results`)).status).toBe(404);
    expect(JSON.parse((await anonymous.get(`/api/v1/challenges/${slug}`)).body).awards).toEqual([]);
    expect(visibleText((await a.http.get(`/entries/${a.entryId}`)).body)).not.toContain('评审结果与反馈');

    const table = visibleText((await computedResults(official, `/manage/challenges/${slug}/results`)).body);
    expect(table).toMatch(/1 1 夜归人地图/);
    const csv = await official.get(`/manage/challenges/${slug}/results/export/csv`);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain('标准化得分');
    expect(csv.body).toContain('夜归人地图');
    expect((await a.http.get(`/manage/challenges/${slug}/results/export/csv`)).status).toBe(403);

    const awards = await official.post(`/manage/challenges/${slug}/results`, { intent: 'awards', 'award[0].entryId': String(a.entryId), 'award[0].kind': 'first', 'award[0].customName': '', 'award[1].entryId': String(b.entryId), 'award[1].kind': 'custom', 'award[1].customName': '' });
    expect(visibleText(awards.body)).toContain('特别奖需要填写奖项名称');
    const saved = await official.post(`/manage/challenges/${slug}/results`, { intent: 'awards', 'award[0].entryId': String(a.entryId), 'award[0].kind': 'first', 'award[0].customName': '', 'award[1].entryId': String(b.entryId), 'award[1].kind': 'custom', 'award[1].customName': '最佳创意奖' });
    expect(visibleText(saved.body)).toContain('奖项已保存');

    const unconfirmed = await official.post(`/manage/challenges/${slug}/results`, { intent: 'publish', confirmMissing: '1' });
    expect(visibleText(unconfirmed.body)).toContain('还有 1 份评审没有完成');
    const stale = await official.post(`/manage/challenges/${slug}/results`, { intent: 'publish', confirmMissing: '2', acknowledge: 'on' });
    expect(stale.status).toBe(200);
    expect(await db.get('select results_published_at as r from challenges where slug = ?', slug)).toEqual({ r: null });
    const published = await official.post(`/manage/challenges/${slug}/results`, { intent: 'publish', confirmMissing: '1', acknowledge: 'on' });
    expect(published.location).toBe(`/challenges/${slug}/results`);
    expect(await db.get("select count(*) as n from audit_log where action = 'results.publish' and target_id = (select cast(id as text) from challenges where slug = ?)", slug)).toEqual({ n: 1 });

    const team = visibleText((await a.http.get(`/entries/${a.entryId}`)).body);
    expect(team).toContain('评审结果与反馈');
    expect(team).toContain('思路清晰，建议补充夜间客流的季节变化。');
    expect(team).toContain('综合排名第 1 名');
    expect(team).not.toContain('陈思远');
    expect(team).not.toContain('刘海燕');
    expect(team).not.toContain('可以推荐给公交集团');
    // Another team and the public do not get this team's feedback.
    expect(visibleText((await b.http.get(`/entries/${a.entryId}`)).body)).not.toContain('思路清晰');
    expect(visibleText((await anonymous.get(`/entries/${a.entryId}`)).body)).not.toContain('思路清晰');

    const publicPage = visibleText((await anonymous.get(`/challenges/${slug}/results`)).body);
    expect(publicPage).toContain('一等奖 夜归人地图');
    expect(publicPage).toContain('最佳创意奖 末班车提醒');
    const api = JSON.parse((await anonymous.get(`/api/v1/challenges/${slug}`)).body);
    expect(api.phase).toBe('results');
    expect(api.awards).toEqual([
      expect.objectContaining({ kind: 'first', name: '一等奖', title: '夜归人地图' }),
      expect.objectContaining({ kind: 'custom', name: '最佳创意奖', title: '末班车提醒' }),
    ]);

    // Results are final: reviews and awards no longer change.
    const afterwards = await judge2.post(`/judging/${slug}/${b.entryId}`, await review(slug, b.entryId, [1, 1]));
    expect(visibleText(afterwards.body)).toContain('评审期已结束');
  });
});

describe("People's Choice", () => {
  it('takes one changeable vote per person, refuses own-team votes, closes with judging and reveals counts with results', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { peoplesChoice: 'on' });
    const a = await submittedEntry(slug, { title: '投票作品甲' });
    const b = await submittedEntry(slug, { title: '投票作品乙' });
    const voter = await register('投票人', 'voter@example.org');

    // Not during submissions: entries are not public yet and voting has not opened.
    expect((await voter.post(`/entries/${a.entryId}/vote`, { intent: 'vote' })).status).toBe(404);
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });

    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const signedOut = await anonymous.post(`/entries/${a.entryId}/vote`, { intent: 'vote' });
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);
    expect(visibleText((await anonymous.get(`/challenges/${slug}`)).body)).toContain('登录后投票');

    const own = await a.http.post(`/entries/${a.entryId}/vote`, { intent: 'vote', redirectTo: `/challenges/${slug}` });
    expect(own.location).toContain('voteProblem=ownEntry');
    expect(visibleText((await a.http.get(own.location ?? '')).body)).toContain('不能给自己团队的作品投票');

    expect((await voter.post(`/entries/${a.entryId}/vote`, { intent: 'vote' })).status).toBe(302);
    expect((await voter.post(`/entries/${b.entryId}/vote`, { intent: 'vote' })).status).toBe(302);
    const votes = await db.all('select submission_id as entry from votes where user_id = ?', await userId('voter@example.org'));
    expect(votes).toEqual([{ entry: b.entryId }]);
    expect(visibleText((await voter.get(`/challenges/${slug}`)).body)).toContain('已投票');
    expect((await a.http.post(`/entries/${b.entryId}/vote`, { intent: 'vote' })).status).toBe(302);

    // Counts stay hidden until results.
    expect(visibleText((await anonymous.get(`/challenges/${slug}`)).body)).not.toMatch(/\d 票/);

    await setTimeline(slug, { judgingEndsAt: Date.now() - 1_000 });
    const late = await voter.post(`/entries/${a.entryId}/vote`, { intent: 'vote' });
    expect(late.location).toContain('voteProblem=closed');
    expect(await db.all('select submission_id as entry from votes where user_id = ?', await userId('voter@example.org'))).toEqual([{ entry: b.entryId }]);

    await db.run('update challenges set results_published_at = ? where slug = ?', new Date(Date.now() - 1_000), slug);
    const results = visibleText((await computedResults(anonymous, `/challenges/${slug}/results`)).body);
    expect(results).toMatch(/投票作品乙 2 票/);
    expect(results).toMatch(/投票作品甲 0 票/);
  });

  it('limits how fast one person can vote', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { peoplesChoice: 'on' });
    const a = await submittedEntry(slug);
    const b = await submittedEntry(slug);
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const voter = await register('急躁的人', 'hasty@example.org');
    const outcomes: { status: number; location: string; retryAfter: string | null; text: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await voter.post(`/entries/${i % 2 ? a.entryId : b.entryId}/vote`, { intent: 'vote' });
      outcomes.push({ status: response.status, location: response.location ?? '', retryAfter: response.headers.get('retry-after'), text: visibleText(response.body) });
    }
    expect(outcomes.slice(0, 10).every((o) => o.status === 302 && !o.location.includes('voteProblem'))).toBe(true);
    expect(outcomes[11]).toMatchObject({ status: 429 });
    expect(Number(outcomes[11]?.retryAfter)).toBeGreaterThan(0);
    expect(outcomes[11]?.text).toContain('操作太频繁');
  });
});

describe('what the first review found', () => {
  it('keeps scores when the organiser edits the challenge during judging', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await inviteJudges(official, slug, [JUDGE]);
    const { entryId } = await submittedEntry(slug);
    // On a whole minute, as the form (minute precision) would have stored it.
    await setTimeline(slug, { closesAt: Math.floor(Date.now() / 60_000) * 60_000 - 60_000 });
    const judge = await signedIn(JUDGE);
    expect((await judge.post(`/judging/${slug}/${entryId}`, await review(slug, entryId, [7, 6]))).status).toBe(302);
    const edited = await official.post(`/manage/challenges/${slug}/edit`, await editForm(slug, { judgingEndsAt: dateToZonedLocal(new Date(Date.now() + 30 * DAY), 'Asia/Shanghai') }));
    expect(edited.status, visibleText(edited.body).slice(0, 300)).toBe(302);
    expect(await db.get('select count(*) as n from scores s join reviews r on r.id = s.review_id where r.submission_id = ?', entryId)).toEqual({ n: 2 });
    // Turning People's Choice on now would publish entries submitted under other terms.
    const pc = await official.post(`/manage/challenges/${slug}/edit`, await editForm(slug, { peoplesChoice: 'on' }));
    expect(visibleText(pc.body)).toContain('不能再更改作品展示廊和人气奖设置');
  });

  it("hides a blind challenge's teams from everyone outside them while entries are public for voting", async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { blindJudging: 'on', peoplesChoice: 'on' });
    await inviteJudges(official, slug, [JUDGE]);
    const { entryId, http: member } = await submittedEntry(slug, { name: '隐名者', teamName: '无名小队', title: '公开投票作品' });
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    for (const path of [`/entries/${entryId}`, `/challenges/${slug}`, `/api/v1/challenges/${slug}`]) {
      const body = (await anonymous.get(path)).body;
      expect(body).toContain('公开投票作品');
      expect(body).not.toContain('无名小队');
      expect(body).not.toContain('隐名者');
    }
    expect(visibleText((await member.get(`/entries/${entryId}`)).body)).toContain('无名小队');
    // Judges do not vote.
    const judge = await signedIn(JUDGE);
    expect((await judge.post(`/entries/${entryId}/vote`, { intent: 'vote' })).location).toContain('voteProblem=judge');
  });

  it('counts unfilled places and unreviewed entries as missing, and locks the assignment once judging ends', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await inviteJudges(official, slug, [JUDGE]);
    const a = await submittedEntry(slug);
    await submittedEntry(slug);
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    // Two judges wanted per entry, only one exists: 4 places, none reviewed yet.
    expect((await official.post(`/manage/challenges/${slug}/judging`, { intent: 'mode', mode: 'per_entry', judgesPerEntry: '2' })).status).toBe(302);
    const judge = await signedIn(JUDGE);
    await judge.post(`/judging/${slug}/${a.entryId}`, await review(slug, a.entryId, [8, 8]));
    expect(visibleText((await computedResults(official, `/manage/challenges/${slug}/results`)).body)).toContain('还有 3 份评审没有完成');

    await setTimeline(slug, { judgingEndsAt: Date.now() - 1_000 });
    const late = await official.post(`/manage/challenges/${slug}/judging`, { intent: 'mode', mode: 'all' });
    expect(visibleText(late.body)).toContain('评审已经结束，评审分配不能再改');
    const publish = await official.post(`/manage/challenges/${slug}/results`, { intent: 'publish' });
    expect(visibleText(publish.body)).toContain('还有 3 份评审没有完成');
  });

  it("drops a removed judge's scores and feedback, and shows judges' private notes to the organisers", async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await inviteJudges(official, slug, [JUDGE, JUDGE2]);
    const a = await submittedEntry(slug, { title: '被评审的作品' });
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const judge = await signedIn(JUDGE);
    const judge2 = await signedIn(JUDGE2);
    await judge.post(`/judging/${slug}/${a.entryId}`, await review(slug, a.entryId, [1, 1], { feedback: '被移除评委的反馈', privateNote: '请组织方注意数据授权' }));
    await judge2.post(`/judging/${slug}/${a.entryId}`, await review(slug, a.entryId, [9, 9], { feedback: '留下的评委的反馈' }));
    expect(visibleText((await computedResults(official, `/manage/challenges/${slug}/results`)).body)).toContain('请组织方注意数据授权');

    const judgeRow = await db.get<{ id: number }>('select j.id from challenge_judges j join challenges c on c.id = j.challenge_id where c.slug = ? and j.user_id = ?', slug, await userId(JUDGE));
    expect((await official.post(`/manage/challenges/${slug}`, { intent: `remove-judge:${judgeRow?.id}` })).status).toBe(302);
    await official.post(`/manage/challenges/${slug}/results`, { intent: 'publish' });
    const team = visibleText((await a.http.get(`/entries/${a.entryId}`)).body);
    expect(team).toContain('留下的评委的反馈');
    expect(team).not.toContain('被移除评委的反馈');
    expect(team).toMatch(/可行性 9\.0 \/ 10/);
  });
});
