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

export function applyMigrations(db: Db): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
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
