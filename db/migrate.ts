/**
 * Applies the committed drizzle-kit migrations of the engine this process runs on: db/migrations
 * (SQLite) or db/migrations-pg (PostgreSQL).
 *
 * SQLite: drizzle-kit's table rebuilds say `PRAGMA foreign_keys=OFF` inside a transaction, where
 * SQLite ignores it, so ON DELETE CASCADE children could vanish during a rebuild. We turn foreign
 * keys off on the connection first, migrate, verify with foreign_key_check, and only then turn them
 * back on. PostgreSQL's migrator runs every pending migration in one transaction.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { engine, type Db, type PgDb } from './client';

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = path.join(here, 'migrations');
export const postgresMigrationsFolder = path.join(here, 'migrations-pg');

/** Migrations recorded as applied (0 on a new database). */
function appliedCount(sqlite: Db['$client']): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

export async function applyMigrations(db: Db): Promise<void> {
  if (engine() === 'postgres') {
    await migratePostgres(db as unknown as PgDb, { migrationsFolder: postgresMigrationsFolder });
    return;
  }
  const sqlite = db.$client;
  const before = appliedCount(sqlite);
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrateSqlite(db, { migrationsFolder });
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
