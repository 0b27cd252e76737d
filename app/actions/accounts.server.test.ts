/**
 * The account, token and department actions on a real SQLite file: a refused actor leaves neither
 * the change nor a record, an allowed one leaves both, and the record says which door was used.
 */
import { desc, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { apiTokens, auditLog, departments, users } from '../../db/tables';
import type { Actor } from '~/lib/result';
import { listApiTokens } from '~/models/api-tokens.server';
import { createDepartment as insertDepartment } from '~/models/departments.server';
import { issueEmailToken } from '~/models/email-tokens.server';
import { createSession, getUserBySessionToken, hashSessionToken, listUserSessions } from '~/models/sessions.server';
import { getSessionUserById, type SessionUser } from '~/models/users.server';
import { createUser, verifyLogin } from '~/services/accounts.server';
import { enrolmentSecret } from '~/services/two-factor.server';
import { changeRole, completeTwoFactorSignIn, confirmSecondFactor, createAccount, enableTwoFactor, register, resetPassword } from './accounts.server';
import { createDepartment } from './departments.server';
import { createApiToken, revokeApiToken } from './tokens.server';

const CLI: Actor<null> = { user: null, ip: null, via: 'cli' };
const IP = '192.0.2.7';

function web<User extends SessionUser | null>(user: User): Actor<User> {
  return { user, ip: IP, via: 'web' };
}

async function auditCount(): Promise<number> {
  return (await getDb().select().from(auditLog)).length;
}

async function lastAudit() {
  return (await getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
}

let counter = 0;
async function person(role: 'participant' | 'official' | 'admin' = 'participant', departmentId: number | null = null): Promise<SessionUser> {
  counter += 1;
  return await createUser({ email: `person${counter}@example.cn`, name: `人${counter}`, password: 'a long memorable sentence', role, departmentId });
}

let departmentId: number;

beforeAll(async () => {
  await applyMigrations(getDb());
  departmentId = (await insertDepartment({ slug: 'civil-affairs', name: '民政局' })).id;
});

describe('a refused actor', () => {
  it('changes nothing and records nothing', async () => {
    const participant = await person();
    const target = await person();
    const official = await person('official', departmentId);
    const other = await person('official', departmentId);
    const token = await createApiToken(web(official), official.id, 'CKAN');
    if (!token.ok) throw new Error('token not made');
    const before = (await auditCount());

    const promoted = await changeRole(web(participant), target.id, 'admin', null);
    expect(promoted).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
    expect((await getSessionUserById(target.id))?.role).toBe('participant');

    // Anonymous on the web is not the command line, even without an account.
    expect(await createDepartment(web(null), { slug: 'water', name: '水务局' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
    expect(await getDb().select().from(departments).where(eq(departments.slug, 'water'))).toEqual([]);

    // Someone else's token does not exist for them; nobody makes a token for someone else on the web.
    expect(await revokeApiToken(web(other), token.value.id)).toMatchObject({ ok: false, problem: { kind: 'notFound' } });
    expect((await listApiTokens(official.id)).map((t) => t.id)).toEqual([token.value.id]);
    expect(await createApiToken(web(other), official.id, 'stolen')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
    expect(await createApiToken(web(participant), participant.id, 'mine')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
    expect(await getDb().select().from(apiTokens).where(eq(apiTokens.name, 'stolen'))).toEqual([]);

    // A taken address is the field's problem, and no account or record appears.
    const taken = await register(web(null), { name: '重复', email: target.email.toUpperCase(), password: 'another long sentence', consented: {} }, 'zh-CN');
    expect(taken).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'emailTaken', field: 'email' } });

    expect((await auditCount())).toBe(before);
  });
});

describe('an allowed actor', () => {
  it('makes the change and its record together, naming the web door by leaving via out', async () => {
    const admin = await person('admin');
    const target = await person();
    const token = await createSession(target.id, {});
    const changed = await changeRole(web(admin), target.id, 'official', departmentId);
    expect(changed).toMatchObject({ ok: true, value: { from: 'participant', user: { role: 'official', departmentId } } });
    // No session rides on the old role.
    expect(await getUserBySessionToken(token)).toBeUndefined();
    expect((await lastAudit())).toMatchObject({
      actorId: admin.id,
      action: 'user.role_change',
      targetType: 'user',
      targetId: String(target.id),
      details: { from: 'participant', to: 'official', departmentId },
      ip: IP,
    });
    expect((await lastAudit())?.details).not.toHaveProperty('via');

    const made = await createApiToken(web(await getSessionUserById(target.id) ?? target), target.id, 'Harvester');
    if (!made.ok) throw new Error('token not made');
    expect((await lastAudit())).toMatchObject({ actorId: target.id, action: 'token.create', targetId: String(made.value.id), details: { name: 'Harvester' } });
    expect(await revokeApiToken(web(target), made.value.id)).toEqual({ ok: true, value: undefined });
    expect(await listApiTokens(target.id)).toEqual([]);
    expect((await lastAudit())).toMatchObject({ actorId: target.id, action: 'token.revoke', targetType: 'api_token', targetId: String(made.value.id) });
  });

  it('resets a password once per link, ending every session, as the account it was sent to', async () => {
    const user = await person();
    const session = await createSession(user.id, {});
    const link = await issueEmailToken(user.id, 'reset');
    const reset = await resetPassword(web(null), link, 'a brand new passphrase');
    expect(reset).toMatchObject({ ok: true, value: { user: { id: user.id, emailVerified: true } } });
    expect(await getUserBySessionToken(session)).toBeUndefined();
    expect((await verifyLogin(user.email, 'a brand new passphrase'))?.id).toBe(user.id);
    expect((await lastAudit())).toMatchObject({ actorId: user.id, action: 'auth.password_reset', targetId: String(user.id), ip: IP });

    const before = (await auditCount());
    expect(await resetPassword(web(null), link, 'yet another passphrase')).toMatchObject({ ok: false, problem: { code: 'invalidToken' } });
    expect((await auditCount())).toBe(before);
  });

  it('records a wrong second factor although it refuses it, and enrols with a right one', async () => {
    const user = await person();
    const current = await createSession(user.id, {});
    const other = await createSession(user.id, {});
    const sessionId = hashSessionToken(current);
    const secret = enrolmentSecret(sessionId);
    const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
    const actor = web({ ...user, sessionId });

    const enabled = await enableTwoFactor(actor, code);
    expect(enabled.ok && enabled.value.codes).toHaveLength(10);
    // A session opened before the second factor, perhaps with a stolen password, is gone.
    expect((await listUserSessions(user.id)).map((s) => s.id)).toEqual([sessionId]);
    expect(await getUserBySessionToken(other)).toBeUndefined();
    expect((await lastAudit())).toMatchObject({ actorId: user.id, action: 'auth.two_factor_enabled' });

    const enrolled = { ...actor, user: { ...actor.user, twoFactorEnabled: true } };
    const before = (await auditCount());
    expect(await confirmSecondFactor(enrolled, '12345')).toMatchObject({ ok: false, problem: { code: 'wrongCode', field: 'code' } });
    expect((await auditCount())).toBe(before + 1);
    expect((await lastAudit())).toMatchObject({ actorId: user.id, action: 'auth.step_up_failed' });

    // A recovery code signs in once, and says so in the record.
    const recovery = enabled.ok ? enabled.value.codes[0] : '';
    expect(await completeTwoFactorSignIn(web(user), recovery ?? '')).toEqual({ ok: true, value: { matched: 'recovery' } });
    expect((await lastAudit())).toMatchObject({ action: 'auth.login', details: { secondFactor: 'recovery' } });
    expect(await completeTwoFactorSignIn(web(user), recovery ?? '')).toMatchObject({ ok: false });
    expect((await lastAudit())).toMatchObject({ action: 'auth.two_factor_failed' });
  });
});

describe('the command line', () => {
  it('acts without an account, and its records carry via cli', async () => {
    const created = await createAccount(CLI, { email: 'operator.made@example.cn', name: '操作员建', password: 'a long memorable sentence', role: 'official', departmentId });
    if (!created.ok) throw new Error('account not made');
    expect(created.value).toMatchObject({ role: 'official', departmentId, emailVerified: true });
    expect((await lastAudit())).toMatchObject({
      actorId: null,
      ip: null,
      action: 'user.create',
      targetId: String(created.value.id),
      details: { email: 'operator.made@example.cn', role: 'official', departmentId, via: 'cli' },
    });

    const token = await createApiToken(CLI, created.value.id, 'CLI');
    expect(token.ok).toBe(true);
    expect((await lastAudit())).toMatchObject({ actorId: null, action: 'token.create', details: { email: 'operator.made@example.cn', name: 'CLI', via: 'cli' } });

    const department = await createDepartment(CLI, { slug: 'transport', name: '交通运输局' });
    expect(department).toMatchObject({ ok: true, value: { slug: 'transport' } });
    expect((await lastAudit())).toMatchObject({ action: 'department.create', details: { slug: 'transport', name: '交通运输局', via: 'cli' } });
    const before = (await auditCount());
    expect(await createDepartment(CLI, { slug: 'transport', name: '又一个' })).toMatchObject({ ok: false, problem: { kind: 'conflict', code: 'slugTaken' } });
    expect((await auditCount())).toBe(before);
    expect(await getDb().select().from(users).where(eq(users.email, 'operator.made@example.cn'))).toHaveLength(1);
  });
});
