import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL, demoTotpCode } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

async function signedIn(email: string) {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

describe('the official workspace', () => {
  it('sends a signed-out visitor to sign-in and back to the workspace afterwards', async () => {
    const http = new HttpClient(server.url);
    const first = await http.get('/manage');
    expect(first.status).toBe(302);
    expect(first.location).toBe('/login?redirectTo=%2Fmanage');

    const login = await http.post('/login', { email: TRANSPORT_OFFICIAL, password: DEMO_PASSWORD, redirectTo: '/manage' });
    expect(login.status).toBe(302);
    // Staff give their second factor next, and still arrive where they were going.
    expect(login.location).toBe('/login/two-factor?redirectTo=%2Fmanage');
    const second = await http.post(login.location ?? '', { code: demoTotpCode() });
    expect(second.location).toBe('/manage');
    const page = await http.get('/manage');
    expect(page.status).toBe(200);
  });

  it('answers a participant with a translated 403 page, not a crash', async () => {
    const http = await signedIn(PARTICIPANT);
    const page = await http.get('/manage');
    expect(page.status).toBe(403);
    expect(visibleText(page.body)).toContain('没有访问权限');
    expect(page.body).not.toMatch(/at .*\.tsx?:\d+/);
  });

  it('shows an official only their own department, drafts included', async () => {
    const http = await signedIn(CIVIL_OFFICIAL);
    const text = visibleText((await http.get('/manage')).body);
    expect(text).toContain('云溪市民政局');
    expect(text).toContain('防止救助资金重复发放和漏发');
    expect(text).toContain('智慧养老服务地图'); // draft challenge
    expect(text).toContain('社区养老服务设施'); // draft dataset
    expect(text).toContain('草稿');
    expect(text).not.toContain('用公交刷卡数据优化公交线路'); // transport's challenge
    expect(text).not.toContain('公交线路基本信息');
  });

  it('shows an admin every department', async () => {
    const http = await signedIn(ADMIN);
    const text = visibleText((await http.get('/manage')).body);
    expect(text).toContain('智慧养老服务地图');
    expect(text).toContain('用公交刷卡数据优化公交线路');
    expect(text).toContain('应急避难场所');
  });
});

describe('drafts', () => {
  it('are not found by the public or by another department, but open for their own officials', async () => {
    expect((await new HttpClient(server.url).get('/challenges/elderly-care-map')).status).toBe(404);
    expect((await new HttpClient(server.url).get('/datasets/community-care-facilities')).status).toBe(404);
    const other = await signedIn(TRANSPORT_OFFICIAL);
    expect((await other.get('/challenges/elderly-care-map')).status).toBe(404);
    expect((await other.get('/datasets/community-care-facilities')).status).toBe(404);
    const owner = await signedIn(CIVIL_OFFICIAL);
    const challenge = await owner.get('/challenges/elderly-care-map');
    expect(challenge.status).toBe(200);
    expect(visibleText(challenge.body)).toContain('草稿');
    expect((await owner.get('/datasets/community-care-facilities')).status).toBe(200);
  });

  it('never appear in public lists', async () => {
    const http = new HttpClient(server.url);
    expect(visibleText((await http.get('/challenges')).body)).not.toContain('智慧养老服务地图');
    expect(visibleText((await http.get('/datasets')).body)).not.toContain('社区养老服务设施');
  });
});

describe('the audit log', () => {
  it('records failed and successful sign-ins and shows them, filtered, to admins only', async () => {
    await new HttpClient(server.url).post('/login', { email: 'student@jindianzi.example', password: 'not the password at all' });
    await signedIn('student@jindianzi.example');
    const admin = await signedIn(ADMIN);
    const failed = visibleText((await admin.get('/admin/audit?action=auth.login_failed')).body);
    expect(failed).toContain('student@jindianzi.example');
    expect(failed).not.toContain('auth.login ');
    const byActor = visibleText((await admin.get(`/admin/audit?${new URLSearchParams({ action: 'auth.', actor: 'student@jindianzi.example' })}`)).body);
    expect(byActor).toContain('auth.login');
    expect(byActor).toContain('吴晓晨');
    expect((await (await signedIn(TRANSPORT_OFFICIAL)).get('/admin/audit')).status).toBe(403);
    expect((await new HttpClient(server.url).get('/admin/audit')).status).toBe(302);
  });
});

describe('mutations from other sites', () => {
  it('let token-authenticated API calls through without cookies, and only those', async () => {
    const anonymous = await fetch(new URL('/api/3/action/package_create', server.url), {
      method: 'POST',
      headers: { Origin: 'https://tools.example', Authorization: 'jdz_not-a-real-token-at-all', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    // Past the origin check: refused by the API itself, in CKAN's words.
    expect(anonymous.status).toBe(403);
    expect(((await anonymous.json()) as { error: { __type: string } }).error.__type).toBe('Authorization Error');
    const withCookie = await fetch(new URL('/api/3/action/package_create', server.url), {
      method: 'POST',
      headers: { Origin: 'https://tools.example', Authorization: 'jdz_not-a-real-token-at-all', Cookie: 'jdz_session=x' },
    });
    expect(await withCookie.text()).toContain('Cross-site request refused');
  });


  it('are refused before they reach an action', async () => {
    const http = new HttpClient(server.url);
    const response = await http.post('/login', { email: PARTICIPANT, password: DEMO_PASSWORD }, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.setCookies).toHaveLength(0);
  });

  it('are refused when only a foreign Referer is present', async () => {
    const response = await fetch(new URL('/logout', server.url), {
      method: 'POST',
      headers: { Referer: 'https://evil.example/page' },
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
  });

  it('sign-out by GET does nothing', async () => {
    const http = await signedIn(PARTICIPANT);
    await http.get('/logout');
    expect(visibleText((await http.get('/')).body)).toContain('退出');
  });
});
