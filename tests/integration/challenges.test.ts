/**
 * The participant's journey over HTTP: timeline rules on the server clock, team rules, conflicts
 * and visibility for each role. Time passing is simulated by moving the challenge's timeline in
 * the database; the server judges it against its own clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToZonedLocal } from '../../app/lib/zoned-time';
import { challengeFlows, DAY, local } from '../helpers/challenge-flows';
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

describe('officials', () => {
  it('create a draft, see field errors for an impossible timeline, and publish', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const bad = await official.post('/manage/challenges/new', challengeForm({ closesAt: local(-2 * DAY) }));
    expect(bad.status).toBe(200);
    expect(visibleText(bad.body)).toContain('截止提交时间必须晚于开始征集时间');
    expect(bad.body).toContain('夜班公交线路征集'); // what was typed survives

    const slug = await createChallenge(official, { datasets: ['bus-routes'] }, false);
    expect((await new HttpClient(server.url).get(`/challenges/${slug}`)).status).toBe(404);
    expect((await official.post(`/manage/challenges/${slug}`, { intent: 'publish' })).status).toBe(302);
    const page = visibleText((await new HttpClient(server.url).get(`/challenges/${slug}`)).body);
    expect(page).toContain('夜班公交线路征集');
    expect(page).toContain('60%');
    expect(page).toContain('公交线路基本信息');
  });

  it('may extend the deadline while open but not shorten it; the change is announced', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const opens = await db.get<{ o: number }>('select opens_at as o from challenges where slug = ?', slug);
    const edit = (fields: Record<string, string>) => official.post(`/manage/challenges/${slug}/edit`, challengeForm({ ...fields, opensAt: dateToZonedLocal(new Date(opens!.o), 'Asia/Shanghai') }));
    const shorter = await edit({ closesAt: local(5 * DAY) });
    expect(visibleText(shorter.body)).toContain('征集期间截止时间只能延后');
    const longer = await edit({ closesAt: local(15 * DAY) });
    expect(longer.status).toBe(302);
    const page = visibleText((await new HttpClient(server.url).get(`/challenges/${slug}`)).body);
    expect(page).toContain('截止提交时间已延长至');
    const audit = await db.get<{ details: string }>("select details from audit_log where action = 'challenge.update' order by id desc limit 1");
    expect(JSON.parse(audit!.details).changes).toContain('deadlineExtended');
  });

  it('cannot change criteria once judging has started', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const row = (await db.get<{ o: number; c: number }>('select opens_at as o, closes_at as c from challenges where slug = ?', slug))!;
    const response = await official.post(
      `/manage/challenges/${slug}/edit`,
      challengeForm({ opensAt: dateToZonedLocal(new Date(row.o), 'Asia/Shanghai'), closesAt: dateToZonedLocal(new Date(row.c), 'Asia/Shanghai'), 'criteria[0].weight': '70' }),
    );
    expect(visibleText(response.body)).toContain('评审已经开始，评分标准不能再修改');
  });

  it('invite judges: existing users at once, unknown addresses when they register', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const assigned = await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email: 'judge2@jindianzi.example' });
    expect(visibleText(assigned.body)).toContain('已添加为评委');
    const pending = await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email: 'new.judge@example.org' });
    expect(visibleText(pending.body)).toContain('对方注册后生效');
    const judge = await register('新评委', 'New.Judge@example.org');
    expect(visibleText((await judge.get('/me')).body)).toContain('夜班公交线路征集');
    // A judge cannot enter the challenge they judge.
    const entering = await judge.post(`/challenges/${slug}`, {});
    expect(visibleText(entering.body)).toContain('不能同时参赛');
  });
});

describe('the timeline on the server clock', () => {
  it('refuses entries before opening and changes after the deadline, and reopens editing after an extension', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const upcoming = await createChallenge(official, { opensAt: local(2 * DAY), closesAt: local(12 * DAY) });
    const citizen = await register('早到者', 'early@example.org');
    const early = await citizen.post(`/challenges/${upcoming}`, {});
    expect(early.status).toBe(200);
    expect(visibleText(early.body)).toContain('现在不在征集期内');

    const slug = await createChallenge(official, {});
    const entryId = await startEntry(citizen, slug);
    expect((await citizen.post(`/entries/${entryId}`, entryForm(await versionOf(entryId)))).status).toBe(302);

    await setTimeline(slug, { closesAt: Date.now() - 60_000 });
    const late = await citizen.post(`/entries/${entryId}`, entryForm(await versionOf(entryId), { title: '截止后的修改' }));
    expect(visibleText(late.body)).toContain('征集已于');
    expect((await db.get<{ title: string }>('select title from submissions where id = ?', entryId))?.title).toBe('夜班公交热力图');
    expect(visibleText((await citizen.get(`/entries/${entryId}`)).body)).toContain('作品不能再修改');

    // An extension made before the deadline passes keeps the entry open.
    await setTimeline(slug, { closesAt: Date.now() + 5 * DAY });
    const again = await citizen.post(`/entries/${entryId}`, entryForm(await versionOf(entryId), { title: '延期后的修改' }));
    expect(again.status).toBe(302);
  });
});

describe('teams', () => {
  it('enforce the size limit, one team per challenge, and refuse edits by non-members', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { teamSizeLimit: '2' });
    const owner = await register('队长', 'captain@example.org');
    const mate = await register('队员', 'mate@example.org');
    const other = await register('局外人', 'outsider@example.org');
    const entryId = await startEntry(owner, slug);

    const invited = await owner.post(`/entries/${entryId}`, { intent: 'invite', email: 'mate@example.org' });
    expect(visibleText(invited.body)).toContain('已邀请');
    const full = await owner.post(`/entries/${entryId}`, { intent: 'invite', email: 'outsider@example.org' });
    expect(visibleText(full.body)).toContain('团队已满');

    const me = (await mate.get('/me')).body;
    const invitationId = /value="accept:(\d+)"/.exec(me)?.[1];
    expect(invitationId).toBeDefined();
    const accepted = await mate.post('/me', { intent: `accept:${invitationId}` });
    expect(accepted.location).toBe(`/entries/${entryId}`);
    expect(visibleText((await mate.get(`/entries/${entryId}`)).body)).toContain('队长');

    // The teammate's own "start an entry" leads back to the team's entry.
    const again = await mate.post(`/challenges/${slug}`, {});
    expect(again.location).toBe(`/entries/${entryId}`);

    // Someone already in another team cannot be invited.
    const otherEntry = await startEntry(other, slug);
    expect(otherEntry).not.toBe(entryId);
    expect((await other.post(`/entries/${entryId}`, entryForm(await versionOf(entryId)))).status).toBe(404);
    expect((await other.get(`/entries/${entryId}`)).status).toBe(404);
  });

  it('shows a conflict instead of overwriting a teammate’s newer save', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const owner = await register('甲', 'jia@example.org');
    const mate = await register('乙', 'yi@example.org');
    const entryId = await startEntry(owner, slug);
    await owner.post(`/entries/${entryId}`, { intent: 'invite', email: 'yi@example.org' });
    const invitationId = /value="accept:(\d+)"/.exec((await mate.get('/me')).body)?.[1];
    await mate.post('/me', { intent: `accept:${invitationId}` });

    const base = await versionOf(entryId);
    expect((await owner.post(`/entries/${entryId}`, entryForm(base, { title: '甲的标题' }))).status).toBe(302);
    const conflict = await mate.post(`/entries/${entryId}`, entryForm(base, { title: '乙的标题' }));
    expect(conflict.status).toBe(200);
    const text = visibleText(conflict.body);
    expect(text).toContain('队友刚刚保存了新版本');
    expect(text).toContain('甲的标题');
    expect(text).toContain('乙的标题');
    expect((await db.get<{ title: string }>('select title from submissions where id = ?', entryId))?.title).toBe('甲的标题');
    const revisions = await db.get<{ n: number }>('select count(*) as n from submission_revisions where submission_id = ?', entryId);
    expect(revisions?.n).toBe(1);
  });
});

describe('saving an entry', () => {
  it('stores nothing when nothing changed, one revision per editing burst, and holds a save loop back', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const owner = await register('丙', 'bing@example.org');
    const entryId = await startEntry(owner, slug);
    const revisions = () => db.all<{ id: number; title: string; body: string }>('select id, title, body from submission_revisions where submission_id = ? order by id', entryId);

    const first = await versionOf(entryId);
    expect((await owner.post(`/entries/${entryId}`, entryForm(first, { title: '第一版' }))).status).toBe(302);
    const second = await versionOf(entryId);
    expect(second).toBe(first + 1);
    expect(await revisions()).toHaveLength(1);

    // The same content again (an autosave with nothing typed): no new version, no revision.
    const same = await owner.post(`/entries/${entryId}`, { ...entryForm(second, { title: '第一版' }), autosave: '1' });
    expect(same.status).toBe(200);
    expect(await versionOf(entryId)).toBe(second);
    expect(await revisions()).toHaveLength(1);

    // A change soon after: the burst's revision follows it.
    await owner.post(`/entries/${entryId}`, { ...entryForm(second, { title: '第二版' }), autosave: '1' });
    expect((await revisions()).map((r) => r.title)).toEqual(['第二版']);
    // Ten minutes later a new burst starts a new revision; the old one stays.
    const burst = await db.get<{ at: number }>('select max(created_at) as at from submission_revisions where submission_id = ?', entryId);
    await db.run('update submission_revisions set created_at = ? where submission_id = ?', new Date(burst!.at - 11 * 60_000), entryId);
    await owner.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId), { title: '第三版' }), autosave: '1' });
    expect((await revisions()).map((r) => r.title)).toEqual(['第二版', '第三版']);

    // A script saving in a loop is held back, with what it sent kept on the page.
    let refused = '';
    for (let i = 0; i < 70 && !refused; i += 1) {
      const response = await owner.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId), { title: `循环 ${i}` }), autosave: '1' });
      if (visibleText(response.body).includes('保存得太频繁了')) refused = response.body;
    }
    expect(refused).not.toBe('');
    expect(await revisions()).toHaveLength(2);
  });
});

describe('visibility', () => {
  it('follows the entry through draft, submission and results for every role', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email: 'judge@jindianzi.example' });
    const author = await register('作者', 'author@example.org');
    const entryId = await startEntry(author, slug);
    const judge = await signedIn('judge@jindianzi.example');
    const otherOfficial = await signedIn('civil@jindianzi.example');
    const visitor = new HttpClient(server.url);
    const status = async (http: HttpClient) => (await http.get(`/entries/${entryId}`)).status;

    // Draft: the team only.
    expect(await status(author)).toBe(200);
    expect([await status(official), await status(judge), await status(otherOfficial), await status(visitor)]).toEqual([404, 404, 404, 404]);

    // Incomplete entries are not submitted.
    const incomplete = await author.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId), { body: '太短' }), intent: 'submit' });
    expect(visibleText(incomplete.body)).toContain('还不能提交');
    const submitted = await author.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId)), intent: 'submit' });
    expect(submitted.status).toBe(302);

    // Submitted: organisers and judges; not other departments or the public (no gallery).
    expect([await status(official), await status(judge), await status(otherOfficial), await status(visitor)]).toEqual([200, 200, 404, 404]);
    expect(visibleText((await judge.get(`/entries/${entryId}`)).body)).toContain('作者');

    // Results published: everyone.
    await db.run('update challenges set closes_at = ?, results_published_at = ? where slug = ?', new Date(Date.now() - 2 * DAY), new Date(Date.now() - 1000), slug);
    expect(await status(visitor)).toBe(200);
  });

  it('hides the team from judges of a blind challenge, in the page itself', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { blindJudging: 'on' });
    await official.post(`/manage/challenges/${slug}`, { intent: 'invite-judge', email: 'judge2@jindianzi.example' });
    const author = await register('匿名作者', 'anonymous.author@example.org');
    const entryId = await startEntry(author, slug);
    await author.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId), { teamName: '秘密团队' }), intent: 'submit' });
    const judge = await signedIn('judge2@jindianzi.example');
    const page = await judge.get(`/entries/${entryId}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('匿名作者');
    expect(page.body).not.toContain('anonymous.author@example.org');
    expect(page.body).not.toContain('秘密团队');
  });

  it('shows submitted entries to everyone in an ideas gallery', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { entriesPublic: 'on' });
    const author = await register('展示者', 'gallery@example.org');
    const entryId = await startEntry(author, slug);
    await author.post(`/entries/${entryId}`, { ...entryForm(await versionOf(entryId), { title: '公开的金点子' }), intent: 'submit' });
    const page = visibleText((await new HttpClient(server.url).get(`/challenges/${slug}`)).body);
    expect(page).toContain('公开的金点子');
    expect((await new HttpClient(server.url).get(`/entries/${entryId}`)).status).toBe(200);
  });
});

describe('attachments', () => {
  it('accepts PDFs for the team, refuses disguised files, and serves them only to those who may see the entry', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    const author = await register('附件作者', 'attach@example.org');
    const entryId = await startEntry(author, slug);
    const upload = async (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set('file', new Blob([Buffer.from(bytes)]), name);
      return author.request(`/entries/${entryId}/attachments`, { method: 'POST', body: form, headers: { Origin: server.url } });
    };
    const ok = await upload('方案.pdf', new TextEncoder().encode('%PDF-1.7\n% 金点子\n'));
    expect(ok.status).toBe(303);
    const disguised = await upload('方案2.pdf', new TextEncoder().encode('<html><script>alert(1)</script>'));
    expect(disguised.location).toContain('attachmentError=unsupported');
    const page = (await author.get(`/entries/${entryId}`)).body;
    const href = /href="(\/entries\/\d+\/attachments\/\d+)"/.exec(page)?.[1] ?? '';
    expect(href).not.toBe('');
    const download = await author.get(href);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect((await new HttpClient(server.url).get(href)).status).toBe(404);
    expect((await official.get(href)).status).toBe(404); // still a draft
  });
});

describe('the public challenge API', () => {
  it('lists published challenges with their phase and shows criteria and datasets; drafts never appear', async () => {
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, { title: 'API 可见的挑战', datasets: ['bus-routes'] });
    const draft = await createChallenge(official, { title: 'API 看不见的草稿' }, false);
    const list = (await (await fetch(`${server.url}/api/v1/challenges`)).json()) as { challenges: { slug: string; title: string; phase: string }[] };
    expect(list.challenges.find((c) => c.slug === slug)).toMatchObject({ title: 'API 可见的挑战', phase: 'open' });
    expect(list.challenges.some((c) => c.slug === draft)).toBe(false);
    const open = (await (await fetch(`${server.url}/api/v1/challenges?phase=open`)).json()) as { challenges: { phase: string }[] };
    expect(open.challenges.every((c) => c.phase === 'open')).toBe(true);
    const detail = (await (await fetch(`${server.url}/api/v1/challenges/${slug}`)).json()) as { criteria: { weight: number }[]; datasets: { slug: string }[] };
    expect(detail.criteria.map((c) => c.weight)).toEqual([60, 40]);
    expect(detail.datasets.map((d) => d.slug)).toEqual(['bus-routes']);
    const missing = await fetch(`${server.url}/api/v1/challenges/${draft}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'notFound' } });
  });
});

