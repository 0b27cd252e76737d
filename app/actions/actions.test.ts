/**
 * Only actions write the audit log: a change and its record commit together, and no door (route,
 * CKAN, CLI) can forget either. Also checks the rule the actions depend on: the transaction helper
 * really makes a model's write and its audit entry one unit.
 */
import { desc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { databasePath, engine, getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { auditLog } from '../../db/tables';
import { recordAudit } from '~/models/audit.server';
import { transaction } from '~/models/transaction.server';
import { readSource, sourceFiles } from '../../tests/helpers/source-files';
import { audit } from './audit.server';

/** Besides app/actions/audit.server.ts, the modules that may still call recordAudit, and why. */
const ALLOWED_WRITERS: Record<string, string> = {
  // The worker thread publishes results in the transaction that stores the final snapshot.
  'app/models/result-snapshots.server.ts': 'results.publish in the snapshot transaction',
};

describe('the audit log', () => {
  it('is written only by actions', () => {
    const writers = sourceFiles('app', 'server', 'scripts', 'db').filter((file) => file !== 'app/models/audit.server.ts' && /\brecordAudit\b/.test(readSource(file)));
    expect(writers.sort()).toEqual(['app/actions/audit.server.ts', ...Object.keys(ALLOWED_WRITERS)].sort());
  });

  it('commits with the change or not at all', async () => {
    await applyMigrations(getDb());
    const before = (await getDb().select().from(auditLog)).length;
    await expect(
      transaction(async () => {
        await audit({ user: null, ip: '192.0.2.1', via: 'cli' }, { action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await getDb().select().from(auditLog)).length).toBe(before);

    await transaction(async () => await audit({ user: null, ip: '192.0.2.1', via: 'cli' }, { action: 'test.kept', details: { n: 1 } }));
    const [last] = await getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: 'test.kept', ip: '192.0.2.1', details: { n: 1, via: 'cli' } });
    // The low-level writer stays usable by the audit module itself.
    expect(typeof recordAudit).toBe('function');
  });

  // SQLite's write lock; PostgreSQL runs transactions side by side (serializable, retried).
  it.runIf(engine() === 'sqlite')('holds the write lock from its start, so another thread committing meanwhile cannot make it fail', async () => {
    await applyMigrations(getDb());
    // Another connection, as an import or worker thread has, that will not wait for the lock.
    const other = new Database(databasePath());
    other.pragma('busy_timeout = 0');
    try {
      await transaction(async () => {
        await getDb().select().from(auditLog).limit(1);
        // Deferred, this write would commit and leave the action's snapshot stale (SQLITE_BUSY on its write).
        expect(() => other.prepare("INSERT INTO audit_log (action, created_at) VALUES ('test.other', 0)").run()).toThrow(/locked|busy/i);
        await audit({ user: null, ip: null, via: 'system' }, { action: 'test.after_read' });
      });
    } finally {
      other.close();
    }
    const [last] = await getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last?.action).toBe('test.after_read');
  });
});
