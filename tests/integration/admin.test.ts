/**
 * The admin console over HTTP, on a server without SMTP: departments with a checked code,
 * inviting an official (the link is shown to hand over, and taking it up sets the password and
 * leads to two-factor enrolment), role changes with the last-admin rule, deactivation, resetting a
 * lost authenticator, vouching for an address, site details in the footer, and an audit entry for
 * each change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, DEMO_PASSWORD, TRANSPORT_OFFICIAL, totpCode } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let admin: HttpClient;
let db: ServerDatabase;

beforeAll(async () => {
  server = await startServer();
  admin = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await admin.signIn(ADMIN, DEMO_PASSWORD);
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const client = () => new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
const userId = async (email: string) => (await db.get<{ id: number }>('select id from users where email = ?', email))!.id;
const auditActions = async (targetType: string, targetId: number) =>
  (await db.all<{ action: string }>('select action from audit_log where target_type = ? and target_id = ? order by id', targetType, String(targetId))).map((r) => r.action);

describe('departments', () => {
  it('refuses a mistyped credit code beside the field, keeping what was typed, then creates the department', async () => {
    const form = { name: '县数据资源局', slug: 'data-bureau', code: '11100000000013128D', contact: '0571-12345678', description: '' };
    const refused = await admin.post('/admin/departments', form);
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body)).toContain('校验位不对');
    expect(refused.body).toContain('value="县数据资源局"');
    const created = await admin.post('/admin/departments', { ...form, code: '11100000000013127D' });
    expect(created.status).toBe(302);
    const id = Number(created.location?.split('/').pop());
    const list = visibleText((await admin.get('/admin/departments')).body);
    expect(list).toContain('县数据资源局');
    expect(list).toContain('11100000000013127D');
    expect(await auditActions('department', id)).toEqual(['department.create']);
  });
});

describe('inviting an official', () => {
  it('shows the single-use link without SMTP; the link sets the password and leads to two-factor enrolment, then the workspace', async () => {
    const department = (await db.get<{ id: number }>("select id from departments where slug = 'data-bureau'"))!.id;
    const invited = await admin.post('/admin/people/invite', { name: '钱数据', email: 'qian@county.example', role: 'official', departmentId: String(department) });
    expect(invited.status).toBe(200);
    const link = /https?:\/\/\S+?\/invitation\?token=[\w-]+/.exec(invited.body)?.[0];
    expect(link).toBeDefined();
    const invitation = new URL(link ?? '');
    const id = await userId('qian@county.example');

    // Until taken up, the account cannot be signed into with any password the admin could know.
    const person = client();
    expect(visibleText((await person.get(`${invitation.pathname}${invitation.search}`)).body)).toContain('你被邀请以“部门工作人员”身份加入县数据资源局');
    const weak = await person.post(`${invitation.pathname}${invitation.search}`, { password: 'short' });
    expect(visibleText(weak.body)).toContain('密码太短');
    const accepted = await person.post(`${invitation.pathname}${invitation.search}`, { password: '数据局的新同事 2026' });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe('/manage');
    // Staff enrol their second factor before anything else, then land on their work.
    const manage = await person.get('/manage');
    expect(manage.location).toMatch(/^\/account\/two-factor\?required=1&redirectTo=%2Fmanage/);
    const setup = await person.get(manage.location ?? '');
    const secret = /<code[^>]*>([A-Z2-7]{32})<\/code>/.exec(setup.body)?.[1] ?? '';
    const enabled = await person.post('/account/two-factor', { intent: 'enable', code: totpCode(secret) });
    expect(enabled.status).toBeLessThan(400);
    expect((await person.get('/manage')).status).toBe(200);

    // The link is used up; the address counts as verified; every step is in the audit log.
    expect(visibleText((await client().get(`${invitation.pathname}${invitation.search}`)).body)).toContain('邀请链接无效');
    expect((await db.get<{ email_verified_at: number | null }>('select email_verified_at from users where id = ?', id))!.email_verified_at).not.toBeNull();
    expect(await auditActions('user', id)).toEqual(expect.arrayContaining(['user.invite', 'user.invitation_accepted', 'auth.two_factor_enabled']));

    // A second sign-in lands on the workspace.
    const again = client();
    const first = await again.post('/login', { email: 'qian@county.example', password: '数据局的新同事 2026' });
    const second = await again.post(first.location ?? '', { code: totpCode(secret, 1) });
    expect(second.location).toBe('/manage');
  });

  it('counts the new official in the department list, and the seeded departments their own', async () => {
    const list = visibleText((await admin.get('/admin/departments')).body);
    expect(list).toMatch(/县数据资源局\s+11100000000013127D\s+1\s+0\s+0\s+0/);
    // 交通运输局 has one official, published and draft datasets, and challenges of its own.
    expect(list).toMatch(/交通运输局\s+—\s+1\s+[1-9]\d*\s+[1-9]\d*\s+\d+/);
  });

  it('refuses an address that already has an account, beside the field', async () => {
    const refused = await admin.post('/admin/people/invite', { name: '重复', email: TRANSPORT_OFFICIAL, role: 'admin' });
    expect(visibleText(refused.body)).toContain('这个邮箱已经有账号了');
    expect(refused.body).toContain('value="重复"');
  });
});

describe('people', () => {
  it('finds people by the start of the name or address, and role', async () => {
    expect(visibleText((await admin.get(`/admin/people?${new URLSearchParams({ q: '钱' })}`)).body)).toContain('钱数据');
    const page = visibleText((await admin.get(`/admin/people?${new URLSearchParams({ q: 'QIAN@', role: 'official' })}`)).body);
    expect(page).toContain('钱数据');
    expect(page).toContain('共 1 人');
  });

  it('will not let the last admin give up the role', async () => {
    const refused = await admin.post(`/admin/people/${await userId(ADMIN)}`, { intent: 'role', role: 'participant', departmentId: '' });
    expect(visibleText(refused.body)).toContain('这是最后一位可以登录的管理员');
    expect((await db.get<{ role: string }>('select role from users where email = ?', ADMIN))!.role).toBe('admin');
  });

  it('deactivates an account (its sessions end, it cannot sign in) and reactivates it', async () => {
    const official = client();
    await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    const id = await userId(TRANSPORT_OFFICIAL);
    expect((await admin.post(`/admin/people/${id}`, { intent: 'deactivate' })).status).toBe(200);
    expect((await official.get('/manage')).location).toMatch(/^\/login/);
    await expect(client().signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD)).rejects.toThrow(/failed with 200/);
    expect((await admin.post(`/admin/people/${id}`, { intent: 'reactivate' })).status).toBe(200);
    await client().signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    expect(await auditActions('user', id)).toEqual(expect.arrayContaining(['user.deactivate', 'user.reactivate']));
  });

  it('resets a lost authenticator: the person enrols again at next sign-in', async () => {
    const id = await userId('qian@county.example');
    expect((await admin.post(`/admin/people/${id}`, { intent: 'reset-two-factor' })).status).toBe(200);
    const person = client();
    const signIn = await person.post('/login', { email: 'qian@county.example', password: '数据局的新同事 2026' });
    expect(signIn.location).toBe('/manage');
    expect((await person.get('/manage')).location).toMatch(/^\/account\/two-factor\?required=1/);
    expect(await auditActions('user', id)).toContain('user.two_factor_reset');
  });

  it('vouches for a citizen’s address when no mail could be sent, which lets them ask for data', async () => {
    const citizen = client();
    const registered = await citizen.post('/register', { consent: 'on', name: '孙晓', email: 'sun.xiao@example.org', password: '我想要公交数据 2026' });
    // Without SMTP the next page says so plainly, and offers no "resend".
    expect(registered.location).toMatch(/^\/account\/verify\?registered=1/);
    const told = visibleText((await citizen.get(registered.location ?? '')).body);
    expect(told).toContain('本站没有配置邮件服务器，所以没有发出验证邮件');
    expect(told).not.toContain('我们已经把验证链接发到');
    expect((await citizen.get('/requests/new')).location).toMatch(/^\/account\/verify/);
    const id = await userId('sun.xiao@example.org');
    expect(visibleText((await admin.get(`/admin/people/${id}`)).body)).toContain('邮箱未验证');
    expect((await admin.post(`/admin/people/${id}`, { intent: 'mark-verified' })).status).toBe(200);
    expect((await citizen.get('/requests/new')).status).toBe(200);
    expect(await auditActions('user', id)).toContain('user.email_verified_by_admin');

    // Asking the new department for data tells its official at once.
    const asked = await citizen.post('/requests/new', { title: '县城公共自行车站点数据', description: '希望开放每个站点的位置和可借车辆数，方便出行。', purpose: '', department: 'data-bureau' });
    expect(asked.status).toBe(302);
    const notes = await db.all<{ link: string }>("select kind, link from notifications where user_id = ? and kind = 'request_received'", await userId('qian@county.example'));
    expect(notes.map((n) => n.link)).toEqual([asked.location]);
  });

  it('is for admins only: an official gets 403 from every admin action', async () => {
    const official = client();
    await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    expect((await official.post(`/admin/people/${await userId('sun.xiao@example.org')}`, { intent: 'mark-verified' })).status).toBe(403);
    expect((await official.post('/admin/departments', { name: '冒充', slug: 'fake' })).status).toBe(403);
    expect((await official.post('/admin/site', { icp: '京ICP备00000000号' })).status).toBe(403);
  });
});

describe('site details', () => {
  it('refuses a malformed ICP number, then shows the filing numbers in every page’s footer', async () => {
    const refused = await admin.post('/admin/site', { siteName: '某某县公共数据开放平台', icp: 'ICP12345' });
    expect(visibleText(refused.body)).toContain('ICP 备案号的格式是');
    const saved = await admin.post('/admin/site', { siteName: '某某县公共数据开放平台', sponsor: '某某县人民政府办公室', icp: '浙ICP备12345678号-1', psbRecord: '浙公网安备33010602011234号' });
    expect(saved.status).toBe(200);
    const home = (await client().get('/datasets')).body;
    expect(visibleText(home)).toContain('浙ICP备12345678号-1');
    expect(visibleText(home)).toContain('主办单位：某某县人民政府办公室');
    expect(home).toContain('href="https://beian.miit.gov.cn/"');
    expect(home).toContain('href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602011234"');
  });
});

describe('privacy policy and terms', () => {
  const consents = async (email: string) => db.all('select kind, version from consents where user_id = ? order by kind, version', await userId(email));

  it('registration asks for consent to the versions in force, beside the field, and records them', async () => {
    const refused = await client().post('/register', { name: '郑一', email: 'zheng.yi@example.org', password: '同意之后才能注册 2026', privacyVersion: '1', termsVersion: '1' });
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body)).toContain('请阅读并同意个人信息保护政策和用户协议');
    expect(refused.body).toContain('value="郑一"');
    const registered = await client().post('/register', { name: '郑一', email: 'zheng.yi@example.org', password: '同意之后才能注册 2026', privacyVersion: '1', termsVersion: '1', consent: 'on' });
    expect(registered.status).toBe(302);
    expect(await consents('zheng.yi@example.org')).toEqual([
      { kind: 'privacy', version: 1 },
      { kind: 'terms', version: 1 },
    ]);
  });

  it('a new version asks everyone signed in to accept it again; a stale acceptance is refused', async () => {
    const person = client();
    await person.signIn('zheng.yi@example.org', '同意之后才能注册 2026');
    expect(visibleText((await person.get('/datasets')).body)).not.toContain('个人信息保护政策或用户协议已更新');

    const unchanged = await admin.post('/admin/legal', { intent: 'privacy', body: (await db.get<{ body: string }>("select body from legal_documents where kind = 'privacy'"))!.body });
    expect(visibleText(unchanged.body)).toContain('正文没有改动');
    const published = await admin.post('/admin/legal', { intent: 'privacy', body: '## 个人信息保护政策\n\n第二版：新增了对数据需求中联系方式的说明。' });
    expect(visibleText(published.body)).toContain('已发布第 2 版');
    expect(visibleText((await client().get('/legal/privacy')).body)).toContain('第二版：新增了对数据需求中联系方式的说明。');

    expect(visibleText((await person.get('/datasets')).body)).toContain('个人信息保护政策或用户协议已更新');
    const page = visibleText((await person.get('/account/consent')).body);
    expect(page).toContain('第二版');
    // Only the privacy policy changed: the terms (still version 1) are not asked for again.
    expect(page).toContain('第 2 版');
    expect(page).not.toContain('第 1 版');
    expect(visibleText((await person.post('/account/consent', { privacy: '1', redirectTo: '/datasets' })).body)).toContain('文件刚刚又更新了');
    const accepted = await person.post('/account/consent', { privacy: '2', redirectTo: '/datasets' });
    expect(accepted.location).toBe('/datasets');
    expect(visibleText((await person.get('/datasets')).body)).not.toContain('个人信息保护政策或用户协议已更新');
    expect(await consents('zheng.yi@example.org')).toContainEqual({ kind: 'privacy', version: 2 });
    expect((await db.get<{ n: number }>("select count(*) as n from audit_log where action = 'legal.publish'"))!.n).toBe(1);
    expect(await auditActions('user', await userId('zheng.yi@example.org'))).toContain('legal.accept');
  });
});

describe('the audit log export', () => {
  it('downloads the filtered log as CSV for Excel, with formulas defused', async () => {
    const csv = await admin.get(`/admin/audit.csv?${new URLSearchParams({ action: 'department.' })}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,action,target_type,target_id,details,ip,created_at_utc,actor_email,actor_name');
    expect(lines.slice(1).every((line) => line.split(',')[1]?.startsWith('department.'))).toBe(true);
    expect(lines.some((line) => line.includes('department.create') && line.includes(ADMIN))).toBe(true);
    expect((await client().get('/admin/audit.csv')).location).toMatch(/^\/login/);
  });
});

describe('changing one’s password', () => {
  it('needs the current password, and signs out every other session but this one', async () => {
    const here = client();
    const elsewhere = client();
    await here.signIn('zheng.yi@example.org', '同意之后才能注册 2026');
    await elsewhere.signIn('zheng.yi@example.org', '同意之后才能注册 2026');
    const wrong = await here.post('/account/password', { current: 'not my password', password: '换一个更长的新密码 2026' });
    expect(visibleText(wrong.body)).toContain('现在的密码不正确。');
    const weak = await here.post('/account/password', { current: '同意之后才能注册 2026', password: 'short' });
    expect(visibleText(weak.body)).toContain('密码太短');
    const changed = await here.post('/account/password', { current: '同意之后才能注册 2026', password: '换一个更长的新密码 2026' });
    expect(visibleText(changed.body)).toContain('密码已修改');
    expect((await here.get('/me')).status).toBe(200);
    expect((await elsewhere.get('/me')).location).toMatch(/^\/login/);
    await expect(client().signIn('zheng.yi@example.org', '同意之后才能注册 2026')).rejects.toThrow();
    await client().signIn('zheng.yi@example.org', '换一个更长的新密码 2026');
    expect(await auditActions('user', await userId('zheng.yi@example.org'))).toEqual(expect.arrayContaining(['auth.password_change_failed', 'auth.password_changed']));
  });
});

describe('the overview', () => {
  it('counts downloads and API calls this month, with the department figures', async () => {
    const visitor = client();
    expect((await visitor.get('/datasets/elderly-care-institutions/resources/7/download/csv')).status).toBe(200);
    expect((await visitor.get('/api/3/action/package_list')).status).toBe(200);
    expect((await visitor.get('/api/v1/datasets')).status).toBe(200);
    const overview = visibleText((await admin.get('/admin')).body);
    expect(overview).toMatch(/数据下载次数 1 本月至今/);
    expect(overview).toMatch(/API 调用次数 2 本月至今/);
    expect(overview).toMatch(/收到的数据需求 \d+ 已答复 \d+ 个，待答复 \d+ 个/);
  });
});
