import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../tests/helpers/sql';
import { applyMigrations } from '../../db/migrate';
import { createSession, deleteUserSessions, getUserBySessionToken, hashSessionToken } from './sessions.server';
import { createUser, verifyLogin } from '~/services/accounts.server';
import { EmailTakenError, getSessionUserById, listPeople, setUserRole } from './users.server';
import { createDepartment, setDepartmentDeactivated } from './departments.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

describe('accounts', () => {
  it('stores e-mail normalised and refuses a duplicate in any case', async () => {
    const user = await createUser({ email: '  Wang.Fang@Example.CN ', name: '王芳', password: 'a long memorable sentence' });
    expect(user.email).toBe('wang.fang@example.cn');
    await expect(createUser({ email: 'WANG.FANG@example.cn', name: 'x', password: 'another long sentence' })).rejects.toBeInstanceOf(EmailTakenError);
  });

  it('verifies credentials without saying which part was wrong', async () => {
    await createUser({ email: 'li@example.cn', name: '李', password: 'the right passphrase' });
    expect((await verifyLogin('LI@example.cn', 'the right passphrase'))?.name).toBe('李');
    expect(await verifyLogin('li@example.cn', 'the wrong passphrase')).toBeNull();
    expect(await verifyLogin('nobody@example.cn', 'the right passphrase')).toBeNull();
  });

  it('ties officials to a department and clears it for other roles', async () => {
    const department = await createDepartment({ slug: 'stats', name: '统计局' });
    const user = await createUser({ email: 'stats@example.cn', name: '统计员', password: 'a long memorable sentence' });
    await setUserRole(user.id, 'official', department.id);
    expect((await getSessionUserById(user.id))?.departmentName).toBe('统计局');
    await setUserRole(user.id, 'participant', department.id);
    expect((await getSessionUserById(user.id))?.departmentId).toBeNull();
  });

  it('keeps the officials of a deactivated department out until they are reassigned', async () => {
    const department = await createDepartment({ slug: 'merged', name: '已撤并局' });
    const user = await createUser({ email: 'merged@example.cn', name: '撤并', password: 'a long memorable sentence', role: 'official', departmentId: department.id });
    await setDepartmentDeactivated(department.id, true);
    expect(await verifyLogin('merged@example.cn', 'a long memorable sentence')).toBeNull();
    await setUserRole(user.id, 'participant', null);
    expect((await verifyLogin('merged@example.cn', 'a long memorable sentence'))?.role).toBe('participant');
  });

  it('finds people by the start of the name or address, with wildcards taken literally', async () => {
    await createUser({ email: 'wang_5@example.cn', name: '王五', password: 'a long memorable sentence' });
    await createUser({ email: 'wangx5@example.cn', name: '王六', password: 'a long memorable sentence' });
    expect((await listPeople({ q: 'WANG_5', limit: 10, offset: 0 })).rows.map((p) => p.name)).toEqual(['王五']);
    expect((await listPeople({ q: 'WANGX', limit: 10, offset: 0 })).rows.map((p) => p.name)).toEqual(['王六']);
    expect((await listPeople({ q: '王', limit: 10, offset: 0 })).rows.map((p) => p.name)).toEqual(['王六', '王五', '王芳']);
    expect((await listPeople({ q: 'example.cn', limit: 10, offset: 0 })).total).toBe(0);
  });
});

describe('sessions', () => {
  it('stores only a hash of the token and resolves the user from the token', async () => {
    const user = await createUser({ email: 'zhao@example.cn', name: '赵', password: 'a long memorable sentence' });
    const token = await createSession(user.id, { ip: '127.0.0.1', userAgent: 'test' });
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const rows = await sqlRows<{ id: string }>(sql`select id from sessions where user_id = ${user.id}`);
    expect(rows.map((r) => r.id)).toEqual([hashSessionToken(token)]);
    expect(rows[0]?.id).not.toContain(token);
    expect((await getUserBySessionToken(token))?.id).toBe(user.id);
    expect(await getUserBySessionToken(`${token}x`)).toBeUndefined();
  });

  it('forgets expired and idle sessions, and can end all of a user’s sessions', async () => {
    const user = await createUser({ email: 'qian@example.cn', name: '钱', password: 'a long memorable sentence' });
    const now = new Date();
    const token = await createSession(user.id, {}, now);
    expect(await getUserBySessionToken(token, new Date(now.getTime() + 31 * 24 * 3600 * 1000))).toBeUndefined();
    // Deleted on sight: even "now" it no longer resolves.
    expect(await getUserBySessionToken(token, now)).toBeUndefined();

    const a = await createSession(user.id, {});
    const b = await createSession(user.id, {});
    await deleteUserSessions(user.id, a);
    expect((await getUserBySessionToken(a))?.id).toBe(user.id);
    expect(await getUserBySessionToken(b)).toBeUndefined();
  });
});
