/**
 * Moving a county up (issue 23): copies an embedded SQLite database, every table and every imported
 * table, into an empty PostgreSQL database. Runs in a process whose DATABASE_URL is the PostgreSQL
 * target (`jdz db copy --to` starts one), reading the SQLite file named.
 *
 * - The source is read from a consistent snapshot (`VACUUM INTO` a file in DATA_DIR), so a running
 *   site may keep writing; what is copied is the database as it was at one moment.
 * - Rows go through drizzle's column mappings on both sides (SQLite's integer timestamps and 0/1
 *   become timestamptz and booleans, JSON text becomes jsonb), tables in foreign-key order, so the
 *   target's constraints and triggers (the site search's index, the append-only audit log) check and
 *   build everything as it arrives. Identity sequences continue after the largest id.
 * - Imported tables are created with the types their data dictionaries name and loaded with COPY,
 *   row numbers kept; the indexes SQLite had on them are built again, search indexes included.
 * - Row counts are compared table by table with the snapshot; any difference fails the copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableColumns, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import * as pgSchema from '../../db/schema.pg';
import * as sqliteSchema from '../../db/schema';
import type { ColumnType, DatastoreColumn } from '../../db/schema';
import { config } from '~/config.server';
import { quoteIdentifier } from '~/lib/datastore-query';
import { buildSearchIndex, createDatastoreTable, datastoreInserter, indexDatastoreColumn, searchIndexName } from './datastore.server';
import { runStatement, selectRow } from './rows.server';

export interface CopyReport {
  tables: { name: string; rows: number }[];
  datastoreTables: { name: string; rows: number }[];
  seconds: number;
}

export type CopyProblem = { code: 'notEmpty'; table: string } | { code: 'noSecrets' } | { code: 'countMismatch'; table: string; source: number; target: number };

export class CopyRefused extends Error {
  constructor(readonly problem: CopyProblem) {
    super(problem.code);
  }
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const ROWS_PER_INSERT = 500;
const DATASTORE_BATCH = 5000;

type TablePair = { key: string; sqlite: SQLiteTable; pg: PgTable; name: string };

/** The tables both engines have, in an order where every table comes after those it refers to. */
function tablesInForeignKeyOrder(): TablePair[] {
  const pairs: TablePair[] = [];
  for (const [key, value] of Object.entries(pgSchema)) {
    const sqliteTable = (sqliteSchema as Record<string, unknown>)[key];
    if (!sqliteTable || typeof value !== 'object' || value === null || !('getSQL' in value)) continue;
    try {
      const name = getPgTableConfig(value as PgTable).name;
      pairs.push({ key, sqlite: sqliteTable as SQLiteTable, pg: value as PgTable, name });
    } catch {
      // Not a table (an enum or a helper).
    }
  }
  const byName = new Map(pairs.map((p) => [p.name, p]));
  const ordered: TablePair[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (pair: TablePair) => {
    if (state.get(pair.name) === 'done') return;
    if (state.get(pair.name) === 'visiting') throw new Error(`foreign keys form a cycle through ${pair.name}`);
    state.set(pair.name, 'visiting');
    for (const fk of getSqliteTableConfig(pair.sqlite).foreignKeys) {
      const target = getSqliteTableConfig(fk.reference().foreignTable).name;
      const other = byName.get(target);
      if (other && other !== pair) visit(other);
    }
    state.set(pair.name, 'done');
    ordered.push(pair);
  };
  for (const pair of pairs) visit(pair);
  return ordered;
}

function secretsAvailable(): boolean {
  const { secrets } = config();
  if (Object.values(secrets).every(Boolean)) return true;
  return fs.existsSync(path.join(config().dataDir, 'secrets.json'));
}

async function countTarget(table: string): Promise<number> {
  return Number((await selectRow<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)}`))?.n ?? 0);
}

/** Copies one table's rows from the snapshot, through both engines' column mappings. */
async function copyTable(source: Database.Database, pair: TablePair): Promise<number> {
  const columns = Object.entries(getTableColumns(pair.sqlite));
  const select = source.prepare(`SELECT ${columns.map(([, c]) => quoteIdentifier(c.name)).join(', ')} FROM ${quoteIdentifier(pair.name)} ORDER BY rowid`).raw(true);
  const db = getDb();
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insert(pair.pg as unknown as SQLiteTable).values(batch as never);
    copied += batch.length;
    batch = [];
  };
  for (const cells of select.iterate() as IterableIterator<unknown[]>) {
    const row: Record<string, unknown> = {};
    columns.forEach(([key, column], i) => {
      const value = cells[i];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    });
    batch.push(row);
    if (batch.length === ROWS_PER_INSERT) await flush();
  }
  await flush();
  return copied;
}

/** Sets each identity sequence past the largest id copied, so new rows get new ids. */
async function continueSequences(pairs: readonly TablePair[]): Promise<void> {
  for (const pair of pairs) {
    const id = getPgTableConfig(pair.pg).columns.find((c) => c.name === 'id');
    if (!id) continue;
    const sequence = await selectRow<{ name: string | null }>(sql`select pg_get_serial_sequence(${pair.name}, 'id') as name`);
    if (!sequence?.name) continue;
    await runStatement(sql`select setval(${sequence.name}, coalesce((select max(id) from ${sql.identifier(pair.name)}), 0) + 1, false)`);
  }
}

/**
 * PostgreSQL's triggers count as rows arrive (a vote adds one to its request; a review bumps its
 * challenge's results version), and the copied rows had counted already: the source's values are
 * put back.
 */
async function restoreCounters(source: Database.Database): Promise<void> {
  await runStatement(sql`update data_requests set vote_count = (select count(*) from data_request_votes v where v.request_id = data_requests.id)`);
  const versions = source.prepare('SELECT id, results_inputs_version AS v FROM challenges').all() as { id: number; v: number }[];
  for (const { id, v } of versions) await runStatement(sql`update challenges set results_inputs_version = ${v} where id = ${id}`);
}

/** The column types of every imported table, from the data dictionaries that name it. */
function datastoreTypes(source: Database.Database): Map<string, Map<string, ColumnType>> {
  const types = new Map<string, Map<string, ColumnType>>();
  const rows = source.prepare('SELECT table_name AS t, columns AS c, raw_table_name AS rt, raw_columns AS rc FROM dataset_resources').all() as { t: string | null; c: string; rt: string | null; rc: string }[];
  for (const row of rows) {
    for (const [table, json] of [[row.t, row.c], [row.rt, row.rc]] as const) {
      if (!table) continue;
      const columns = JSON.parse(json) as DatastoreColumn[];
      types.set(table, new Map(columns.map((c) => [c.name, c.type])));
    }
  }
  return types;
}

async function copyDatastoreTable(source: Database.Database, table: string, types: Map<string, ColumnType>): Promise<number> {
  const names = (source.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name).filter((n) => n !== '_id');
  await createDatastoreTable(table, names.map((name) => ({ name, type: types.get(name) ?? 'text' })));
  const insert = await datastoreInserter(table, ['_id', ...names]);
  const select = source.prepare(`SELECT "_id", ${names.map((n) => quoteIdentifier(n)).join(', ')} FROM ${quoteIdentifier(table)} ORDER BY "_id"`).raw(true);
  let batch: (string | number | null)[][] = [];
  let copied = 0;
  const flush = async () => {
    const rows = batch;
    await insert(rows.length, (i, row) => {
      const cells = rows[i] ?? [];
      for (let c = 0; c < cells.length; c += 1) row[c] = cells[c] ?? null;
    });
    copied += rows.length;
    batch = [];
  };
  for (const cells of select.iterate() as IterableIterator<(string | number | null)[]>) {
    batch.push(cells);
    if (batch.length === DATASTORE_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  // The indexes SQLite had: key and sort columns, and the row search.
  const indexes = source.prepare('SELECT name FROM pragma_index_list(?)').all(table) as { name: string }[];
  for (const { name } of indexes) {
    const first = source.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').get(name) as { name: string | null } | undefined;
    if (first?.name) await indexDatastoreColumn(table, first.name);
  }
  const searchIndex = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(searchIndexName(table));
  if (searchIndex) await buildSearchIndex(table, names);
  return copied;
}

/**
 * Copies the SQLite database `sourceFile` into this process's PostgreSQL database, which must be
 * migrated and empty. `progress` hears one line per table.
 */
export async function copySqliteIntoPostgres(sourceFile: string, progress: (line: string) => void = () => undefined): Promise<CopyReport> {
  const started = Date.now();
  if (!secretsAvailable()) throw new CopyRefused({ code: 'noSecrets' });
  const pairs = tablesInForeignKeyOrder();
  for (const pair of pairs) {
    if ((await countTarget(pair.name)) > 0) throw new CopyRefused({ code: 'notEmpty', table: pair.name });
  }
  const snapshotFile = path.join(config().dataDir, `.copy-snapshot-${process.pid}-${Date.now()}.db`);
  const live = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    live.prepare('VACUUM INTO ?').run(snapshotFile);
  } finally {
    live.close();
  }
  const source = new Database(snapshotFile, { readonly: true });
  try {
    const tables: CopyReport['tables'] = [];
    for (const pair of pairs) {
      const exists = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(pair.name);
      const rows = exists ? await copyTable(source, pair) : 0;
      tables.push({ name: pair.name, rows });
      progress(`${pair.name}: ${rows}`);
    }
    await continueSequences(pairs);
    await restoreCounters(source);
    const types = datastoreTypes(source);
    const datastoreTables: CopyReport['datastoreTables'] = [];
    const names = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_[0-9]*' AND name NOT GLOB '*_fts*' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const name of names) {
      const known = types.get(name);
      // A table no resource names is a leftover the start-up sweep would drop: not copied.
      if (!known) continue;
      const rows = await copyDatastoreTable(source, name, known);
      datastoreTables.push({ name, rows });
      progress(`${name}: ${rows}`);
    }
    // Every table again, counted on both sides.
    const inSource = (name: string) => Boolean(source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
    for (const { name } of [...tables, ...datastoreTables]) {
      if (!inSource(name)) continue;
      const expected = (source.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number } | undefined)?.n ?? 0;
      const actual = await countTarget(name);
      if (actual !== expected) throw new CopyRefused({ code: 'countMismatch', table: name, source: expected, target: actual });
    }
    return { tables, datastoreTables, seconds: Math.round((Date.now() - started) / 100) / 10 };
  } finally {
    source.close();
    fs.rmSync(snapshotFile, { force: true });
  }
}
