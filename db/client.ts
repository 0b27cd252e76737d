/**
 * Opens the database: the embedded SQLite file, or a PostgreSQL pool when DATABASE_URL is a
 * postgres:// URL (docs/decisions/012-postgresql.md). Imported only by app/models/*.server.ts and
 * scripts; everything else goes through the models.
 *
 * The models are written once, against `Db` (drizzle's SQLite type) and the tables of db/tables.ts.
 * On PostgreSQL getDb() answers drizzle's PostgreSQL database and db/tables.ts the PostgreSQL
 * tables: the query builders the models use (select, insert … returning, update, delete,
 * onConflictDoUpdate) exist on both and are awaited the same way. What differs is said in
 * app/models/rows.server.ts (raw SQL), app/models/transaction.server.ts and `engine()` branches.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { config, databaseEngine } from '../app/config.server';
import type pg from 'pg';
import { log } from '../app/log.server';
import { checkPostgres, openPostgres, openPostgresReaders, poolFoundReadOnly, postgresTarget, type PgDb } from './postgres';

export type { PgDb } from './postgres';
export { DatabaseConnectionError, isDatabaseUnavailable } from './postgres';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The engine this process runs on (fixed at start: the tables are chosen by it). */
export function engine(): 'sqlite' | 'postgres' {
  return databaseEngine();
}

/** The database file named by DATABASE_URL (a path, optionally prefixed with `file:`); SQLite only. */
export function databasePath(): string {
  const file = config().databaseFile;
  if (file === null) throw new Error('This needs the embedded SQLite database; DATABASE_URL names a PostgreSQL server.');
  return file;
}

/** The database for messages and logs: the SQLite file, or PostgreSQL's host, port and database (never the password). */
export function describeDatabase(): string {
  const settings = config().postgres;
  if (!settings) return databasePath();
  return describePostgresUrl(settings.url);
}

function describePostgresUrl(url: string): string {
  const { host, port, database } = postgresTarget(url);
  return `PostgreSQL at ${host}:${port}/${database}`;
}

/** Checks once that the database can be used (PostgreSQL: reachable, the password right, the database there, 15 or later). */
export async function checkDatabase(): Promise<void> {
  const settings = config().postgres;
  if (settings) await checkPostgres(getPostgres(), settings.url);
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
let sharedPostgres: PgDb | undefined;
let sharedReaders: pg.Pool | undefined;

/**
 * The PostgreSQL transaction the current work runs in (set by app/models/transaction.server.ts),
 * so that every model function it awaits runs its statements on that transaction's connection.
 */
export const postgresTransaction = new AsyncLocalStorage<{ db: PgDb; open: boolean }>();

/** The PostgreSQL pool (outside any transaction). */
export function getPostgres(): PgDb {
  const settings = config().postgres;
  if (!settings) throw new Error('DATABASE_URL names no PostgreSQL server.');
  if (sharedPostgres && poolFoundReadOnly(sharedPostgres.$client)) {
    log.warn('PostgreSQL answered read-only (a failover?): connecting afresh.');
    sharedPostgres = replacePool(sharedPostgres.$client, () => openPostgres(settings));
    // The long reads' connections lead to the same server.
    if (sharedReaders) sharedReaders = replacePool(sharedReaders, () => openPostgresReaders(settings));
  }
  sharedPostgres ??= openPostgres(settings);
  return sharedPostgres;
}

/**
 * A new pool for one whose server turned read-only; the old one closes once the work still holding
 * its connections (a transaction, a download) has given them back.
 */
function replacePool<T>(old: pg.Pool, open: () => T): T {
  old.end().catch(() => undefined);
  return open();
}

/**
 * A second pool for long reads (streamed downloads, copies, scans), as big as the first: a read
 * that lasts as long as a slow client takes to download never holds a connection the site needs.
 */
export function getPostgresReaders(): pg.Pool {
  const settings = config().postgres;
  if (!settings) throw new Error('DATABASE_URL names no PostgreSQL server.');
  sharedReaders ??= openPostgresReaders(settings);
  return sharedReaders;
}

/**
 * The database the models query. SQLite: the one connection this process uses (better-sqlite3 is
 * synchronous; one is enough). PostgreSQL: the current transaction, or the pool.
 */
export function getDb(): Db {
  if (engine() === 'postgres') {
    // Work a transaction left running after it ended runs outside it: its connection went back to the pool.
    const transaction = postgresTransaction.getStore();
    return (transaction?.open ? transaction.db : getPostgres()) as unknown as Db;
  }
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

/** Closes the shared connection or pool (graceful shutdown, CLI exit, tests). */
export async function closeDb(): Promise<void> {
  shared?.$client.close();
  shared = undefined;
  const pool = sharedPostgres?.$client;
  sharedPostgres = undefined;
  const readers = sharedReaders;
  sharedReaders = undefined;
  await Promise.all([pool?.end(), readers?.end()]);
}
