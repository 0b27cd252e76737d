import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { runSql } from '../../tests/helpers/sql';
import { applyMigrations } from '../../db/migrate';
import { AUDIT_EXPORT_COLUMNS, iterateAudit, listAudit, recordAudit } from './audit.server';
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

  it('exports every matching entry newest first, past a page of the export', async () => {
    for (let i = 0; i < 1_050; i += 1) await recordAudit({ actorId: null, action: 'test.bulk', details: { i } });
    await recordAudit({ actorId: null, action: 'test.other' });
    const rows: unknown[][] = [];
    for await (const row of await iterateAudit({ action: 'test.bulk' })) rows.push(row);
    expect(rows).toHaveLength(1_050);
    const column = (name: (typeof AUDIT_EXPORT_COLUMNS)[number]) => AUDIT_EXPORT_COLUMNS.indexOf(name);
    expect(rows.map((r) => JSON.parse(String(r[column('details')])) as { i: number }).map((d) => d.i)).toEqual(Array.from({ length: 1_050 }, (_, i) => 1_049 - i));
    expect(new Set(rows.map((r) => r[column('action')]))).toEqual(new Set(['test.bulk']));
    expect(Number.isNaN(new Date(rows[0]![column('created_at')] as string | number | Date).getTime())).toBe(false);
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
