import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { runSql } from '../../tests/helpers/sql';
import { applyMigrations } from '../../db/migrate';
import { listAudit, recordAudit } from './audit.server';
import { insertUserWithHash } from './users.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

describe('the audit log', () => {
  it('cannot be changed or emptied, even with direct SQL', async () => {
    await recordAudit({ actorId: null, action: 'test.entry', details: { a: 1 } });
    await expect(runSql(sql`update audit_log set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(runSql(sql`delete from audit_log`)).rejects.toThrow(/append-only/);
    if (engine() === 'postgres') await expect(runSql(sql`truncate audit_log`)).rejects.toThrow(/append-only/);
    expect((await listAudit({ limit: 10, offset: 0 })).rows[0]?.action).toBe('test.entry');
  });

  it('keeps entries when their actor is deleted', async () => {
    const user = await insertUserWithHash({ email: 'gone@example.cn', name: '离职', passwordHash: 'x' });
    await recordAudit({ actorId: user.id, action: 'test.actor' });
    await runSql(sql`delete from users where id = ${user.id}`);
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
