/**
 * What an operator's health checks and metrics read from the database: whether it takes writes,
 * whether every migration of this build is applied, how big it is and how long its queues are.
 */
import fs from 'node:fs';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { databasePath, engine, getDb } from '../../db/client';
import journal from '../../db/migrations/meta/_journal.json';
import postgresJournal from '../../db/migrations-pg/meta/_journal.json';
import { mailOutbox, resourceImports } from '../../db/tables';
import { selectRow } from './rows.server';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Takes the write lock and lets it go: fails when the database is read-only, locked or broken. */
export async function databaseTakesWrites(): Promise<{ ok: true } | { ok: false; error: string }> {
  if (engine() === 'postgres') {
    // A standby (in recovery) or a read-only default cannot take this site's writes.
    try {
      const row = await selectRow<{ standby: boolean; readOnly: string }>(sql`select pg_is_in_recovery() as standby, current_setting('default_transaction_read_only') as "readOnly"`);
      if (row?.standby) return { ok: false, error: 'PostgreSQL is a standby (in recovery)' };
      if (row?.readOnly === 'on') return { ok: false, error: 'PostgreSQL is read-only (default_transaction_read_only)' };
      return { ok: true };
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  }
  const sqlite = getDb().$client;
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
    return { ok: true };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    return { ok: false, error: errorText(error) };
  }
}

/** Migrations this build ships, and how many the database has recorded as applied. */
export async function migrationState(): Promise<{ expected: number; applied: number }> {
  if (engine() === 'postgres') {
    // drizzle's PostgreSQL migrator records them in its own schema.
    const table = await selectRow<{ present: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
    const applied = table?.present ? ((await selectRow<{ n: number }>(sql`select count(*) as n from drizzle.__drizzle_migrations`))?.n ?? 0) : 0;
    return { expected: postgresJournal.entries.length, applied };
  }
  const sqlite = getDb().$client;
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const applied = table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
  return { expected: journal.entries.length, applied };
}

/** The database file and its write-ahead log, in bytes (PostgreSQL: the database's size; its log is the server's). */
export async function databaseBytes(): Promise<{ database: number; wal: number }> {
  if (engine() === 'postgres') {
    return { database: (await selectRow<{ n: number }>(sql`select pg_database_size(current_database()) as n`))?.n ?? 0, wal: 0 };
  }
  const file = databasePath();
  const size = (name: string) => {
    try {
      return fs.statSync(name).size;
    } catch {
      return 0;
    }
  };
  return { database: size(file), wal: size(`${file}-wal`) };
}

/** Imports waiting or running, and mail waiting to go out or given up on. */
export async function queueLengths(): Promise<{ importsQueued: number; importsRunning: number; mailQueued: number; mailFailed: number }> {
  const db = getDb();
  const imports = new Map(
    (await db
      .select({ status: resourceImports.status, n: count() })
      .from(resourceImports)
      .where(inArray(resourceImports.status, ['queued', 'running']))
      .groupBy(resourceImports.status))
      .map((row) => [row.status, row.n]),
  );
  const mail = async (status: 'queued' | 'failed') => (await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.status, status)).limit(1))[0]?.n ?? 0;
  return { importsQueued: imports.get('queued') ?? 0, importsRunning: imports.get('running') ?? 0, mailQueued: await mail('queued'), mailFailed: await mail('failed') };
}
