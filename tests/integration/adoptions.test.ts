/**
 * 成果转化 (issue 24): what became of the winning ideas, as the public reads it (/adopted, the
 * entry page, the API, the Atom feed), as a department reports it (its form and
 * POST /api/v1/adoptions with a token), as the team answers it, and as the inbox chases it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiToken } from '../helpers/api-token';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { formFields, HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const EMERGENCY_OFFICIAL = 'emergency@jindianzi.example';
const SLUG = 'shelter-coverage';

let server: TestServer;
let db: ServerDatabase;
let emergencyToken: string;

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  emergencyToken = await demoApiToken(server.url, EMERGENCY_OFFICIAL, 'adoption-report');
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function signedIn(email: string) {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

async function entryId(title: string): Promise<number> {
  const row = await db.get<{ id: number }>('select id from submissions where title = ?', title);
  if (!row) throw new Error(`no entry ${title}`);
  return row.id;
}

function report(body: unknown, token = emergencyToken) {
  return fetch(`${server.url}/api/v1/adoptions`, { method: 'POST', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('the public view', () => {
  it('counts the awarded ideas by stage and lists those taken up, filterable', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const page = visibleText((await http.get('/adopted')).body);
    expect(page).toContain('在 4 个获奖金点子中：1 个已上线，1 个试点中，1 个评估中，1 个未采纳');
    expect(page).toContain('15 分钟避难圈地图');
    expect(page).toContain('月访问人次：3,200 人次');
    expect(page).not.toContain('避难场所标识和导航进地图 App');
    expect(visibleText((await http.get('/adopted?stage=not_adopted')).body)).toContain('避难场所标识和导航进地图 App');
    const transport = visibleText((await http.get('/adopted?department=transport')).body);
    expect(transport).toContain('没有符合条件的成果转化记录。');
    expect(transport).toContain('在 0 个获奖金点子中');
  });

  it('shows the record, its outcomes and its dated timeline on the entry page and the results page', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const entry = visibleText((await http.get(`/entries/${await entryId('15 分钟避难圈地图')}`)).body);
    expect(entry).toContain('成果转化 已上线');
    expect(entry).toContain('采用部门：云溪市民政局、云溪市应急管理局');
    expect(entry).toContain('覆盖社区：46 个');
    expect(entry).toContain('已在市应急管理局网站和“云溪通”小程序上线');
    expect(entry).toContain('在城东街道 6 个社区试点');
    expect(entry).toContain('获一等奖奖金 20,000 元');
    const results = visibleText((await http.get(`/challenges/${SLUG}/results`)).body);
    expect(results).toContain('一等奖 15 分钟避难圈地图');
    expect(results).toContain('成果转化 已上线 二等奖');
    expect(results).toContain('成果转化 未采纳 人气奖投票');
  });

  it('answers the API in its documented shape, and refuses a filter it does not know', async () => {
    const response = await fetch(`${server.url}/api/v1/adoptions?limit=2`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; adoptions: Record<string, unknown>[] };
    expect(body.total).toBe(3);
    expect(body.adoptions).toHaveLength(2);
    const inService = ((await (await fetch(`${server.url}/api/v1/adoptions?stage=in_service`)).json()) as typeof body).adoptions[0];
    expect(inService).toMatchObject({
      stage: 'in_service',
      entry: { title: '15 分钟避难圈地图', url: expect.stringMatching(/\/entries\/\d+$/) },
      challenge: { slug: SLUG },
      department: { slug: 'emergency', name: '云溪市应急管理局' },
      adoptedBy: expect.arrayContaining([{ slug: 'civil-affairs', name: '云溪市民政局' }]),
      link: 'https://example.org/yunxi/shelter-map',
      outcomes: expect.arrayContaining([expect.objectContaining({ label: '月访问人次', value: 3200, unit: '人次' })]),
    });
    const bad = await fetch(`${server.url}/api/v1/adoptions?stage=done`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('stage');
  });

  it('publishes the updates as an Atom feed', async () => {
    const response = await fetch(`${server.url}/adopted.atom`);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const feed = await response.text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed.match(/<entry>/g)).toHaveLength(7);
    expect(feed).toContain('15 分钟避难圈地图: 已上线');
  });
});

describe('reporting through the API', () => {
  it('appends a dated update (creating the record on first use), notifies the team and audits the change', async () => {
    const id = await entryId('避难场所容量压力测试');
    const before = await db.get<{ n: number }>("select count(*) as n from notifications where kind = 'adoption_update'");
    const response = await report({ entryId: id, stage: 'piloting', note: '在两个街道试算容量。', outcomes: [{ label: '试算场所', value: 12, unit: '处', asOf: '2026-11-30' }], unknownField: 'ignored' });
    expect(response.status).toBe(201);
    const record = (await response.json()) as { stage: string; outcomes: unknown[]; entry: { id: number } };
    expect(record).toMatchObject({ stage: 'piloting', entry: { id }, outcomes: [{ label: '试算场所', value: 12, unit: '处', asOf: '2026-11-30' }] });
    const again = await report({ entryId: id, stage: 'piloting', note: '试算完成，准备评审。' });
    expect(again.status).toBe(201);
    // The stage stayed; the note still went onto the public timeline, and the outcomes were kept.
    const page = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(`/entries/${id}`)).body);
    expect(page).toContain('试算完成，准备评审。');
    expect(page).toContain('在两个街道试算容量。');
    expect(page).toContain('试算场所：12 处');
    const after = await db.get<{ n: number }>("select count(*) as n from notifications where kind = 'adoption_update'");
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBeGreaterThanOrEqual(2);
    expect(await db.get("select count(*) as n from audit_log where action = 'adoption.update' and target_id = ?", String(id))).toEqual({ n: 2 });
  });

  it('refuses other departments, sessions without a token, and names the field of bad input', async () => {
    const id = await entryId('避难场所容量压力测试');
    const transportToken = await demoApiToken(server.url, TRANSPORT_OFFICIAL, 'other-department');
    expect((await report({ entryId: id, stage: 'in_service', note: '冒名' }, transportToken)).status).toBe(403);
    expect((await report({ entryId: id, stage: 'in_service', note: '无令牌' }, '')).status).toBe(401);
    const cases: [unknown, string][] = [
      [{ entryId: String(id), stage: 'piloting', note: 'x' }, 'entryId'],
      [{ entryId: id, stage: 'done', note: 'x' }, 'stage'],
      [{ entryId: id, stage: 'piloting', note: '' }, 'note'],
      [{ entryId: id, stage: 'piloting', note: 'x', outcomes: [{ label: '用户', value: 1, unit: '人', asOf: '2025-13-01' }] }, 'outcomes.0.asOf'],
      [{ entryId: id, stage: 'piloting', note: 'x', outcomes: [{ label: { toString: 1 }, value: 1, unit: '人', asOf: '2025-12-01' }] }, 'outcomes.0.label'],
      [{ entryId: id, stage: 'piloting', note: 'x', link: 'javascript:alert(1)' }, 'link'],
      [{ entryId: id, stage: 'not_adopted', note: 'x' }, 'notAdoptedReason'],
      [{ entryId: 99_999_999, stage: 'piloting', note: 'x' }, 'entryId'],
    ];
    for (const [body, field] of cases) {
      const response = await report(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    const garbled = await fetch(`${server.url}/api/v1/adoptions`, { method: 'POST', headers: { Authorization: emergencyToken, 'Content-Type': 'application/json' }, body: '{"entryId":' });
    expect(garbled.status).toBe(400);
  });

  it('tells a data request\'s supporters when an idea from a challenge answering it goes into service', async () => {
    const request = await db.get<{ id: number; requester_id: number }>("select id, requester_id from data_requests where title = '公布养老机构床位情况'");
    const challenge = await db.get<{ id: number }>('select id from challenges where slug = ?', SLUG);
    await db.run('insert into challenge_requests (challenge_id, request_id, created_at, announced_at) values (?, ?, ?, ?)', challenge?.id, request?.id, new Date(), new Date());
    const response = await report({ entryId: await entryId('把学校操场纳入分级开放的避难网络'), stage: 'in_service', note: '全市推广。' });
    expect(response.status).toBe(201);
    const told = await db.all<{ user_id: number }>("select user_id from notifications where kind = 'request_idea_adopted' order by user_id");
    const supporters = await db.all<{ user_id: number }>('select user_id from data_request_votes where request_id = ? order by user_id', request?.id);
    expect(told.map((r) => r.user_id)).toEqual([...new Set([request?.requester_id, ...supporters.map((s) => s.user_id)])].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });
});

describe('the department\'s form and the team\'s word', () => {
  it('keeps what was typed and names the field in error, then saves', async () => {
    const official = await signedIn(EMERGENCY_OFFICIAL);
    const id = await entryId('避难场所标识和导航进地图 App');
    const path = `/manage/challenges/${SLUG}/adoption/${id}`;
    const form = formFields((await official.get(path)).body, 'adoption');
    expect(form.get('stage')).toBe('not_adopted');
    form.set('stage', 'evaluating');
    form.set('note', '地图 App 的接入不够完整，重新评估。');
    form.set('link', 'javascript:alert(1)');
    const refused = await official.post(path, form);
    expect(refused.status).toBe(200);
    const text = visibleText(refused.body);
    expect(text).toContain('请填写以 http:// 或 https:// 开头的网址。');
    expect(refused.body).toContain('地图 App 的接入不够完整，重新评估。');
    form.set('link', '');
    const saved = await official.post(path, form);
    expect(saved.status).toBe(302);
    expect(visibleText((await official.get(`/entries/${id}`)).body)).toContain('地图 App 的接入不够完整，重新评估。');
  });

  it('is closed to other departments and participants', async () => {
    const id = await entryId('15 分钟避难圈地图');
    expect((await (await signedIn(TRANSPORT_OFFICIAL)).get(`/manage/challenges/${SLUG}/adoption/${id}`)).status).toBe(403);
    const member = await db.get<{ email: string }>("select u.email from submission_members m join users u on u.id = m.user_id where m.submission_id = ? and m.status = 'active' limit 1", id);
    const team = await signedIn(member?.email ?? '');
    expect((await team.get(`/manage/challenges/${SLUG}/adoption/${id}`)).status).toBe(403);
  });

  it('lets the team dispute an "adopted" claim, shown on the record', async () => {
    const id = await entryId('15 分钟避难圈地图');
    const member = await db.get<{ email: string }>("select u.email from submission_members m join users u on u.id = m.user_id where m.submission_id = ? and m.status = 'active' limit 1", id);
    const team = await signedIn(member?.email ?? '');
    const response = await team.post(`/entries/${id}`, { intent: 'adoption-dispute', note: '上线版本没有使用我们的路径算法。' });
    expect(response.status).toBe(302);
    const page = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(`/entries/${id}`)).body);
    expect(page).toContain('参赛团队有异议');
    expect(page).toContain('上线版本没有使用我们的路径算法。');
    const stranger = await signedIn(TRANSPORT_OFFICIAL);
    expect((await stranger.post(`/entries/${id}`, { intent: 'adoption-confirm' })).status).toBe(404);
  });

  it('chases awarded ideas with no news in 90 days in the department\'s inbox', async () => {
    const official = await signedIn(EMERGENCY_OFFICIAL);
    expect(visibleText((await official.get('/manage')).body)).not.toContain('90 天没有成果转化进展的获奖作品');
    const longAgo = new Date(Date.now() - 200 * 86_400_000);
    await db.run('update challenges set results_published_at = ? where slug = ?', longAgo, SLUG);
    await db.run("update adoptions set last_update_at = ? where stage = 'evaluating'", longAgo);
    const inbox = visibleText((await official.get('/manage')).body);
    expect(inbox).toContain('90 天没有成果转化进展的获奖作品（1）');
  });
});
