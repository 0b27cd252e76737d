/**
 * The operator's maintenance at the server's command line: backups, migrations, demo data. Only
 * the command line may: these act on the database file and the data directory as a whole.
 *
 * A backup is made here and then recorded. The restore, the migrations and the seeds are db/ and
 * backup tooling that replace or fill tables wholesale (a restore swaps the database file itself),
 * so the command line does them and these actions record that they happened, each in its own
 * transaction once the database it describes is in place.
 */
import { forbidden, ok, type Actor, type Result } from '~/lib/result';
import { transaction } from '~/models/transaction.server';
import * as backups from '~/services/backup.server';
import { audit, type AuditRecord } from './audit.server';
import { atServer } from './operators.server';

async function record(actor: Actor, entry: AuditRecord): Promise<Result<void>> {
  if (!atServer(actor)) return forbidden();
  await transaction(async () => await audit(actor, entry));
  return ok();
}

/** Copies the database (online), the secrets and the stored files into a new directory under `root`. */
export async function createBackup(actor: Actor, root: string): Promise<Result<{ dir: string; manifest: backups.BackupManifest }>> {
  if (!atServer(actor)) return forbidden();
  const made = await backups.createBackup(root);
  await record(actor, { action: 'backup.create', details: { dir: made.dir, files: made.manifest.files.length } });
  return ok(made);
}

/** Recorded in the restored database, so the restore is in its own audit log. */
export async function recordBackupRestored(actor: Actor, from: string): Promise<Result<void>> {
  return await record(actor, { action: 'backup.restore', details: { from } });
}

export async function recordMigrationsApplied(actor: Actor): Promise<Result<void>> {
  return await record(actor, { action: 'db.migrate' });
}

export async function recordDemoSeed(actor: Actor): Promise<Result<void>> {
  return await record(actor, { action: 'db.seed' });
}

/** Recorded in the PostgreSQL database the SQLite one was copied into (its audit log came along). */
export async function recordDatabaseCopy(actor: Actor, details: { from: string; tables: number; datastoreTables: number; rows: number; seconds: number }): Promise<Result<void>> {
  return await record(actor, { action: 'db.copy', details });
}

export async function recordScaleSeed(actor: Actor, details: { scale: number; seconds: number; counts: Record<string, number> }): Promise<Result<void>> {
  return await record(actor, { action: 'db.seed_scale', details });
}
