/**
 * A person's own data: "download my data" holds what the platform keeps about them, and deleting
 * the account leaves no personal value of theirs in any table (the audit log keeps their id only),
 * while what they contributed stays under 已注销用户 and a team they led passes to a teammate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeFlows } from '../helpers/challenge-flows';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: ServerDatabase;
const { signedIn, register, createChallenge, startEntry } = challengeFlows(() => ({ url: server.url, db }));

const NAME = '独一无二的删除者';
const EMAIL = 'erase.me.completely@example.org';
const PASSWORD = `${NAME} 的长密码 2026`;

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** Every (table, column) whose text holds `value`, outside the audit log. */
async function tablesHolding(value: string): Promise<string[]> {
  // Each engine's catalogue: on SQLite text and untyped columns, on PostgreSQL text and JSON ones.
  const columns =
    db.engine === 'sqlite'
      ? await db.all<{ t: string; c: string }>(
          "select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '%_fts%' and m.name <> 'audit_log' and (p.type like '%text%' or p.type = '')",
        )
      : await db.all<{ t: string; c: string }>(
          "select c.table_name as t, c.column_name as c from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name <> 'audit_log' and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')",
        );
  const contains = (column: string) => (db.engine === 'sqlite' ? `instr("${column}", ?) > 0` : `strpos(cast("${column}" as text), ?) > 0`);
  const found: string[] = [];
  for (const { t: table, c: column } of columns) {
    if (await db.get(`select 1 from "${table}" where ${contains(column)} limit 1`, value)) found.push(`${table}.${column}`);
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
    userId = (await db.get<{ id: number }>('select id from users where email = ?', EMAIL))?.id ?? 0;
    // A data request, a comment on it, a failed sign-in with the address, and an entry with a teammate.
    const asked = await person.post('/requests/new', { title: '删除测试用的数据需求', description: '这条需求用来检查注销账号后内容保留、个人信息删除。', purpose: '', department: 'transport' });
    requestId = Number(asked.location?.split('/').pop());
    expect((await person.post(`/requests/${requestId}`, { intent: 'comment.create', body: '我补充一句：按月更新就够了。' })).status).toBe(302);
    await new HttpClient(server.url).post('/login', { email: EMAIL, password: 'not the password' });
    const official = await signedIn(TRANSPORT_OFFICIAL);
    const slug = await createChallenge(official, {});
    entryId = await startEntry(person, slug);
    await register('留下的队友', 'stays.on@example.org');
    teammateId = (await db.get<{ id: number }>('select id from users where email = ?', 'stays.on@example.org'))?.id ?? 0;
    const challengeId = (await db.get<{ c: number }>('select challenge_id as c from submissions where id = ?', entryId))?.c;
    await db.run(
      "insert into submission_members (submission_id, challenge_id, user_id, email, role, status, created_at, joined_at) values (?, ?, ?, ?, 'member', 'active', ?, ?)",
      entryId,
      challengeId,
      teammateId,
      'stays.on@example.org',
      new Date(),
      new Date(),
    );

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
    // The search below looks where the values are before the deletion.
    expect(await tablesHolding(EMAIL)).toContain('users.email');
    expect(await tablesHolding(NAME)).toContain('users.name');
    const wrong = await person.post('/account/delete', { password: 'not my password' });
    expect(visibleText(wrong.body)).toContain('现在的密码不正确');
    const deleted = await person.post('/account/delete', { password: PASSWORD });
    expect(deleted.status, server.output().slice(-3000)).toBe(302);
    expect(deleted.location).toBe('/?accountDeleted=1');
    expect((await person.get('/me')).location).toMatch(/^\/login/);
    await expect(new HttpClient(server.url).signIn(EMAIL, PASSWORD)).rejects.toThrow();

    // No personal value of theirs in any table but the append-only audit log, which refers to them by id.
    expect(await tablesHolding(EMAIL)).toEqual([]);
    expect(await tablesHolding(NAME)).toEqual([]);
    expect(await db.get("select actor_id from audit_log where action = 'user.delete'")).toEqual({ actor_id: userId });
    expect(await db.get("select actor_id from audit_log where action = 'user.register' and target_id = ?", String(userId))).toEqual({ actor_id: userId });

    // What they wrote stays, by 已注销用户; their team now belongs to the teammate.
    const page = visibleText((await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(`/requests/${requestId}`)).body);
    expect(page).toContain('按月更新就够了');
    expect(page).toContain('已注销用户');
    expect(await db.get("select user_id from submission_members where submission_id = ? and role = 'owner'", entryId)).toEqual({ user_id: teammateId });
  });
});
