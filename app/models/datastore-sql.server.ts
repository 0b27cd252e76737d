/**
 * How statements on datastore tables run on each engine (docs/decisions/012-postgresql.md). The
 * datastore models write their SQL once, with `?` parameters and the column names a dialect gives
 * them; this module runs it.
 *
 * - SQLite names each column by its header and stores each cell with its own type.
 * - PostgreSQL truncates identifiers at 63 bytes (about 21 Chinese characters), so two long headers
 *   could become one column. Its datastore tables name columns c1…cN, typed (bigint, double
 *   precision, smallint for yes/no, text), and keep each header in its column's comment, read back
 *   from the catalogue. Datastore tables never change once created, so what is read is cached.
 */
import Cursor from 'pg-cursor';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import type { Database } from 'better-sqlite3';
import { engine, getDb, getPostgres, getPostgresReaders, openReadConnection, postgresTransaction } from '../../db/client';
import type { ColumnType } from '../../db/tables';
import { numberedParameters, quoteIdentifier, SQLITE_DIALECT, type SqlDialect } from '~/lib/datastore-query';
import type { CellValue } from '~/lib/privacy/transforms';
import { normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger } from '~/lib/import/infer';

export type Param = string | number | null;

/** The PostgreSQL type of each column type: the values are the ones SQLite stores (yes/no as 1/0, dates as ISO text). */
export const POSTGRES_TYPES: Record<ColumnType, string> = {
  integer: 'bigint',
  decimal: 'double precision',
  boolean: 'smallint',
  date: 'text',
  text: 'text',
};

const registered = new WeakSet<Database>();

/** SQLite's connection, with the functions the import uses to rewrite cells once a column's type is known. */
export function sqlite(): Database {
  const client = getDb().$client;
  if (!registered.has(client)) {
    const text = (fn: (value: string) => unknown) => (value: unknown) => (typeof value === 'string' ? (fn(value) ?? value) : value);
    client.function('jdz_integer', { deterministic: true }, text(normaliseInteger));
    client.function('jdz_decimal', { deterministic: true }, text(normaliseDecimal));
    client.function('jdz_date', { deterministic: true }, text(normaliseDate));
    client.function('jdz_boolean', { deterministic: true }, text(normaliseBoolean));
    registered.add(client);
  }
  return client;
}

function isPostgres(): boolean {
  return engine() === 'postgres';
}

/**
 * The pool: datastore statements build, read and drop whole tables and never run inside a model's
 * transaction (on SQLite they would block every writer for as long as a million-row copy takes).
 */
function postgresPool(): pg.Pool {
  if (postgresTransaction.getStore()?.open) throw new Error('Datastore statements run outside transactions.');
  return getPostgres().$client;
}

async function postgresQuery(text: string, params: readonly Param[], rowMode?: 'array'): Promise<pg.QueryResult> {
  const pool = postgresPool();
  return pool.query({ text: numberedParameters(text), values: [...params], ...(rowMode ? { rowMode } : {}) });
}

/** The rows of a statement as objects (use short ASCII aliases: PostgreSQL truncates long ones). */
export async function dsRows<T>(text: string, params: readonly Param[] = []): Promise<T[]> {
  if (isPostgres()) return (await postgresQuery(text, params)).rows as T[];
  return sqlite().prepare(text).all(...params) as T[];
}

export async function dsRow<T>(text: string, params: readonly Param[] = []): Promise<T | undefined> {
  return (await dsRows<T>(text, params))[0];
}

/** The rows of a statement as arrays of cells, in the order selected. */
export async function dsArrays(text: string, params: readonly Param[] = []): Promise<CellValue[][]> {
  if (isPostgres()) return (await postgresQuery(text, params, 'array')).rows as CellValue[][];
  return sqlite().prepare(text).raw(true).all(...params) as CellValue[][];
}

/** Runs a statement; answers how many rows it changed. */
export async function dsRun(text: string, params: readonly Param[] = []): Promise<number> {
  if (isPostgres()) return (await postgresQuery(text, params)).rowCount ?? 0;
  return sqlite().prepare(text).run(...params).changes;
}

/** Runs statements without parameters, together (one transaction on PostgreSQL). */
export async function dsExec(text: string): Promise<void> {
  if (isPostgres()) await postgresPool().query(text);
  else sqlite().exec(text);
}

/**
 * PostgreSQL: runs statements in a transaction of their own on one connection, rolled back on
 * failure (so the connection goes back to the pool clean). `settings` are SET LOCAL names and values.
 */
export async function dsPostgresTransaction(text: string, settings: Record<string, string> = {}): Promise<void> {
  const client = await postgresPool().connect();
  try {
    await client.query('BEGIN');
    for (const [name, value] of Object.entries(settings)) await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
    await client.query(text);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const BATCH = 5000;

/**
 * The rows of a long read in batches of arrays, yielding to the event loop between batches. SQLite
 * reads on a read-only connection of its own (a consistent snapshot while writes go on);
 * PostgreSQL through a cursor on a connection of the readers' pool, so a slow download never holds
 * one of the pool's connections the rest of the site needs. Stopping early (`return()`) closes it.
 */
export async function* dsBatches(text: string, params: readonly Param[] = [], size = BATCH): AsyncGenerator<CellValue[][]> {
  if (isPostgres()) {
    const client = await getPostgresReaders().connect();
    let released = false;
    try {
      await client.query('BEGIN READ ONLY');
      const cursor = client.query(new Cursor(numberedParameters(text), [...params], { rowMode: 'array' }));
      try {
        for (;;) {
          const rows = (await cursor.read(size)) as CellValue[][];
          if (rows.length === 0) break;
          yield rows;
        }
      } finally {
        await cursor.close();
      }
      await client.query('COMMIT');
    } catch (error) {
      released = true;
      // The connection's state is unknown: it is closed rather than handed to the next reader.
      client.release(error instanceof Error ? error : true);
      throw error;
    } finally {
      if (!released) client.release();
    }
    return;
  }
  const reader = openReadConnection();
  const iterator = reader.prepare(text).raw(true).iterate(...params) as IterableIterator<CellValue[]>;
  let batch: CellValue[][] = [];
  try {
    for (const cells of iterator) {
      batch.push(cells);
      if (batch.length === size) {
        yield batch;
        batch = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    iterator.return?.();
    reader.close();
  }
  if (batch.length > 0) yield batch;
}

/** One row at a time from dsBatches. */
export async function* dsCells(text: string, params: readonly Param[] = []): AsyncGenerator<CellValue[]> {
  for await (const batch of dsBatches(text, params, 1000)) yield* batch;
}

export interface PhysicalColumn {
  /** The quoted name in the table. */
  sql: string;
  /** PostgreSQL's name of its type (undefined on SQLite, whose columns have none). */
  postgresType?: string;
}

/** Per table: header → its column. Tables never change once created; a dropped one is forgotten. */
const physical = new Map<string, Map<string, PhysicalColumn>>();

export function forgetPhysicalColumns(tableName: string): void {
  physical.delete(tableName);
}

/** PostgreSQL's columns of a datastore table, by header. */
async function postgresColumns(tableName: string): Promise<Map<string, PhysicalColumn>> {
  let known = physical.get(tableName);
  if (!known) {
    const rows = await dsRows<{ name: string; header: string | null; type: string }>(
      `SELECT a.attname AS name, col_description(a.attrelid, a.attnum) AS header, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [tableName],
    );
    known = new Map(rows.filter((r) => r.name !== '_id').map((r) => [r.header ?? r.name, { sql: quoteIdentifier(r.name), postgresType: r.type }]));
    if (rows.length > 0) physical.set(tableName, known);
  }
  return known;
}

/** The dialect to write a statement on `tableName` in (its column names, its engine's SQL). */
export async function dialectFor(tableName: string): Promise<SqlDialect & { columns: Map<string, PhysicalColumn> | null }> {
  if (!isPostgres()) return { ...SQLITE_DIALECT, columns: null };
  const columns = await postgresColumns(tableName);
  return {
    postgres: true,
    columns,
    column(name: string): string {
      const column = columns.get(name);
      if (!column) throw new Error(`no column ${JSON.stringify(name)} in ${tableName}`);
      return column.sql;
    },
  };
}

/** Several tables' dialects at once (a join names columns of both). */
export async function dialectsFor(...tableNames: string[]): Promise<SqlDialect[]> {
  return Promise.all(tableNames.map((t) => dialectFor(t)));
}

/** The statements that create an empty datastore table with these columns. */
export function createTableStatements(table: string, columns: readonly { name: string; type: ColumnType }[]): string {
  if (!isPostgres()) {
    // Untyped columns: SQLite keeps each value as given, and the import normalises them to the type.
    return `CREATE TABLE ${table} (${['"_id" INTEGER PRIMARY KEY', ...columns.map((c) => quoteIdentifier(c.name))].join(', ')})`;
  }
  const definitions = ['"_id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY', ...columns.map((c, i) => `"c${i + 1}" ${POSTGRES_TYPES[c.type]}`)];
  const comments = columns.map((c, i) => `COMMENT ON COLUMN ${table}."c${i + 1}" IS ${textLiteral(c.name)}`);
  return [`CREATE TABLE ${table} (${definitions.join(', ')})`, ...comments].join(';\n');
}

/** A string literal (standard_conforming_strings, on since PostgreSQL 9.1: only quotes are doubled). */
function textLiteral(value: string): string {
  return `'${value.replaceAll("'", "''").replaceAll('\u0000', '')}'`;
}

/** A cell as COPY's text format writes it: \N for empty, backslash escapes for the separators. */
function copyCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  // PostgreSQL text cannot hold NUL; nothing a reader could see is lost without it.
  return String(value).replace(/[\\\t\n\r\u0000]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ''));
}

/** Loads rows into a PostgreSQL table with COPY (one statement for the batch). */
export async function copyRows(table: string, columnSql: readonly string[], rows: readonly (readonly CellValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const client = await postgresPool().connect();
  try {
    const stream = client.query(copyFrom(`COPY ${table} (${columnSql.join(', ')}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    const lines: string[] = [];
    for (const row of rows) {
      let line = '';
      for (let c = 0; c < columnSql.length; c += 1) line += (c === 0 ? '' : '\t') + copyCell(row[c]);
      lines.push(line);
    }
    stream.end(`${lines.join('\n')}\n`);
    await done;
  } finally {
    client.release();
  }
}
