/**
 * The database side of backups: an online copy of the live database through SQLite's backup API
 * (consistent as of one moment, taken a few pages at a time so the site keeps serving), and the
 * checks a backup's database file must pass before anyone relies on it.
 */
import Database from 'better-sqlite3';
import { getDb } from '../../db/client';
import journal from '../../db/migrations/meta/_journal.json';
import { referencedStorageKeysIn } from './stored-files.server';

/** Copies the live database into `file` (which must not exist) while the site keeps serving. */
export async function snapshotDatabase(file: string): Promise<void> {
  await getDb().$client.backup(file);
}

export interface DatabaseFileCheck {
  /** `ok`, or what PRAGMA integrity_check found. */
  integrity: string;
  migrationsApplied: number;
  migrationsExpected: number;
  /** Stored files the database refers to, which the backup must hold. */
  referencedKeys: string[];
}

/**
 * Opens a database file read-only and checks it. The integrity check reads every page (seconds on
 * a large database), so making a backup skips it and verifying one does it.
 */
export function checkDatabaseFile(file: string, options: { integrity?: boolean } = {}): DatabaseFileCheck {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = options.integrity === false ? 'not checked' : (sqlite.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
    const hasJournal = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    const migrationsApplied = hasJournal ? (sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
    return { integrity, migrationsApplied, migrationsExpected: journal.entries.length, referencedKeys: [...referencedStorageKeysIn(sqlite)].sort() };
  } finally {
    sqlite.close();
  }
}
