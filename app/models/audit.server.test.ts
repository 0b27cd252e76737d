import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { listAudit, recordAudit } from './audit.server';
import { insertUserWithHash } from './users.server';

beforeAll(() => {
  applyMigrations(getDb());
});

describe('the audit log', () => {
  it('cannot be changed or emptied, even with direct SQL', async () => {
    await recordAudit({ actorId: null, action: 'test.entry', details: { a: 1 } });
    const client = getDb().$client;
    expect(() => client.prepare("update audit_log set action = 'forged'").run()).toThrow(/append-only/);
    expect(() => client.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect((await listAudit({ limit: 10, offset: 0 })).rows[0]?.action).toBe('test.entry');
  });

  it('keeps entries when their actor is deleted', async () => {
    const user = await insertUserWithHash({ email: 'gone@example.cn', name: '离职', passwordHash: 'x' });
    await recordAudit({ actorId: user.id, action: 'test.actor' });
    getDb().$client.prepare('delete from users where id = ?').run(user.id);
    const { rows } = await listAudit({ action: 'test.actor', limit: 10, offset: 0 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorEmail).toBeNull();
  });

  it('filters by action prefix, actor and time', async () => {
    const user = await insertUserWithHash({ email: 'auditor@example.cn', name: '审计', passwordHash: 'x' });
    await recordAudit({ actorId: user.id, action: 'privacy.decide', targetType: 'resource', targetId: 7 });
    await recordAudit({ actorId: null, action: 'auth.login_failed', details: { email: 'x@example.cn' } });
    expect((await listAudit({ action: 'privacy.', limit: 10, offset: 0 })).rows.map((r) => r.action)).toEqual(['privacy.decide']);
    expect((await listAudit({ actor: 'auditor@example.cn', limit: 10, offset: 0 })).total).toBe(1);
    expect((await listAudit({ until: new Date(0), limit: 10, offset: 0 })).total).toBe(0);
  });
});
