/**
 * The PostgreSQL connection pool (docs/decisions/012-postgresql.md). Imported only by db/client.ts.
 *
 * - The pool holds at most DATABASE_POOL_MAX connections; a query that waits longer than
 *   DATABASE_POOL_WAIT_MS for one fails (answered as a translated 503), it never hangs.
 * - Nothing is set per session (no SET, no temporary tables, no prepared statement names), so the
 *   pool works behind PgBouncer in transaction mode: each statement may land on another backend.
 * - bigint (count(*), sum) and numeric (avg) arrive as numbers, as on SQLite. Counts and sums this
 *   app computes stay far below 2⁵³; a value beyond it is refused rather than rounded.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as pgSchema from './schema.pg';
import { isDatabaseUnavailable, READ_ONLY_SERVER } from '../app/request-context.server';

export { isDatabaseUnavailable };

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

function exactNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) && Number.isInteger(value)) throw new RangeError(`A database integer is too large for JavaScript: ${text}`);
  return value;
}

let typesSet = false;

/** pg's parsers are process-wide (drizzle reads them per query), so they are set once here. */
function parseNumbersAsNumbers(): void {
  if (typesSet) return;
  typesSet = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, exactNumber);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text: string) => Number(text));
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  poolWaitMs: number;
}

function openPool(options: PostgresOptions): pg.Pool {
  parseNumbersAsNumbers();
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    // Bounds both opening a connection and waiting for a free one in a full pool.
    connectionTimeoutMillis: options.poolWaitMs,
    idleTimeoutMillis: 30_000,
    application_name: 'jindianzi',
  });
  // An idle connection that the server closes (a restart) must not crash the process; the next
  // query opens a new one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => noticeReadOnlyServer(pool, client));
  return pool;
}

/**
 * Pools whose server turned read-only: after a failover the old primary may live on as a standby
 * (or a virtual address may now lead elsewhere), and the pool's open connections still lead to it.
 * A write there fails with SQLSTATE 25006 (answered 503); the pool is then replaced, so the next
 * request connects afresh, to whatever the URL leads to now (docs/deploy-postgres.md, failover).
 */
const readOnlyPools = new WeakSet<pg.Pool>();

export function poolFoundReadOnly(pool: pg.Pool): boolean {
  return readOnlyPools.has(pool);
}

function noticeReadOnlyServer(pool: pg.Pool, client: pg.PoolClient): void {
  const notice = (error: unknown) => {
    if ((error as { code?: unknown } | null)?.code === READ_ONLY_SERVER) readOnlyPools.add(pool);
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    // pool.query() (drizzle's statements outside transactions) passes a callback; others await.
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        notice(error);
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(notice);
    return result;
  };
}

export function openPostgres(options: PostgresOptions): PgDb {
  return drizzle(openPool(options), { schema: pgSchema }) as PgDb;
}

/** One connection outside the pools (the start-up lock's, db/start-up-lock.ts); the caller ends it. */
export async function connectPostgresClient(url: string): Promise<pg.Client> {
  parseNumbersAsNumbers();
  const client = new pg.Client({ connectionString: url, application_name: 'jindianzi' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A pool for long reads (app/models/datastore-sql.server.ts), with the same limits. */
export function openPostgresReaders(options: PostgresOptions): pg.Pool {
  return openPool(options);
}

/** The oldest PostgreSQL this app runs on (docs/decisions/012-postgresql.md). */
export const MINIMUM_POSTGRES_VERSION = 150000;

/** PostgreSQL cannot be used: unreachable, refused, missing or too old. The message is one line and names no secret. */
export class DatabaseConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseConnectionError';
  }
}

/** Where the URL points, for messages: host, port and database, never the user's password. */
export function postgresTarget(url: string): { host: string; port: string; database: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port || '5432',
    database: decodeURIComponent(parsed.pathname.slice(1)) || '(the user’s default database)',
  };
}

/**
 * Connects once and checks the server can be used, answering a DatabaseConnectionError whose message
 * says what to do: a wrong password, a missing database, an unreachable or too old server.
 */
export async function checkPostgres(db: PgDb, url: string): Promise<void> {
  const { host, port, database } = postgresTarget(url);
  let version: number;
  try {
    const result = await db.$client.query<{ version: string; text: string }>("SELECT current_setting('server_version_num') AS version, current_setting('server_version') AS text");
    version = Number(result.rows[0]?.version);
    if (version < MINIMUM_POSTGRES_VERSION) {
      throw new DatabaseConnectionError(`PostgreSQL ${result.rows[0]?.text ?? version} at ${host}:${port} is too old: Jindianzi needs PostgreSQL 15 or later.`);
    }
  } catch (error) {
    if (error instanceof DatabaseConnectionError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === '28P01' || code === '28000') {
      throw new DatabaseConnectionError(`PostgreSQL at ${host}:${port} refused the user name or password in DATABASE_URL.`, { cause: error });
    }
    if (code === '3D000') {
      throw new DatabaseConnectionError(`The database "${database}" does not exist on PostgreSQL at ${host}:${port}; create it first (docs/deploy-postgres.md).`, { cause: error });
    }
    if (isDatabaseUnavailable(error)) {
      const reason = typeof code === 'string' ? code : (error as Error).message;
      throw new DatabaseConnectionError(`Cannot reach PostgreSQL at ${host}:${port} (${reason}).`, { cause: error });
    }
    throw error;
  }
}
