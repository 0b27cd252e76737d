/**
 * From the public's data request to a challenge (issue 24): the department that may answer a
 * request starts a challenge from it (prefilled, linked) or links one it already runs; once the
 * challenge is public, the request's history says so with a link, the challenge names the request
 * and its supporters, and the asker and supporters are notified. Nobody else can do it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { formFields, HttpClient, visibleText } from '../helpers/http';
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

const SUPPORTER = 'student@jindianzi.example';

async function signedIn(email: string) {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

async function ask(http: HttpClient, title: string, department = 'transport'): Promise<number> {
  const response = await http.post('/requests/new', {
    title,
    description: '希望按月开放各线路的准点率，包括早晚高峰分时段数据。\n\n最好能按站点细分。',
    purpose: '做一个给通勤者看的准点率排行榜',
    department,
  });
  expect(response.status).toBe(302);
  return Number((response.location ?? '').replace('/requests/', ''));
}

async function support(requestId: number) {
  const http = await signedIn(SUPPORTER);
  expect((await http.post(`/requests/${requestId}`, { intent: 'vote' })).status).toBe(302);
}

async function notificationCount(email: string, kind: string): Promise<number> {
  const row = await db.get<{ n: number }>('select count(*) as n from notifications n join users u on u.id = n.user_id where u.email = ? and n.kind = ?', email, kind);
  return row?.n ?? 0;
}

describe('a challenge started from a data request', () => {
  let requestId: number;
  let slug: string;

  it('is offered to the department that may answer, prefilled from the request', async () => {
    requestId = await ask(await signedIn(PARTICIPANT), '公开公交线路准点率');
    await support(requestId);
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const page = await official.get(`/requests/${requestId}`);
    expect(page.body).toContain(`href="/manage/challenges/new?request=${requestId}"`);

    const form = await official.get(`/manage/challenges/new?request=${requestId}`);
    expect(form.status).toBe(200);
    const fields = formFields(form.body, 'challenge');
    expect(fields.get('title')).toBe('公开公交线路准点率');
    expect(fields.get('summary')).toBe('希望按月开放各线路的准点率，包括早晚高峰分时段数据。');
    expect(fields.get('body')).toContain('## 公众的数据需求\n\n希望按月开放各线路的准点率');
    expect(fields.get('body')).toContain('## 需求用途\n\n做一个给通勤者看的准点率排行榜');
    expect(fields.get('fromRequest')).toBe(String(requestId));

    const created = await official.post('/manage/challenges/new', fields);
    expect(created.status, visibleText(created.body).slice(0, 300)).toBe(302);
    slug = (created.location ?? '').replace('/manage/challenges/', '');
    expect(slug).not.toBe('');
  });

  it('stays out of the request\'s public history while the challenge is a draft', async () => {
    const page = visibleText((await new HttpClient(server.url).get(`/requests/${requestId}`)).body);
    expect(page).not.toContain('为回应此需求，开始了挑战赛');
    expect(await notificationCount(PARTICIPANT, 'request_challenge')).toBe(0);
  });

  it('is announced when published: history, challenge page, asker and supporters', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    expect((await official.post(`/manage/challenges/${slug}`, { intent: 'publish' })).status).toBe(302);

    const request = await new HttpClient(server.url).get(`/requests/${requestId}`);
    expect(visibleText(request.body)).toContain('为回应此需求，开始了挑战赛 公开公交线路准点率');
    expect(request.body).toContain(`href="/challenges/${slug}"`);
    // The request's status is unchanged: still waiting for an answer.
    expect(await db.get('select status, responded_at as r from data_requests where id = ?', requestId)).toEqual({ status: 'open', r: null });

    const challenge = await new HttpClient(server.url).get(`/challenges/${slug}`);
    const text = visibleText(challenge.body);
    expect(text).toContain('源自公众的数据需求：');
    expect(text).toContain('公开公交线路准点率 · 2 人支持');
    expect(challenge.body).toContain(`href="/requests/${requestId}"`);

    expect(await notificationCount(PARTICIPANT, 'request_challenge')).toBe(1);
    expect(await notificationCount(SUPPORTER, 'request_challenge')).toBe(1);
    expect(await notificationCount(TRANSPORT_OFFICIAL, 'request_challenge')).toBe(0);

    // Publishing again announces nothing twice.
    await official.post(`/manage/challenges/${slug}`, { intent: 'publish' });
    expect(await notificationCount(PARTICIPANT, 'request_challenge')).toBe(1);
    expect(await db.get("select count(*) as n from data_request_events where request_id = ? and kind = 'challenge'", requestId)).toEqual({ n: 1 });
  });

  it('can answer a second request by linking the published challenge, announced at once', async () => {
    const second = await ask(await signedIn(PARTICIPANT), '开放公交线路客流满载率');
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const page = await official.get(`/requests/${second}`);
    const challengeId = (await db.get<{ id: number }>('select id from challenges where slug = ?', slug))?.id;
    expect(page.body).toContain(`<option value="${challengeId}">`);
    const linked = await official.post(`/requests/${second}`, { intent: 'link-challenge', challengeId: String(challengeId) });
    expect(linked.status).toBe(302);
    expect(visibleText((await official.get(`/requests/${second}`)).body)).toContain('为回应此需求，开始了挑战赛 公开公交线路准点率');
    expect(visibleText((await official.get(`/challenges/${slug}`)).body)).toContain('开放公交线路客流满载率 · 1 人支持');
    expect(await db.get("select count(*) as n from audit_log where action = 'data_request.challenge_link' and target_id = ?", String(second))).toEqual({ n: 1 });
  });
});

describe('who may answer a request with a challenge', () => {
  it('refuses other departments, participants and declined requests', async () => {
    const requestId = await ask(await signedIn(PARTICIPANT), '公开出租车运营里程统计');
    const civil = await signedIn(CIVIL_OFFICIAL);
    expect((await civil.get(`/manage/challenges/new?request=${requestId}`)).status).toBe(403);
    expect(visibleText((await civil.get(`/requests/${requestId}`)).body)).not.toContain('从此需求发起挑战赛');
    // A forged form field is checked again on the server.
    const form = formFields((await civil.get('/manage/challenges/new')).body, 'challenge');
    form.set('title', '冒名挑战赛');
    form.set('summary', '试图关联别的部门的需求');
    form.set('fromRequest', String(requestId));
    expect((await civil.post('/manage/challenges/new', form)).status).toBe(403);
    expect(await db.get("select count(*) as n from challenges where title = '冒名挑战赛'")).toEqual({ n: 0 });

    const participant = await signedIn(PARTICIPANT);
    expect((await participant.get(`/manage/challenges/new?request=${requestId}`)).status).toBe(403);

    const official = await signedIn(TRANSPORT_OFFICIAL);
    expect((await official.post(`/requests/${requestId}`, { intent: 'answer', status: 'declined', declineReason: 'personal_data', note: '涉及驾驶员个人信息。' })).status).toBe(302);
    expect((await official.get(`/manage/challenges/new?request=${requestId}`)).status).toBe(403);
    expect(visibleText((await official.get(`/requests/${requestId}`)).body)).not.toContain('从此需求发起挑战赛');
  });

  it('names the field when the challenge to link is not the department\'s', async () => {
    const requestId = await ask(await signedIn(PARTICIPANT), '公开共享单车停放点位');
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const civilChallenge = await db.get<{ id: number }>("select id from challenges where slug = 'elderly-care-map'");
    const refused = await official.post(`/requests/${requestId}`, { intent: 'link-challenge', challengeId: String(civilChallenge?.id) });
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body)).toContain('请选择本部门一场尚未公布结果的挑战赛。');
    expect(refused.body).toMatch(/<select[^>]*id="challengeId"[^>]*aria-invalid="true"/);
    expect(await db.get('select count(*) as n from challenge_requests where request_id = ?', requestId)).toEqual({ n: 0 });
  });
});

describe('the demo', () => {
  it('shows a challenge started from a request', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const challenge = visibleText((await http.get('/challenges/bus-routes-from-card-data')).body);
    expect(challenge).toContain('源自公众的数据需求： 开放公交车辆实时到站数据');
  });
});
