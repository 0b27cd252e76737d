import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT } from '../helpers/demo';
import { HttpClient, inputValue, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

function client(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return new HttpClient(server.url, { 'Accept-Language': locale });
}

describe('registration', () => {
  it('creates an account, signs the person in and sends them where they were going', async () => {
    const http = client();
    const response = await http.post('/register', {
      consent: 'on',
      name: '新用户',
      email: 'New.User@Example.com',
      password: 'a long memorable sentence',
      redirectTo: '/datasets',
    });
    expect(response.status).toBe(302);
    // No SMTP here: the next page says no mail was sent, and leads on to where they were going.
    expect(response.location).toBe(`/account/verify?${new URLSearchParams({ registered: '1', redirectTo: '/datasets' })}`);
    const cookie = response.setCookies.find((c) => c.startsWith('jdz_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Plain HTTP (a county intranet) must still be able to sign in: no Secure flag here.
    expect(cookie).not.toMatch(/Secure/i);

    const home = await http.get('/');
    expect(visibleText(home.body)).toContain('新用户');
    expect(visibleText(home.body)).toContain('退出');
  });

  it('refuses an e-mail that is already registered, in Chinese, keeping what was typed', async () => {
    const response = await client().post('/register', { consent: 'on', name: '周小雨二号', email: 'CITIZEN@jindianzi.example', password: 'another fine passphrase' });
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('这个邮箱已经注册过了');
    expect(inputValue(response.body, 'name')).toBe('周小雨二号');
    // What the person typed comes back as typed.
    expect(inputValue(response.body, 'email')).toBe('CITIZEN@jindianzi.example');
    // Passwords are never echoed back.
    expect(inputValue(response.body, 'password') ?? '').toBe('');
  });

  it('explains a short password and a malformed e-mail next to the fields', async () => {
    const short = await client().post('/register', { consent: 'on', name: 'Ann', email: 'ann@example.com', password: 'short' });
    expect(visibleText(short.body)).toContain('密码太短：至少需要 8 个字符。');
    expect(inputValue(short.body, 'email')).toBe('ann@example.com');

    const malformed = await client('en').post('/register', { consent: 'on', name: 'Ann', email: 'ann-at-example', password: 'correct horse battery' });
    expect(visibleText(malformed.body)).toContain('Please enter a valid email address');
    expect(inputValue(malformed.body, 'name')).toBe('Ann');
    expect(inputValue(malformed.body, 'email')).toBe('ann-at-example');
  });

  it('refuses passwords from the common-password list', async () => {
    const response = await client().post('/register', { consent: 'on', name: 'Bo', email: 'bo@example.com', password: 'password123' });
    expect(visibleText(response.body)).toContain('这个密码太常见');
  });
});

describe('sign-in', () => {
  it('gives one generic message for a wrong password and for an unknown account', async () => {
    const wrongPassword = await client().post('/login', { email: PARTICIPANT, password: 'not the password' });
    const unknownUser = await client().post('/login', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrongPassword.status).toBe(200);
    expect(unknownUser.status).toBe(200);
    expect(visibleText(wrongPassword.body)).toContain('邮箱或密码不正确。');
    expect(visibleText(unknownUser.body)).toContain('邮箱或密码不正确。');
    expect(inputValue(wrongPassword.body, 'email')).toBe(PARTICIPANT);
    expect(wrongPassword.setCookies.some((c) => c.startsWith('jdz_session='))).toBe(false);
  });

  it('signs in with the right password, issues a fresh session and signs out with POST', async () => {
    const http = client();
    await http.get('/');
    const signedIn = await http.post('/login', { email: PARTICIPANT, password: DEMO_PASSWORD, redirectTo: '/challenges' });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe('/challenges');
    const firstToken = http.cookies.get('jdz_session');

    // Signing in again rotates the session token.
    await http.post('/login', { email: PARTICIPANT, password: DEMO_PASSWORD });
    expect(http.cookies.get('jdz_session')).toBeDefined();
    expect(http.cookies.get('jdz_session')).not.toBe(firstToken);

    const out = await http.post('/logout', {});
    expect(out.status).toBe(302);
    const after = await http.get('/');
    expect(visibleText(after.body)).toContain('登录');
    expect(visibleText(after.body)).not.toContain('退出');
  });

  it('does not keep a session alive after sign-out even if the old cookie is replayed', async () => {
    const http = client();
    await http.signIn(PARTICIPANT, DEMO_PASSWORD);
    const stolen = http.cookies.get('jdz_session') ?? '';
    await http.post('/logout', {});
    const replay = new HttpClient(server.url);
    replay.cookies.set('jdz_session', stolen);
    const response = await replay.get('/manage');
    expect(response.status).toBe(302);
    expect(response.location).toMatch(/^\/login\?redirectTo=/);
  });

  it('makes an account wait longer after repeated wrong passwords, whoever is trying, and says so', async () => {
    const email = 'volunteer@jindianzi.example';
    const statuses: number[] = [];
    // Each attempt from another address: the delay belongs to the account, not the visitor.
    for (let i = 0; i < 5; i += 1) statuses.push((await client().post('/login', { email, password: `wrong guess ${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await client().post('/login', { email, password: DEMO_PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(visibleText(refused.body)).toContain('尝试次数太多，请 1 分钟后再试');
    expect(inputValue(refused.body, 'email')).toBe(email);
    // Other accounts are not affected.
    expect((await client().post('/login', { email: PARTICIPANT, password: DEMO_PASSWORD })).status).toBe(302);
  });

  it('limits sign-in attempts from one address across accounts', async () => {
    const http = client();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await http.post('/login', { email: `nobody${i}@example.org`, password: 'whatever it is' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('never redirects off-site after sign-in', async () => {
    const response = await client().post('/login', { email: PARTICIPANT, password: DEMO_PASSWORD, redirectTo: '//evil.example/steal' });
    expect(response.status).toBe(302);
    expect(response.location).toBe('/');
  });

  it('uses a __Host- Secure cookie when the site is reached over HTTPS through a trusted proxy', async () => {
    const secure = await startServer({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const http = new HttpClient(secure.url, { 'X-Forwarded-Proto': 'https' });
      const response = await http.request('/login', {
        method: 'POST',
        body: new URLSearchParams({ email: PARTICIPANT, password: DEMO_PASSWORD }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: secure.url.replace('http:', 'https:') },
      });
      expect(response.status).toBe(302);
      const cookie = response.setCookies.find((c) => c.startsWith('__Host-jdz_session='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const page = await http.get('/');
      expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(visibleText(page.body)).toContain('周小雨');
    } finally {
      await secure.stop();
    }
  });
});
