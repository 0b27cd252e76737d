/**
 * Opens the SQLite database. Imported only by app/models/*.server.ts and scripts; everything else
 * goes through the models.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { config } from '../app/config.server';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The database file named by DATABASE_URL (a path, optionally prefixed with `file:`). */
export function databasePath(): string {
  return config().databaseFile;
}

/**
 * JDZ_SQL_LOG names a file that receives every statement run, with its values, one per record
 * (separated by a line holding only U+001E). For finding slow queries and for the query-plan test;
 * never set in production, since values of personal data would land in the file.
 */
function statementLogger(): ((sql: unknown) => void) | undefined {
  const file = config().sqlLogFile;
  if (!file) return undefined;
  return (sql) => fs.appendFileSync(file, `${String(sql)}\n\u001e\n`);
}

export function openDatabase(file: string = databasePath()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const verbose = statementLogger();
  const sqlite = new Database(file, verbose ? { verbose } : {});
  // Busy timeout first, so the WAL switch itself waits for a concurrent opener.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // After a checkpoint the write-ahead log is cut back to this size, so a burst of writes (or a
  // long read that held it open) does not leave a WAL file hundreds of megabytes large for good.
  sqlite.pragma('journal_size_limit = 67108864');
  limitDatabaseSize(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * DATABASE_MAX_MB caps how large the database may grow (a quota on a shared disk). Past it, writes
 * fail as they would on a full disk, and the site answers "out of storage, nothing was lost".
 */
function limitDatabaseSize(sqlite: Database.Database): void {
  const megabytes = config().databaseMaxMb;
  if (megabytes === null) return;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${Math.max(1, Math.floor((megabytes * 1024 * 1024) / pageSize))}`);
}

let shared: Db | undefined;

/** The one connection this process uses (better-sqlite3 is synchronous; one is enough). */
export function getDb(): Db {
  shared ??= openDatabase();
  return shared;
}

/**
 * A read-only connection of its own for a long read (a streamed download, a copy, a scan).
 * better-sqlite3 refuses writes on a connection while one of its statements is being iterated,
 * and a connection shared between readers would keep later ones in an older snapshot (in which
 * tables created since do not exist); under WAL this one reads a consistent snapshot while the
 * main connection keeps writing. The caller closes it.
 */
export function openReadConnection(): Database.Database {
  getDb(); // make sure the file exists and is in WAL mode
  const connection = new Database(databasePath(), { readonly: true });
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/** Closes the shared connection (graceful shutdown, CLI exit, tests). */
export function closeDb(): void {
  shared?.$client.close();
  shared = undefined;
}
