/**
 * Two-factor authentication and sessions over HTTP: a participant enrols with the QR secret and
 * gets recovery codes; sign-in then needs a code (wrong ones refused and slowed, a recovery code
 * works once); staff without a second factor are sent to enrol; publishing asks for the code
 * again once the last proof is older than 15 minutes; the sessions page ends other sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL, demoTotpCode, totpCode } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('a participant who turns on two-factor authentication', () => {
  const email = 'careful@example.org';
  const password = '两道门总比一道门安全 2026';
  let secret = '';
  let recovery: string[] = [];

  it('enrols by scanning the QR code and confirming a code, and gets recovery codes once', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    expect((await http.post('/register', { consent: 'on', name: '谨慎', email, password })).status).toBe(302);
    // A session opened earlier elsewhere (perhaps with a stolen password) ends when the factor is turned on.
    const earlier = new HttpClient(server.url);
    await earlier.signIn(email, password);
    const page = await http.get('/account/two-factor');
    expect(page.body).toContain('<svg');
    secret = /<code[^>]*>([A-Z2-7]{32})<\/code>/.exec(page.body)?.[1] ?? '';
    expect(secret).toHaveLength(32);
    // The same secret is offered again on reload: the QR code does not change under the person.
    expect((await http.get('/account/two-factor')).body).toContain(secret);

    const wrong = await http.post('/account/two-factor', { intent: 'enable', code: '000000' });
    expect(visibleText(wrong.body)).toContain('验证码不对或已过期');
    const enabled = await http.post('/account/two-factor', { intent: 'enable', code: totpCode(secret) });
    recovery = [...enabled.body.matchAll(/\b([0-9a-f]{5}-[0-9a-f]{5})\b/g)].map((m) => m[1] as string);
    expect(new Set(recovery).size).toBe(10);
    expect((await earlier.get('/me')).status).toBe(302);
    expect((await http.get('/me')).status).toBe(200);
    expect(visibleText((await http.get('/account/two-factor')).body)).toContain('两步验证已开启。还有 10 个未使用的恢复码');
  });

  it('then signs in with password and code; a wrong code is refused', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const first = await http.post('/login', { email, password, redirectTo: '/me' });
    expect(first.location).toBe('/login/two-factor?redirectTo=%2Fme');
    // Half signed in is not signed in.
    expect((await http.get('/me')).status).toBe(302);
    const wrong = await http.post(first.location ?? '', { code: '123456' });
    expect(visibleText(wrong.body)).toContain('验证码不对或已过期');
    const ok = await http.post(first.location ?? '', { code: totpCode(secret) });
    expect(ok.location).toBe('/me');
    expect((await http.get('/me')).status).toBe(200);
  });

  it('accepts each recovery code once instead of a code', async () => {
    const signInWith = async (code: string) => {
      const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
      const first = await http.post('/login', { email, password });
      return http.post(first.location ?? '', { code });
    };
    const used = await signInWith(recovery[0] ?? '');
    expect(used.location).toBe('/account/two-factor?recovered=1');
    const again = await signInWith(recovery[0] ?? '');
    expect(again.status).toBe(200);
    expect(visibleText(again.body)).toContain('验证码不对或已过期');
  });

  it('can turn it off again with a current code (participants only)', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const first = await http.post('/login', { email, password });
    await http.post(first.location ?? '', { code: totpCode(secret) });
    expect((await http.post('/account/two-factor', { intent: 'disable', code: totpCode(secret) })).status).toBe(302);
    expect((await new HttpClient(server.url).post('/login', { email, password })).location).toBe('/');
  });
});

describe('staff', () => {
  it('are sent to enrol before any workspace page when they have no second factor', async () => {
    const created = await runJdz(server.databaseUrl, ['user', 'create', '--email', 'new.official@example.gov.cn', '--name', '新官员', '--role', 'official', '--department', 'transport', '--password', '新官员的长密码 2026'], { env: { ...process.env, DATA_DIR: server.dataDir } });
    expect(created.code, created.stderr).toBe(0);
    const http = new HttpClient(server.url);
    await http.signIn('new.official@example.gov.cn', '新官员的长密码 2026');
    const manage = await http.get('/manage');
    expect(manage.status).toBe(302);
    expect(manage.location).toBe('/account/two-factor?required=1&redirectTo=%2Fmanage');
    expect(visibleText((await http.get(manage.location ?? '')).body)).toContain('政府工作人员和管理员的账号必须开启两步验证');
  });

  it('confirm the code again before publishing once the last proof is older than 15 minutes', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await http.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    const created = await http.post('/manage/datasets/new', { title: '站点清单', slug: 'stations-step-up', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '' });
    const slug = (created.location ?? '').replace('/manage/datasets/', '');
    const db = await openServerDatabase(server);
    await db.run('update sessions set two_factor_at = ? where user_id = (select id from users where email = ?)', new Date(Date.now() - 16 * 60_000), TRANSPORT_OFFICIAL);
    await db.close();
    const publish = await http.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(publish.status).toBe(302);
    expect(publish.location).toBe(`/account/confirm?redirectTo=${encodeURIComponent(`/manage/datasets/${slug}`)}`);
    const wrong = await http.post(publish.location ?? '', { code: '000000' });
    expect(visibleText(wrong.body)).toContain('验证码不对或已过期');
    const confirmed = await http.post(publish.location ?? '', { code: demoTotpCode() });
    expect(confirmed.location).toBe(`/manage/datasets/${slug}`);
    // Now the publish step itself answers (here: nothing imported yet).
    const again = await http.post(`/manage/datasets/${slug}`, { intent: 'publish' });
    expect(again.status).toBe(200);
    expect(visibleText(again.body)).toContain('至少需要一个已成功导入的数据文件');
  });
});

describe('password reset for an account with a second factor', () => {
  it('still asks for the code afterwards', async () => {
    const visitor = new HttpClient(server.url);
    await visitor.post('/forgot-password', { email: TRANSPORT_OFFICIAL });
    const db = await openServerDatabase(server);
    const mail = await db.get<{ text: string }>(`select text from mail_outbox where "to" = ? and kind = 'reset' order by id desc limit 1`, TRANSPORT_OFFICIAL);
    await db.close();
    const link = new URL(/https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail?.text ?? '')?.[0] ?? '');
    const reset = await visitor.post(`${link.pathname}${link.search}`, { password: '交通局的新密码很长 2026' });
    expect(reset.location).toBe('/login/two-factor?redirectTo=%2Fme');
    expect((await visitor.get('/manage')).status).toBe(302);
    const second = await visitor.post(reset.location ?? '', { code: demoTotpCode() });
    expect(second.location).toBe('/me');
  });
});

describe('the sessions page', () => {
  it('lists where the account is signed in and signs out the others', async () => {
    const email = 'two.browsers@example.org';
    const phone = new HttpClient(server.url, { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0' });
    await phone.post('/register', { consent: 'on', name: '两台设备', email, password: '手机和电脑都登录 2026' });
    const laptop = new HttpClient(server.url, { 'Accept-Language': 'zh-CN', 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36' });
    await laptop.signIn(email, '手机和电脑都登录 2026');
    const page = visibleText((await laptop.get('/account/sessions')).body);
    expect(page).toContain('WeChat · iOS');
    expect(page).toContain('Chrome · Windows');
    expect(page).toContain('当前设备');
    expect((await laptop.post('/account/sessions', { intent: 'endOthers' })).status).toBe(302);
    expect((await phone.get('/me')).status).toBe(302);
    expect((await laptop.get('/me')).status).toBe(200);
    // A session id of someone else's is not found.
    expect((await laptop.post('/account/sessions', { intent: 'end', session: 'a'.repeat(64) })).status).toBe(404);
  });
});
