/**
 * A person's own data: "download my data" holds what the platform keeps about them, and deleting
 * the account leaves no personal value of theirs in any table (the audit log keeps their id only),
 * while what they contributed stays under 已注销用户 and a team they led passes to a teammate.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeFlows } from '../helpers/challenge-flows';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: Database.Database;
const { signedIn, register, createChallenge, startEntry } = challengeFlows(() => ({ url: server.url, db }));

const NAME = '独一无二的删除者';
const EMAIL = 'erase.me.completely@example.org';
const PASSWORD = `${NAME} 的长密码 2026`;

beforeAll(async () => {
  server = await startServer();
  db = new Database(path.join(server.dataDir, 'jindianzi.db'));
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

/** Every (table, column) whose text holds `value`, outside the audit log. */
function tablesHolding(value: string): string[] {
  const found: string[] = [];
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name <> 'audit_log'").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = db.prepare(`select name, type from pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    for (const column of columns) {
      if (!/text/i.test(column.type) && column.type !== '') continue;
      const hit = db.prepare(`select 1 from "${name}" where instr("${column.name}", ?) > 0 limit 1`).get(value);
      if (hit) found.push(`${name}.${column.name}`);
    }
  }
  return found;
}

describe('a person’s own data', () => {
  let person: HttpClient;
  let userId: number;
  let entryId: number;
  let teammateId: number;
  let requestId: number;

  it('is all in the download: account, consents, requests, comments, entries', async () => {
    person = await register(NAME, EMAIL);
    userId = (db.prepare('select id from users where email = ?').get(EMAIL) as { id: number }).id;
    // A data request, a comment on it, a failed sign-in with the address, and an entry with a teammate.
    const asked = await person.post('/requests/new', { title: '删除测试用的数据需求', description: '这条需求用来检查注销账号后内容保留、个人信息删除。', purpose: '', department: 'transport' });
    requestId = Number(asked.location?.split('/').pop());
    expect((await person.post(`/requests/${requestId}`, { intent: 'comment.create', body: '我补充一句：按月更新就够了。' })).status).toBe(302);
    await new HttpClient(server.url).post('/login', { email: EMAIL, password: 'not the password' });
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    entryId = await startEntry(person, slug);
    await register('留下的队友', 'stays.on@example.org');
    teammateId = (db.prepare('select id from users where email = ?').get('stays.on@example.org') as { id: number }).id;
    const challengeId = (db.prepare('select challenge_id as c from submissions where id = ?').get(entryId) as { c: number }).c;
    db.prepare("insert into submission_members (submission_id, challenge_id, user_id, email, role, status, created_at, joined_at) values (?, ?, ?, ?, 'member', 'active', ?, ?)").run(entryId, challengeId, teammateId, 'stays.on@example.org', Date.now(), Date.now());

    const exported = await person.get('/account/export.json');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="jindianzi-my-data-/);
    const data = JSON.parse(exported.body) as Record<string, unknown[]> & { account: { email: string; name: string } };
    expect(data.account).toMatchObject({ email: EMAIL, name: NAME });
    expect(JSON.stringify(data.consents)).toContain('privacy');
    expect(JSON.stringify(data.dataRequests)).toContain('删除测试用的数据需求');
    expect(JSON.stringify(data.comments)).toContain('按月更新就够了');
    expect(data.entries).toEqual([expect.objectContaining({ team_role: 'owner', membership: 'active' })]);
    expect(exported.body).not.toMatch(/password_hash|token_hash|totp_secret|scrypt\$/);
  });

  it('includes the person’s applications for conditional data, with the dataset they concern', async () => {
    const researcher = new HttpClient(server.url);
    await researcher.signIn('researcher@jindianzi.example', DEMO_PASSWORD);
    const data = JSON.parse((await researcher.get('/account/export.json')).body) as { accessApplications: { dataset: string; status: string; purpose: string; created_at: string }[]; accessGrants: unknown[]; grantReads: unknown[] };
    expect(data.accessApplications).toHaveLength(1);
    expect(data.accessApplications[0]).toMatchObject({ status: 'pending' });
    expect(data.accessApplications[0]?.purpose).not.toBe('');
    expect(data.accessApplications[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Array.isArray(data.accessGrants) && Array.isArray(data.grantReads)).toBe(true);
  });

  it('is erased by deleting the account, which keeps contributions under 已注销用户 and passes the team on', async () => {
    const wrong = await person.post('/account/delete', { password: 'not my password' });
    expect(visibleText(wrong.body)).toContain('现在的密码不正确');
    const deleted = await person.post('/account/delete', { password: PASSWORD });
    expect(deleted.status, server.output().slice(-3000)).toBe(302);
    expect(deleted.location).toBe('/?accountDeleted=1');
    expect((await person.get('/me')).location).toMatch(/^\/login/);
    await expect(new HttpClient(server.url).signIn(EMAIL, PASSWORD)).rejects.toThrow();

    // No personal value of theirs in any table but the append-only audit log, which refers to them by id.
    expect(tablesHolding(EMAIL)).toEqual([]);
    expect(tablesHolding(NAME)).toEqual([]);
    expect(db.prepare("select actor_id from audit_log where action = 'user.delete'").get()).toEqual({ actor_id: userId });
    expect(db.prepare("select actor_id from audit_log where action = 'user.register' and target_id = ?").get(String(userId))).toEqual({ actor_id: userId });

    // What they wrote stays, by 已注销用户; their team now belongs to the teammate.
    const page = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(`/requests/${requestId}`)).body);
    expect(page).toContain('按月更新就够了');
    expect(page).toContain('已注销用户');
    expect(db.prepare("select user_id from submission_members where submission_id = ? and role = 'owner'").get(entryId)).toEqual({ user_id: teammateId });
  });
});
