/**
 * Applies the committed drizzle-kit migrations. drizzle-kit's table rebuilds say
 * `PRAGMA foreign_keys=OFF` inside a transaction, where SQLite ignores it, so ON DELETE CASCADE
 * children could vanish during a rebuild. We turn foreign keys off on the connection first,
 * migrate, verify with foreign_key_check, and only then turn them back on.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Migrations recorded as applied (0 on a new database). */
function appliedCount(sqlite: Db['$client']): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

export function applyMigrations(db: Db): void {
  const sqlite = db.$client;
  const before = appliedCount(sqlite);
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    // The check reads every foreign key of every row (seconds on a national database): it is only
    // needed when a migration ran, since foreign keys are enforced at all other times.
    if (appliedCount(sqlite) === before) return;
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(
        `Migration left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
