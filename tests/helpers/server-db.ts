/**
 * The database behind a test server (tests/helpers/server.ts), on whichever engine the run uses
 * (`npm test`: the server's SQLite file; `npm run test:pg`: its database on the run's PostgreSQL),
 * for tests that set up or check what no page shows.
 *
 *   const db = await openServerDatabase(server);
 *   const row = await db.get<{ n: number }>('select count(*) as n from votes where user_id = ?', userId);
 *   await db.run('update challenges set closes_at = ? where slug = ?', new Date(Date.now() - 1000), slug);
 *
 * Statements use `?` placeholders on both engines. Values read back look the same on both, as
 * SQLite stores them: timestamps as epoch milliseconds, booleans as 1/0, JSON as its text, counts
 * as numbers. Values written are given as the app's types: a `Date` for a timestamp (stored as
 * milliseconds on SQLite), `true`/`false` for a boolean. PostgreSQL folds unquoted names to lower
 * case, so a camelCase alias must be quoted (`as "expiresAt"`).
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export interface ServerDatabase {
  engine: 'sqlite' | 'postgres';
  all<Row = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<Row[]>;
  get<Row = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<Row | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function openServerDatabase(server: { databaseUrl: string }): Promise<ServerDatabase> {
  return isPostgresUrl(server.databaseUrl) ? await openPostgres(server.databaseUrl) : openSqlite(server.databaseUrl);
}

function openSqlite(file: string): ServerDatabase {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const bind = (params: unknown[]) =>
    params.map((value) => (value instanceof Date ? value.getTime() : typeof value === 'boolean' ? Number(value) : value));
  return {
    engine: 'sqlite',
    all: async <Row>(text: string, ...params: unknown[]) => db.prepare(text).all(...bind(params)) as Row[],
    get: async <Row>(text: string, ...params: unknown[]) => db.prepare(text).get(...bind(params)) as Row | undefined,
    run: async (text: string, ...params: unknown[]) => db.prepare(text).run(...bind(params)).changes,
    close: async () => {
      db.close();
    },
  };
}

const { builtins } = pg.types;
const parseTimestamp = pg.types.getTypeParser(builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

/** Read values as SQLite would hold them (see the module comment). */
const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case builtins.INT8:
      case builtins.NUMERIC:
        return (text: string) => Number(text);
      case builtins.BOOL:
        return (text: string) => (text === 't' ? 1 : 0);
      case builtins.TIMESTAMPTZ:
        return (text: string) => parseTimestamp(text).getTime();
      case builtins.JSON:
      case builtins.JSONB:
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

/** `?` placeholders as PostgreSQL's `$1…$n`, leaving quoted strings and identifiers alone. */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}

async function openPostgres(url: string): Promise<ServerDatabase> {
  const client = new pg.Client({ connectionString: url, types: sqliteLikeTypes });
  await client.connect();
  const query = (text: string, params: unknown[]) => client.query(numberedPlaceholders(text), params);
  return {
    engine: 'postgres',
    all: async <Row>(text: string, ...params: unknown[]) => (await query(text, params)).rows as Row[],
    get: async <Row>(text: string, ...params: unknown[]) => (await query(text, params)).rows[0] as Row | undefined,
    run: async (text: string, ...params: unknown[]) => (await query(text, params)).rowCount ?? 0,
    close: async () => {
      await client.end();
    },
  };
}
