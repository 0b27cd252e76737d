/**
 * Account mail against a real SMTP server on loopback (smtp-server): registration sends a
 * verification link that unlocks voting and submitting; a password reset link works once, within
 * its hour, and signs out every other session; a failing SMTP server leaves mail queued and
 * retried, not lost; without SMTP settings mail waits in the outbox for admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let server: TestServer;
const waitForMail = (to: string, count = 1) => smtp.waitForMail(to, count);

function linkIn(body: string, route: string): string {
  const match = new RegExp(`https?://[^\\s]+/${route}\\?token=[\\w-]+`).exec(body);
  if (!match) throw new Error(`no ${route} link in:\n${body}`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

beforeAll(async () => {
  smtp = await startSmtp();
  const smtpPort = smtp.port;
  server = await startServer({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_SECURE: 'false', MAIL_FROM: '金点子 <no-reply@jindianzi.test>' } });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('e-mail verification', () => {
  it('sends a link on registration; until it is opened, asking for data waits', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    expect((await http.post('/register', { consent: 'on', name: '林晓', email: 'Lin.Xiao@example.org', password: '清晨的公交站台 2026' })).status).toBe(302);
    const [body = ''] = await waitForMail('lin.xiao@example.org');
    expect(smtp.inbox.at(-1)?.from).toBe('no-reply@jindianzi.test');
    expect(body).toContain('林晓，你好');

    const blocked = await http.get('/requests/new');
    expect(blocked.status).toBe(302);
    expect(blocked.location).toMatch(/^\/account\/verify\?redirectTo=%2Frequests%2Fnew/);
    expect(visibleText((await http.get(blocked.location ?? '')).body)).toContain('需要先确认 lin.xiao@example.org 是你的邮箱');

    const link = linkIn(body, 'verify-email');
    expect(visibleText((await new HttpClient(server.url).get(link)).body)).toContain('邮箱已验证');
    expect((await http.get('/requests/new')).status).toBe(200);
    // Opening it again (or after a mail scanner did) still says it worked; a made-up link does not.
    expect(visibleText((await new HttpClient(server.url).get(link)).body)).toContain('邮箱已验证');
    expect(visibleText((await new HttpClient(server.url).get('/verify-email?token=made-up')).body)).toContain('链接无效或已过期');
  });

  it('resends on request, but not without limit', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await http.post('/register', { consent: 'on', name: '陈默', email: 'chen.mo@example.org', password: '安静的图书馆 2026' });
    await waitForMail('chen.mo@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await http.post('/account/verify', { intent: 'resend' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await waitForMail('chen.mo@example.org', 4);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and signs out every other session', async () => {
    const email = 'reset.me@example.org';
    const elsewhere = new HttpClient(server.url);
    await elsewhere.post('/register', { consent: 'on', name: '周航', email, password: '原来的密码很长 2026' });
    await waitForMail(email);
    expect((await elsewhere.get('/me')).status).toBe(200);

    const visitor = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const asked = await visitor.post('/forgot-password', { email: 'RESET.ME@example.org' });
    expect(visibleText(asked.body)).toContain('重设链接已经发到这个邮箱');
    // An unknown address gets the same answer, and no mail.
    const unknown = await visitor.post('/forgot-password', { email: 'nobody@example.org' });
    expect(visibleText(unknown.body)).toContain('如果 nobody@example.org 注册过金点子');

    const mails = await waitForMail(email, 2);
    const link = linkIn(mails[1] ?? '', 'reset-password');
    const weak = await visitor.post(link, { password: 'password' });
    expect(visibleText(weak.body)).toContain('这个密码太常见');
    const done = await visitor.post(link, { password: '新的密码也要够长 2026' });
    expect(done.status).toBe(302);
    expect((await visitor.get('/me')).status).toBe(200);
    // The other browser was signed out; the old password no longer works; the link is used up.
    expect((await elsewhere.get('/me')).status).toBe(302);
    const old = await new HttpClient(server.url).post('/login', { email, password: '原来的密码很长 2026' });
    expect(old.status).toBe(200);
    await new HttpClient(server.url).signIn(email, '新的密码也要够长 2026');
    expect(visibleText((await new HttpClient(server.url).get(link)).body)).toContain('这个重设链接无效');
    expect(smtp.inbox.some((m) => m.to.includes('nobody@example.org'))).toBe(false);
    // With a mail server, the outbox keeps the record but not the links: an admin cannot take over accounts.
    const admin = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await admin.signIn(ADMIN, DEMO_PASSWORD);
    const outbox = await admin.get(`/admin/outbox?${new URLSearchParams({ to: email })}`);
    expect(visibleText(outbox.body)).toContain('重设你的金点子密码');
    expect(outbox.body).not.toContain('reset-password?token=');
  });

  it('expires after an hour', async () => {
    const email = 'slow.reader@example.org';
    await new HttpClient(server.url).post('/register', { consent: 'on', name: '慢读者', email, password: '慢慢读完这封信 2026' });
    await waitForMail(email);
    await new HttpClient(server.url).post('/forgot-password', { email });
    const [, body = ''] = await waitForMail(email, 2);
    const db = await openServerDatabase(server);
    await db.run("update email_tokens set expires_at = ? where purpose = 'reset'", new Date(Date.now() - 1));
    await db.close();
    expect(visibleText((await new HttpClient(server.url).get(linkIn(body, 'reset-password'))).body)).toContain('这个重设链接无效');
  });
});

describe('a failing SMTP server', () => {
  it('leaves mail queued with the error, and delivers it on a later attempt', async () => {
    smtp.setRefuse(true);
    const email = 'patient@example.org';
    const response = await new HttpClient(server.url).post('/register', { consent: 'on', name: '耐心', email, password: '邮件总会到的 2026' });
    // The page does not wait for, or fail with, the mail server.
    expect(response.status).toBe(302);
    const db = await openServerDatabase(server);
    try {
      let row: { status: string; attempts: number; last_error: string | null } | undefined;
      // Up to 20 s: on a busy machine the first attempt can take a while to come round.
      for (let i = 0; i < 400 && !(row && row.attempts > 0); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await db.get('select status, attempts, last_error from mail_outbox where "to" = ?', email);
      }
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row?.last_error).toContain('try again later');
      // The relay recovers; the retry comes due (moved forward instead of waiting a minute).
      smtp.setRefuse(false);
      await db.run('update mail_outbox set next_attempt_at = ? where "to" = ?', new Date(Date.now() - 1), email);
    } finally {
      await db.close();
    }
    // The next mail sent wakes the worker (it also polls every 30 s), which delivers both.
    await new HttpClient(server.url).post('/forgot-password', { email });
    const bodies = await waitForMail(email, 2);
    expect(bodies.some((b) => b.includes('/verify-email?token='))).toBe(true);
    expect(bodies.some((b) => b.includes('/reset-password?token='))).toBe(true);
  });
});

describe('changing the e-mail address', () => {
  it('takes effect only through the link sent to the new address, and tells the old one', async () => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await http.post('/register', { consent: 'on', name: '换邮箱', email: 'old.address@example.org', password: '换一个邮箱试试 2026' });
    await waitForMail('old.address@example.org');
    const wrong = await http.post('/account/email', { email: 'new.address@example.org', password: 'not my password' });
    expect(visibleText(wrong.body)).toContain('现在的密码不正确');
    const sent = await http.post('/account/email', { email: 'new.address@example.org', password: '换一个邮箱试试 2026' });
    expect(visibleText(sent.body)).toContain('确认链接已发到 new.address@example.org');
    const [notice = ''] = (await waitForMail('old.address@example.org', 2)).filter((b) => b.includes('new.address@example.org'));
    expect(notice).toContain('如果这不是你本人操作');
    const [body = ''] = await waitForMail('new.address@example.org');
    const link = linkIn(body, 'account/email/confirm');
    // Until confirmed, nothing changed; opening the link (a mail scanner) changes nothing either.
    expect(visibleText((await new HttpClient(server.url).get(link)).body)).toContain('把账号的邮箱改为 new.address@example.org');
    await new HttpClient(server.url).signIn('old.address@example.org', '换一个邮箱试试 2026');
    expect(visibleText((await new HttpClient(server.url).post(link, { intent: 'confirm' })).body)).toContain('邮箱已修改');
    expect((await http.get('/me')).location).toMatch(/^\/login/);
    await new HttpClient(server.url).signIn('new.address@example.org', '换一个邮箱试试 2026');
    await expect(new HttpClient(server.url).signIn('old.address@example.org', '换一个邮箱试试 2026')).rejects.toThrow();
    expect(visibleText((await new HttpClient(server.url).post(link, { intent: 'confirm' })).body)).toContain('确认链接无效');
  });
});

describe('the admin’s outbox', () => {
  it('checks the mail server with a test mail to the admin, and sends a mail again on request', async () => {
    const admin = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await admin.signIn(ADMIN, DEMO_PASSWORD);
    expect(visibleText((await admin.get('/admin/outbox')).body)).toContain('邮件服务器已配置');
    const tested = await admin.post('/admin/outbox', { intent: 'test' });
    expect(visibleText(tested.body)).toContain('邮件服务器接受了连接');
    const [body = ''] = await waitForMail(ADMIN);
    expect(body).toContain('平台的邮件设置是正确的');
    // "It never arrived": the same mail again, as a new entry.
    const db = await openServerDatabase(server);
    const id = (await db.get<{ id: number }>('select id from mail_outbox where "to" = ? and kind = ? order by id desc', ADMIN, 'test'))?.id;
    await db.close();
    expect(id).toBeDefined();
    expect(visibleText((await admin.post('/admin/outbox', { intent: `resend:${id}` })).body)).toContain('已作为一封新邮件放入发件队列');
    await waitForMail(ADMIN, 2);
    expect(visibleText((await admin.post('/admin/outbox', { intent: `retry:${id}` })).body)).toContain('这封邮件没有发送失败');
  });
});

describe('without SMTP settings', () => {
  it('keeps mail in the outbox, which admins can read and others cannot', async () => {
    const local = await startServer();
    try {
      await new HttpClient(local.url).post('/register', { consent: 'on', name: '离线', email: 'offline@example.org', password: '没有邮件服务器 2026' });
      const admin = new HttpClient(local.url, { 'Accept-Language': 'zh-CN' });
      await admin.signIn(ADMIN, DEMO_PASSWORD);
      const outbox = visibleText((await admin.get('/admin/outbox')).body);
      expect(outbox).toContain('offline@example.org');
      expect(outbox).toContain('请验证你在金点子的邮箱');
      const participant = new HttpClient(local.url);
      await participant.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
      expect((await participant.get('/admin/outbox')).status).toBe(403);
    } finally {
      await local.stop();
    }
  });
});
