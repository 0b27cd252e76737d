/**
 * Follows and notifications over real HTTP with a real SMTP server on loopback: each event reaches
 * the right people and only them (never the person who caused it), e-mail follows each person's
 * choice per kind, every mail carries a working one-click unsubscribe link, and a failing SMTP
 * server leaves notification mail queued and retried while the page answers at once.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToZonedLocal } from '../../app/lib/zoned-time';
import { challengeFlows, computedResults, DAY, local } from '../helpers/challenge-flows';
import { CIVIL_OFFICIAL, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, inputValue, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let server: TestServer;
let db: ServerDatabase;
const flows = challengeFlows(() => ({ url: server.url, db }));

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' } });
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
  await smtp?.close();
});

async function idOf(table: 'challenges' | 'datasets', slug: string): Promise<number> {
  const row = await db.get<{ id: number }>(`select id from ${table} where slug = ?`, slug);
  if (!row) throw new Error(`no ${table} ${slug}`);
  return row.id;
}

function notificationsOf(email: string) {
  return db.all<{ kind: string; mail_state: string; link: string; params: string }>(
    'select n.kind, n.mail_state, n.link, n.params from notifications n join users u on u.id = n.user_id where u.email = ? order by n.id',
    email.toLowerCase(),
  );
}

async function follow(http: HttpClient, targetType: string, targetId: number) {
  const response = await http.post('/follow', { targetType, targetId: String(targetId), follow: '1' });
  expect(response.status).toBe(302);
}

describe('follows and announcements', () => {
  it('tells followers only, in their chosen way, with a one-click unsubscribe link that works', async () => {
    const slug = 'bus-routes-from-card-data';
    const digestReader = await flows.register('摘要读者', 'digest.reader@example.org');
    const instantReader = await flows.register('即时读者', 'instant.reader@example.org');
    const bystander = await flows.register('路人', 'bystander@example.org');
    await follow(digestReader, 'challenge', await idOf('challenges', slug));
    await follow(instantReader, 'challenge', await idOf('challenges', slug));
    expect((await instantReader.post('/account/notifications', { challenge_update: 'instant' })).status).toBe(302);
    // Drafts cannot be followed.
    expect((await bystander.post('/follow', { targetType: 'challenge', targetId: String(await idOf('challenges', 'elderly-care-map')), follow: '1' })).status).toBe(404);

    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const posted = await official.post(`/manage/challenges/${slug}`, { intent: 'post', kind: 'announcement', title: '数据更新', body: '刷卡数据补充了 10 月下半月。' });
    expect(posted.status).toBe(302);

    expect(await notificationsOf('digest.reader@example.org')).toMatchObject([{ kind: 'challenge_update', mail_state: 'digest', link: `/challenges/${slug}#announcements` }]);
    expect(await notificationsOf('instant.reader@example.org')).toMatchObject([{ kind: 'challenge_update', mail_state: 'mailed' }]);
    expect(await notificationsOf('bystander@example.org')).toEqual([]);
    expect(await notificationsOf(TRANSPORT_OFFICIAL)).toEqual([]);

    // The unread count in the header, and the list.
    expect((await digestReader.get('/challenges')).body).toMatch(/data-testid="unread-count"[^>]*>1</);
    expect(visibleText((await digestReader.get('/notifications')).body)).toContain('你关注的挑战「用公交刷卡数据优化公交线路」有新公告：数据更新');
    expect((await digestReader.post('/notifications', { intent: 'read-all' })).status).toBe(302);
    expect((await digestReader.get('/challenges')).body).not.toContain('data-testid="unread-count"');

    const [mail = ''] = await smtp.waitForMail('instant.reader@example.org', 2).then((bodies) => bodies.filter((b) => b.includes('有新公告')));
    expect(mail).toContain(`/challenges/${slug}#announcements`);
    const raw = smtp.inbox.filter((m) => m.to.includes('instant.reader@example.org')).at(-1)?.raw ?? '';
    expect(raw).toMatch(/List-Unsubscribe:\s+<http:\/\/[^>]+\/unsubscribe\?/);
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /https?:\/\/\S+\/unsubscribe\?\S+/.exec(mail)?.[0] ?? '';
    const unsubscribe = new URL(link);
    // Opening the link only asks; the one-click POST (as a mail client sends it, no cookie, no Origin) does it.
    expect(visibleText((await new HttpClient(server.url).get(unsubscribe.pathname + unsubscribe.search)).body)).toContain('不再接收「关注的挑战有公告或截止时间延长」的邮件？');
    const clicked = await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(clicked.status).toBe(200);
    const userId = (await db.get<{ id: number }>('select id from users where email = ?', 'instant.reader@example.org'))?.id ?? 0;
    expect(await db.get("select delivery from notification_preferences where user_id = ? and kind = 'challenge_update'", userId)).toEqual({ delivery: 'off' });
    // A tampered link does nothing.
    const forged = new URL(link);
    forged.searchParams.set('u', String(userId - 1));
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
  });

  it('tells followers and entrants when the deadline is extended, with the new time', async () => {
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const slug = await flows.createChallenge(official, { title: '出租车候客点优化', slug: 'taxi-stands' });
    const entrant = await flows.register('参赛者甲', 'entrant.a@example.org');
    await flows.startEntry(entrant, slug);
    const row = (await db.get<{ opens_at: number; closes_at: number; judging_ends_at: number }>('select opens_at, closes_at, judging_ends_at from challenges where slug = ?', slug))!;
    const zoned = (ms: number) => dateToZonedLocal(new Date(ms), 'Asia/Shanghai');
    const edited = await official.post(
      `/manage/challenges/${slug}/edit`,
      flows.challengeForm({ title: '出租车候客点优化', slug, opensAt: zoned(row.opens_at), closesAt: local(15 * DAY), judgingEndsAt: zoned(row.judging_ends_at) }),
    );
    expect(edited.status, visibleText(edited.body).slice(0, 300)).toBe(302);
    const [notice] = (await notificationsOf('entrant.a@example.org')).filter((n) => n.kind === 'challenge_update');
    expect(JSON.parse(notice?.params ?? '{}')).toMatchObject({ challenge: '出租车候客点优化', notice: 'deadlineExtended' });
    expect(visibleText((await entrant.get('/notifications')).body)).toContain('你关注的挑战「出租车候客点优化」延长了截止时间，新的截止时间：');
  });
});

describe('entries', () => {
  it('sends the team invitation to the invitee and a receipt with the server time on submission', async () => {
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const slug = await flows.createChallenge(official, { title: '公交站台无障碍改造', slug: 'accessible-stops' });
    const owner = await flows.register('队长', 'captain@example.org');
    const mate = await flows.register('队员', 'mate@example.org');
    const entryId = await flows.startEntry(owner, slug);
    expect((await owner.post(`/entries/${entryId}`, { intent: 'invite', email: 'mate@example.org' })).status).toBe(200);
    expect(await notificationsOf('mate@example.org')).toMatchObject([{ kind: 'team_invitation', mail_state: 'mailed', link: '/me' }]);
    expect((await notificationsOf('captain@example.org')).filter((n) => n.kind === 'team_invitation')).toEqual([]);
    const [invitation = ''] = (await smtp.waitForMail('mate@example.org', 2)).filter((b) => b.includes('邀请你加入'));
    expect(invitation).toContain('队长 邀请你加入「公交站台无障碍改造」的参赛团队');
    expect(invitation).toMatch(/\/unsubscribe\?u=\d+&s=team_invitation&sig=/);

    // The invitee joins; from then on the receipt is theirs too.
    const memberRow = await db.get<{ id: number }>("select id from submission_members where email = 'mate@example.org'");
    expect((await mate.post('/me', { intent: `accept:${memberRow?.id}` })).status).toBe(302);

    const before = Date.now();
    const submitted = await owner.post(`/entries/${entryId}`, { ...flows.entryForm(await flows.versionOf(entryId)), intent: 'submit' });
    expect(submitted.status).toBe(302);
    const [receipt] = (await notificationsOf('captain@example.org')).filter((n) => n.kind === 'entry_received');
    const at = Date.parse(JSON.parse(receipt?.params ?? '{}').at as string);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect((await notificationsOf('mate@example.org')).filter((n) => n.kind === 'entry_received')).toHaveLength(1);
    expect(await notificationsOf(TRANSPORT_OFFICIAL)).toEqual([]);
    const [mail = ''] = (await smtp.waitForMail('captain@example.org', 2)).filter((b) => b.includes('服务器收到时间'));
    expect(mail).toContain('作品「夜班公交热力图」已提交到「公交站台无障碍改造」，服务器收到时间：');
  });
});

describe('data requests and datasets', () => {
  it('tells whoever asked when the request is answered', async () => {
    const asker = await flows.register('提问者', 'asker@example.org');
    const created = await asker.post('/requests/new', { title: '社区食堂名单', description: '希望公开各社区老年食堂的地址和开放时间。', purpose: '', department: 'civil-affairs' });
    expect(created.status).toBe(302);
    const requestId = Number((created.location ?? '').replace('/requests/', ''));
    const civil = await flows.signedIn(CIVIL_OFFICIAL);
    const answered = await civil.post(`/requests/${requestId}`, { intent: 'answer', status: 'planned', plannedFor: '2027-06', note: '正在整理。' });
    expect(answered.status, visibleText(answered.body).slice(-1500)).toBe(302);
    expect(await notificationsOf('asker@example.org')).toMatchObject([{ kind: 'request_answered', mail_state: 'mailed', link: `/requests/${requestId}` }]);
    // The department's official heard of the request when it came, and not of their own answer.
    expect(await notificationsOf(CIVIL_OFFICIAL)).toMatchObject([{ kind: 'request_received', link: `/requests/${requestId}` }]);
    const [mail = ''] = (await smtp.waitForMail('asker@example.org', 2)).filter((b) => b.includes('有了答复'));
    expect(mail).toContain('数据需求「社区食堂名单」有了答复：计划开放');
  });

  it('tells followers of a published dataset about a new version', async () => {
    const follower = await flows.register('数据迷', 'data.fan@example.org');
    await follow(follower, 'dataset', await idOf('datasets', 'bus-routes'));
    const official = await flows.signedIn(TRANSPORT_OFFICIAL);
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('线路,首班,末班\n1路,06:00,22:00\n2路,06:30,21:30\n')]), '线路时刻.csv');
    form.set('name', '线路首末班时间');
    const uploaded = await official.request('/manage/datasets/bus-routes/upload', { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: server.url } });
    expect(uploaded.status).toBeLessThan(300);
    for (let i = 0; i < 200 && (await notificationsOf('data.fan@example.org')).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await notificationsOf('data.fan@example.org')).toMatchObject([{ kind: 'dataset_updated', mail_state: 'digest', link: '/datasets/bus-routes' }]);
    expect(await notificationsOf(TRANSPORT_OFFICIAL)).toEqual([]);
  });
});

describe('results', () => {
  it('gives teams their feedback and other followers the results', async () => {
    const slug = 'relief-payment-accuracy';
    const watcher = await flows.register('旁观者', 'watcher@example.org');
    await follow(watcher, 'challenge', await idOf('challenges', slug));
    const entrants = await db.all<{ email: string }>(
      "select distinct u.email from submission_members m join users u on u.id = m.user_id join submissions s on s.id = m.submission_id where s.challenge_id = ? and s.status = 'submitted' and m.status = 'active'",
      await idOf('challenges', slug),
    );
    expect(entrants.length).toBeGreaterThan(0);

    const civil = await flows.signedIn(CIVIL_OFFICIAL);
    const page = await computedResults(civil, `/manage/challenges/${slug}/results`);
    const missing = inputValue(page.body, 'confirmMissing');
    const published = await civil.post(`/manage/challenges/${slug}/results`, { intent: 'publish', ...(missing ? { confirmMissing: missing, acknowledge: 'on' } : {}) });
    expect(published.status).toBe(302);

    expect(await notificationsOf('watcher@example.org')).toMatchObject([{ kind: 'results_published', link: `/challenges/${slug}/results` }]);
    for (const { email } of entrants) {
      const kinds = (await notificationsOf(email)).map((n) => n.kind);
      expect(kinds).toContain('feedback_available');
      expect(kinds).not.toContain('results_published');
    }
  });
});

describe('links in e-mail', () => {
  it('never take their address from the request, so a forged Host cannot capture a reset link', async () => {
    await flows.register('被冒充者', 'forged.host@example.org');
    const body = new URLSearchParams({ email: 'forged.host@example.org' }).toString();
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: '/forgot-password', method: 'POST', headers: { Host: 'evil.example', Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    expect(status).toBeLessThan(400);
    const mail = await db.get<{ text: string }>(`select text from mail_outbox where "to" = ? and kind = 'reset'`, 'forged.host@example.org');
    expect(mail?.text).toContain(`:${url.port}/reset-password?token=`);
    expect(mail?.text).not.toContain('evil.example');
  });
});

describe('a failing SMTP server', () => {
  it('leaves notification mail queued with the error and sends it on a later attempt', async () => {
    const asker = await flows.register('耐心的提问者', 'patient.asker@example.org');
    const created = await asker.post('/requests/new', { title: '停车场泊位数据', description: '希望公开各公共停车场的泊位总数和实时空位。', purpose: '', department: '' });
    expect(created.status).toBe(302);
    const requestId = Number((created.location ?? '').replace('/requests/', ''));
    smtp.setRefuse(true);
    try {
      const official = await flows.signedIn(TRANSPORT_OFFICIAL);
      const answered = await official.post(`/requests/${requestId}`, { intent: 'answer', status: 'planned', plannedFor: '2027-03', note: '' });
      // The page does not wait for, or fail with, the mail server.
      expect(answered.status).toBe(302);
      let row: { status: string; attempts: number; last_error: string | null } | undefined;
      for (let i = 0; i < 100 && !(row && row.attempts > 0); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await db.get(`select status, attempts, last_error from mail_outbox where "to" = ? and kind = 'notify:request_answered'`, 'patient.asker@example.org');
      }
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row?.last_error).toContain('try again later');
    } finally {
      smtp.setRefuse(false);
    }
    // The retry comes due (moved forward rather than waiting); the next mail wakes the worker.
    await db.run(`update mail_outbox set next_attempt_at = ? where "to" = ?`, new Date(Date.now() - 1), 'patient.asker@example.org');
    await new HttpClient(server.url).post('/forgot-password', { email: 'patient.asker@example.org' });
    const bodies = await smtp.waitForMail('patient.asker@example.org', 3);
    expect(bodies.some((b) => b.includes('数据需求「停车场泊位数据」有了答复'))).toBe(true);
  });
});
