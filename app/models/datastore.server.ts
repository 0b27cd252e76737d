/**
 * The datastore: each tabular resource's rows live in their own table, `ds_<resource>_<import>`,
 * with a `_id` row number and one column per uploaded header. On SQLite the header is the column
 * name (always quoted) and columns are declared without a type, so SQLite stores each value as
 * given; the column's type lives in the data dictionary and the import normalises values to it. On
 * PostgreSQL columns are typed and named c1…cN (app/models/datastore-sql.server.ts). Statements
 * are written once with the names a dialect gives them.
 */
import crypto from 'node:crypto';
import { engine } from '../../db/client';
import { errorFields, log } from '~/log.server';
import { afterCommit, inTransaction } from './transaction.server';
import type { ColumnProfile, ColumnType, DatastoreColumn } from '../../db/tables';
import { buildOrderBy, buildWhere, quoteIdentifier, type QueryColumn, type RowQuery, type SqlDialect, type WhereOptions } from '~/lib/datastore-query';
import type { StoredValue } from '~/lib/import/infer';
import type { CellTransform, CellValue } from '~/lib/privacy/transforms';
import {
  copyRows,
  createTableStatements,
  dialectFor,
  dsArrays,
  dsBatches,
  dsCells,
  dsExec,
  dsPostgresTransaction,
  dsRow,
  dsRows,
  dsRun,
  forgetPhysicalColumns,
  sqlite,
  type Param,
} from './datastore-sql.server';

export { sqlite };

/** ds_<resource>_<import>, and ds_<resource>_<import>_s<n> for a de-identified version of it. */
const TABLE_NAME = /^ds_\d+(_\d+)?(_s\d+)?$/;

export type { CellTransform, CellValue };

export function datastoreTableName(resourceId: number, importId?: number): string {
  return importId === undefined ? `ds_${resourceId}` : `ds_${resourceId}_${importId}`;
}

/** The n-th served (de-identified) version built from an import's table. */
export function servedTableName(rawTableName: string, version: number): string {
  return `${rawTableName.replace(/_s\d+$/, '')}_s${version}`;
}

/** The quoted name of a datastore table, refusing anything that is not one. */
export function checkedTable(tableName: string): string {
  if (!TABLE_NAME.test(tableName)) throw new Error(`not a datastore table: ${tableName}`);
  return quoteIdentifier(tableName);
}

/**
 * Whether imports load a table in two passes: PostgreSQL's columns are typed, so the types are
 * inferred from a first read of the file and the cells, normalised to them, loaded in a second.
 * SQLite stores first and rewrites the few cells that need it.
 */
export function loadsInTwoPasses(): boolean {
  return engine() === 'postgres';
}

export interface DatastoreColumnSpec {
  name: string;
  type: ColumnType;
}

export async function createDatastoreTable(tableName: string, columns: readonly DatastoreColumnSpec[]): Promise<void> {
  const table = checkedTable(tableName);
  forgetTable(tableName);
  await dsExec(`DROP TABLE IF EXISTS ${table};\n${createTableStatements(table, columns)}`);
}

/**
 * A batch inserter: each call writes `count` rows in one transaction (SQLite) or one COPY
 * (PostgreSQL), asking `fill` to write each row into one reused buffer (a million-row import
 * allocates no row arrays on SQLite). `columnNames` may start with `_id` to keep row numbers.
 */
export async function datastoreInserter(
  tableName: string,
  columnNames: readonly string[],
): Promise<(count: number, fill: (index: number, row: StoredValue[]) => void) => Promise<void>> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const names = columnNames.map((c) => (c === '_id' ? '"_id"' : dialect.column(c)));
  if (dialect.postgres) {
    return async (count, fill) => {
      const rows: StoredValue[][] = [];
      for (let i = 0; i < count; i += 1) {
        const row: StoredValue[] = new Array(names.length).fill(null);
        fill(i, row);
        rows.push(row);
      }
      await copyRows(table, names, rows);
    };
  }
  const db = sqlite();
  const insert = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  const row: StoredValue[] = new Array(names.length).fill(null);
  const write = db.transaction((count: number, fill: (index: number, row: StoredValue[]) => void) => {
    for (let i = 0; i < count; i += 1) {
      fill(i, row);
      insert.run(row);
    }
  });
  return async (count, fill) => {
    write(count, fill);
  };
}

/** SQLite: turns the 1/0 a column stored for yes/no words back into those words (the column is not boolean after all). */
export function restoreBooleanWords(tableName: string, column: string, words: { true: string | null; false: string | null }): void {
  const table = checkedTable(tableName);
  const id = quoteIdentifier(column);
  sqlite()
    .prepare(`UPDATE ${table} SET ${id} = CASE ${id} WHEN 1 THEN ? WHEN 0 THEN ? END WHERE typeof(${id}) = 'integer'`)
    .run(words.true, words.false);
}

const FIX_UP: Record<ColumnType, (id: string) => string> = {
  integer: (id) => `UPDATE %T SET ${id} = jdz_integer(${id}) WHERE typeof(${id}) = 'text'`,
  decimal: (id) => `UPDATE %T SET ${id} = jdz_decimal(${id}) WHERE typeof(${id}) = 'text'`,
  date: (id) => `UPDATE %T SET ${id} = jdz_date(${id}) WHERE ${id} IS NOT NULL AND ${id} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
  // Most yes/no cells were stored as 1/0 already; only other spellings are left as text.
  boolean: (id) => `UPDATE %T SET ${id} = jdz_boolean(${id}) WHERE typeof(${id}) = 'text'`,
  // Numbers were stored only when they print back as the same text, so this restores the upload.
  // better-sqlite3 binds every JS number as REAL, and CAST(300.0 AS TEXT) is '300.0': whole
  // numbers go through INTEGER first so a phone number or postcode reads as it was uploaded.
  text: (id) =>
    `UPDATE %T SET ${id} = CASE WHEN ${id} = CAST(${id} AS INTEGER) THEN CAST(CAST(${id} AS INTEGER) AS TEXT) ELSE CAST(${id} AS TEXT) END WHERE typeof(${id}) IN ('integer', 'real')`,
};

/** SQLite: rewrites the cells whose stored form does not match their column's final type. */
export async function normaliseDatastoreTable(tableName: string, columns: readonly { name: string; type: ColumnType }[]): Promise<void> {
  const table = checkedTable(tableName);
  const db = sqlite();
  db.transaction(() => {
    for (const column of columns) db.exec(FIX_UP[column.type](quoteIdentifier(column.name)).replace('%T', table));
  })();
}

export async function indexDatastoreColumn(tableName: string, column: string): Promise<void> {
  const table = checkedTable(tableName);
  if ((await indexedColumns(tableName)).has(column)) return;
  const dialect = await dialectFor(tableName);
  // Named by a hash of the column: headers can be long, and a truncated name could collide.
  const index = quoteIdentifier(`${tableName}_i${crypto.createHash('sha1').update(column).digest('hex').slice(0, 12)}`);
  // PostgreSQL's index holds empty cells first, as the pages sort them, and the row number after
  // the value (SQLite's holds it anyway), so a sorted page is read from the index in order.
  const key = dialect.postgres ? `${dialect.column(column)} NULLS FIRST, "_id"` : dialect.column(column);
  await dsExec(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${key})`);
  indexCache.delete(tableName);
}

/**
 * Datastore tables never change once they serve (a new upload or a new de-identified version is a
 * new table), so what is known about one — its indexes, its counts — can be kept in memory. Each
 * process keeps its own; nothing here is the truth, only a shortcut to it.
 */
const indexCache = new Map<string, Set<string>>();

/** The columns that lead an index of the table (by header). */
export async function indexedColumns(tableName: string, options: { refresh?: boolean } = {}): Promise<Set<string>> {
  if (options.refresh) indexCache.delete(tableName);
  let columns = indexCache.get(tableName);
  if (!columns) {
    checkedTable(tableName);
    if (engine() === 'postgres') {
      const leading = await dsRows<{ name: string }>(
        `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = to_regclass(?)`,
        [tableName],
      );
      const headers = new Map([...((await dialectFor(tableName)).columns ?? [])].map(([header, column]) => [column.sql, header]));
      columns = new Set(leading.flatMap(({ name }) => headers.get(quoteIdentifier(name)) ?? []));
    } else {
      const db = sqlite();
      const indexes = db.prepare('SELECT name FROM pragma_index_list(?)').all(tableName) as { name: string }[];
      columns = new Set(
        indexes.flatMap(({ name }) => {
          const first = db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').get(name) as { name: string | null } | undefined;
          return first?.name ? [first.name] : [];
        }),
      );
    }
    indexCache.set(tableName, columns);
  }
  return columns;
}

/** The index over every cell of a row, for `q` on large tables (SQLite: an FTS5 trigram table; PostgreSQL: a GIN index). */
export function searchIndexName(tableName: string): string {
  checkedTable(tableName);
  return `${tableName}_fts`;
}

const searchIndexes = new Map<string, boolean>();

export async function hasSearchIndex(tableName: string, options: { refresh?: boolean } = {}): Promise<boolean> {
  if (options.refresh) searchIndexes.delete(tableName);
  let known = searchIndexes.get(tableName);
  if (known === undefined) {
    const name = searchIndexName(tableName);
    known =
      engine() === 'postgres'
        ? Boolean((await dsRow<{ found: boolean }>('SELECT to_regclass(?) IS NOT NULL AS found', [name]))?.found)
        : Boolean(sqlite().prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
    searchIndexes.set(tableName, known);
  }
  return known;
}

/**
 * PostgreSQL: the text of a row its search index is built over, every column in the table's order
 * (queries must repeat the index's expression exactly for the planner to use it).
 */
async function searchDocument(tableName: string): Promise<string> {
  const columns = [...((await dialectFor(tableName)).columns?.values() ?? [])];
  return columns.length === 0 ? "''" : columns.map((c) => `coalesce(${c.sql}::text, '')`).join(' || chr(31) || ');
}

/**
 * Builds the table's search index. SQLite: one document per row (its cells joined),
 * trigram-tokenised, without a copy of the text (content='') and without positions (detail=none),
 * which keeps it to about a tenth of the table. PostgreSQL: a GIN index over the characters and
 * character pairs of the same document (the site search's grams, migration 0003). Either way
 * matches are candidates; the exact per-column test decides.
 */
export async function buildSearchIndex(tableName: string, columns: readonly string[]): Promise<void> {
  const table = checkedTable(tableName);
  const index = quoteIdentifier(searchIndexName(tableName));
  if ((await hasSearchIndex(tableName, { refresh: true })) || columns.length === 0) return;
  if (engine() === 'postgres') {
    await dsExec(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} USING gin (array_to_tsvector(jdz_search_grams(${await searchDocument(tableName)})))`);
  } else {
    const db = sqlite();
    const document = columns.map((c) => `coalesce(CAST(${quoteIdentifier(c)} AS TEXT), '')`).join(' || char(31) || ');
    db.transaction(() => {
      db.exec(`CREATE VIRTUAL TABLE ${index} USING fts5(doc, content='', detail=none, tokenize='trigram')`);
      db.exec(`INSERT INTO ${index} (rowid, doc) SELECT "_id", ${document} FROM ${table}`);
      db.exec(`INSERT INTO ${index} (${index}) VALUES ('optimize')`);
    })();
  }
  searchIndexes.set(tableName, true);
}

const COUNT_CACHE_LIMIT = 5000;
const countCache = new Map<string, number>();

function forgetTable(tableName: string): void {
  indexCache.delete(tableName);
  forgetPhysicalColumns(tableName);
  for (const [key, page] of pageCache) {
    if (key.startsWith(`${tableName}\u0000`)) {
      pageCache.delete(key);
      pageCacheBytes -= page.bytes;
    }
  }
  searchIndexes.delete(tableName);
  for (const key of contiguity.keys()) if (key.startsWith(`${tableName}:`)) contiguity.delete(key);
  for (const key of countCache.keys()) if (key.startsWith(`${tableName}\u0000`)) countCache.delete(key);
}

async function cachedCount(tableName: string, whereSql: string, params: readonly Param[], count: () => Promise<number>): Promise<number> {
  const key = `${tableName}\u0000${whereSql}\u0000${JSON.stringify(params)}`;
  const known = countCache.get(key);
  if (known !== undefined) {
    // Refresh its place: the least recently used entry is the one evicted.
    countCache.delete(key);
    countCache.set(key, known);
    return known;
  }
  const value = await count();
  if (countCache.size >= COUNT_CACHE_LIMIT) countCache.delete(countCache.keys().next().value as string);
  countCache.set(key, value);
  return value;
}

async function countRows(table: string, where: { sql: string; params: Param[] }): Promise<number> {
  return Number((await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} ${where.sql}`, where.params))?.n ?? 0);
}

/** Empty count, minimum and maximum of every column, in one scan of the table. */
export async function datastoreColumnExtremes(tableName: string, columns: readonly { name: string }[]): Promise<{ empty: number; min: CellValue; max: CellValue }[]> {
  const table = checkedTable(tableName);
  if (columns.length === 0) return [];
  const dialect = await dialectFor(tableName);
  const parts = columns.flatMap((column) => {
    const id = dialect.column(column.name);
    return [`COUNT(*) - COUNT(${id})`, `MIN(${id})`, `MAX(${id})`];
  });
  const row = (await dsArrays(`SELECT ${parts.join(', ')} FROM ${table}`))[0] ?? [];
  return columns.map((_, i) => ({ empty: Number(row[i * 3] ?? 0), min: row[i * 3 + 1] ?? null, max: row[i * 3 + 2] ?? null }));
}

/**
 * Drops a datastore table, once the current transaction (if any) has committed: a table is dropped
 * only when nothing refers to it any more, and on PostgreSQL the drop waits for the table's readers.
 * A deferred drop that fails is logged; the table is then an orphan, which the start-up sweep
 * (recoverInterruptedImports) drops.
 */
export async function dropDatastoreTable(tableName: string): Promise<void> {
  checkedTable(tableName);
  if (!inTransaction()) return dropNow(tableName);
  await afterCommit(() => dropNow(tableName).catch((error: unknown) => log.warn({ ...errorFields(error), table: tableName }, 'datastore table not dropped; the start-up sweep will')));
}

/** How long a drop waits for the table's readers (a download) before giving up for now. */
const DROP_LOCK_TIMEOUT = '5s';

async function dropNow(tableName: string): Promise<void> {
  const table = checkedTable(tableName);
  // The name is checked above (ds_ and digits), so it can be written into the statement.
  const forget = `DELETE FROM join_overlaps WHERE table_a = '${tableName}' OR table_b = '${tableName}'`;
  if (engine() === 'postgres') {
    // PostgreSQL's search index is an index of the table, dropped with it.
    await dsPostgresTransaction(`${forget}; DROP TABLE IF EXISTS ${table}`, { lock_timeout: DROP_LOCK_TIMEOUT });
  } else {
    await dsExec(`${forget}; DROP TABLE IF EXISTS ${quoteIdentifier(searchIndexName(tableName))}; DROP TABLE IF EXISTS ${table}`);
  }
  forgetTable(tableName);
}

export async function datastoreTableExists(tableName: string): Promise<boolean> {
  checkedTable(tableName);
  if (engine() === 'postgres') return Boolean((await dsRow<{ found: boolean }>('SELECT to_regclass(?) IS NOT NULL AS found', [tableName]))?.found);
  return Boolean(sqlite().prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(tableName));
}

/** Datastore tables whose name starts with ds_<resourceId>_ (leftovers of interrupted imports). */
export async function listDatastoreTables(): Promise<string[]> {
  const names =
    engine() === 'postgres'
      ? await dsRows<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'ds\\_%'")
      : (sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_[0-9]*'").all() as { name: string }[]);
  return names.map((r) => r.name).filter((name) => TABLE_NAME.test(name));
}

function queryColumns(columns: readonly DatastoreColumn[]): QueryColumn[] {
  return columns.map((c) => ({ name: c.name, type: c.type }));
}

function selectList(columns: readonly DatastoreColumn[], dialect: SqlDialect): string {
  return ['"_id"', ...columns.map((c) => dialect.column(c.name))].join(', ');
}

export type DatastoreRow = Record<string, CellValue>;

/** Rows read as arrays, keyed by name (PostgreSQL's columns are not named by their headers). */
export function keyed(rows: readonly CellValue[][], names: readonly string[]): DatastoreRow[] {
  return rows.map((cells) => {
    const row: DatastoreRow = {};
    for (let i = 0; i < names.length; i += 1) row[names[i] as string] = cells[i] ?? null;
    return row;
  });
}

/**
 * A sorted query whose filters keep at least this share of the rows reads the sort column's index
 * in order and skips the rows that do not match: it finds a page after reading a few hundred
 * entries, where using a filter's index would sort a hundred thousand rows first.
 */
const SCAN_SORT_INDEX_SHARE = 0.02;

/** One page of rows and the number of rows the query matches. */
export async function queryDatastore(tableName: string, columns: readonly DatastoreColumn[], query: RowQuery, knownTotal?: number): Promise<{ rows: DatastoreRow[]; total: number }> {
  const table = checkedTable(tableName);
  const where = buildWhere(query, queryColumns(columns), await whereOptions(tableName, query));
  const total = where.sql === '' && knownTotal !== undefined ? knownTotal : await cachedCount(tableName, where.sql, where.params, () => countRows(table, where));
  const page = await pageStatement(tableName, columns, query, { total, rowsInTable: knownTotal ?? total });
  const names = ['_id', ...columns.map((c) => c.name)];
  const rows = await cachedPage(tableName, page, async () => keyed(await dsArrays(page.sql, page.params), names));
  return { rows, total };
}

/** Pages of rows kept in memory, by table and statement: a popular filter is read once a while. */
const PAGE_CACHE_BYTES = 16 * 1024 * 1024;
const pageCache = new Map<string, { rows: DatastoreRow[]; bytes: number }>();
let pageCacheBytes = 0;

async function cachedPage(tableName: string, statement: { sql: string; params: Param[] }, read: () => Promise<DatastoreRow[]>): Promise<DatastoreRow[]> {
  const key = `${tableName}\u0000${statement.sql}\u0000${JSON.stringify(statement.params)}`;
  const known = pageCache.get(key);
  if (known) {
    pageCache.delete(key);
    pageCache.set(key, known);
    return known.rows;
  }
  const rows = await read();
  // A rough size: pages of long text cells are not worth keeping at the cost of many small ones.
  const bytes = JSON.stringify(rows).length * 2;
  if (bytes > PAGE_CACHE_BYTES / 64 || pageCache.has(key)) return rows;
  pageCache.set(key, { rows, bytes });
  pageCacheBytes += bytes;
  for (const [oldKey, old] of pageCache) {
    if (pageCacheBytes <= PAGE_CACHE_BYTES) break;
    pageCache.delete(oldKey);
    pageCacheBytes -= old.bytes;
  }
  return rows;
}

/**
 * The statement that reads one page, planned for the table: a range of row numbers for deep pages
 * of an unsorted table, or the sort column's index when the filters keep many rows.
 */
export async function pageStatement(tableName: string, columns: readonly DatastoreColumn[], query: RowQuery, counts: { total: number; rowsInTable: number }): Promise<{ sql: string; params: Param[] }> {
  const table = checkedTable(tableName);
  const options = await whereOptions(tableName, query);
  const where = buildWhere(query, queryColumns(columns), options);
  const order = buildOrderBy(query.sort, queryColumns(columns), options.dialect);
  const list = selectList(columns, options.dialect);
  const sortColumn = query.sort[0]?.column;
  if (where.sql === '' && (sortColumn === undefined || sortColumn === '_id') && (await contiguousRowNumbers(tableName, counts.rowsInTable))) {
    // Row numbers 1…n without gaps: a deep page is a range, not a skip over the rows before it.
    const descending = query.sort[0]?.descending ?? false;
    return {
      sql: `SELECT ${list} FROM ${table} WHERE "_id" ${descending ? '<=' : '>'} ? ${order} LIMIT ?`,
      params: [descending ? counts.rowsInTable - query.offset : query.offset, query.limit],
    };
  }
  const sortIndexed = sortColumn !== undefined && sortColumn !== '_id' && (await indexedColumns(tableName)).has(sortColumn);
  const scanSortIndex = sortIndexed && where.sql !== '' && counts.rowsInTable > 0 && counts.total / counts.rowsInTable >= SCAN_SORT_INDEX_SHARE;
  const filter = scanSortIndex ? buildWhere(query, queryColumns(columns), { ...options, avoidIndexes: true }) : where;
  return { sql: `SELECT ${list} FROM ${table} ${filter.sql} ${order} LIMIT ? OFFSET ?`, params: [...filter.params, query.limit, query.offset] };
}

/** How a query's WHERE is written for the table: its engine's names, and its search index when it has one. */
async function whereOptions(tableName: string, query: Pick<RowQuery, 'q'>): Promise<WhereOptions & { dialect: SqlDialect }> {
  const dialect = await dialectFor(tableName);
  if (!query.q || !(await hasSearchIndex(tableName))) return { dialect };
  return dialect.postgres ? { dialect, searchDocument: await searchDocument(tableName) } : { dialect, searchIndex: searchIndexName(tableName) };
}

const contiguity = new Map<string, boolean>();

async function maxRowNumber(tableName: string): Promise<number> {
  return Number((await dsRow<{ m: number | null }>(`SELECT MAX("_id") AS m FROM ${checkedTable(tableName)}`))?.m ?? 0);
}

/** Whether the table's row numbers run 1…rows (true of every upload; suppression leaves gaps). */
async function contiguousRowNumbers(tableName: string, rows: number): Promise<boolean> {
  const key = `${tableName}:${rows}`;
  let known = contiguity.get(key);
  if (known === undefined) {
    known = (await maxRowNumber(tableName)) === rows;
    if (contiguity.size > 1000) contiguity.clear();
    contiguity.set(key, known);
  }
  return known;
}

/**
 * Every matching row, read lazily (datastore-sql's dsBatches: a read-only connection of its own on
 * SQLite, a cursor on the readers' pool on PostgreSQL), for streamed downloads. Call `return()`
 * on the iterator if the reader stops early: that closes the connection.
 */
export async function iterateDatastore(tableName: string, columns: readonly DatastoreColumn[], query: Pick<RowQuery, 'filters' | 'q' | 'sort'>): Promise<AsyncGenerator<CellValue[]>> {
  const table = checkedTable(tableName);
  const options = await whereOptions(tableName, query);
  const where = buildWhere(query, queryColumns(columns), options);
  const order = buildOrderBy(query.sort, queryColumns(columns), options.dialect);
  return dsCells(`SELECT ${columns.map((c) => options.dialect.column(c.name)).join(', ')} FROM ${table} ${where.sql} ${order}`, where.params);
}

/**
 * CKAN's `distinct`: one page of the distinct combinations of `fields` among the rows the query
 * matches, sorted by the query's sort among those fields (else by the fields), and how many there are.
 */
export async function queryDistinct(tableName: string, columns: readonly DatastoreColumn[], query: RowQuery, fields: readonly string[]): Promise<{ rows: DatastoreRow[]; total: number }> {
  const table = checkedTable(tableName);
  const known = new Set(columns.map((c) => c.name));
  const chosen = fields.filter((f) => known.has(f));
  if (chosen.length === 0) return { rows: [], total: 0 };
  const options = await whereOptions(tableName, query);
  const where = buildWhere(query, queryColumns(columns), options);
  const list = chosen.map((f) => options.dialect.column(f)).join(', ');
  const sorted = query.sort.filter((s) => chosen.includes(s.column));
  const order = buildOrderBy(sorted.length > 0 ? sorted : chosen.map((column) => ({ column, descending: false })), queryColumns(columns), options.dialect).replace(/, "_id" (ASC|DESC)$/, '');
  const total = await cachedCount(tableName, `DISTINCT ${list} ${where.sql}`, where.params, async () =>
    Number((await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT ${list} FROM ${table} ${where.sql}) AS d`, where.params))?.n ?? 0),
  );
  const rows = await dsArrays(`SELECT DISTINCT ${list} FROM ${table} ${where.sql} ${order} LIMIT ? OFFSET ?`, [...where.params, query.limit, query.offset]);
  return { rows: keyed(rows, chosen), total };
}

/** How many rows a query matches (for the row limit of spreadsheet downloads). */
export async function countDatastoreRows(tableName: string, columns: readonly DatastoreColumn[], query: Pick<RowQuery, 'filters' | 'q'>): Promise<number> {
  const table = checkedTable(tableName);
  const where = buildWhere(query, queryColumns(columns), await whereOptions(tableName, query));
  return cachedCount(tableName, where.sql, where.params, () => countRows(table, where));
}

/**
 * Distinct non-empty values of a column that also occur in another table's column (compared as
 * text; a code stored as a number matches its digits). The smaller table is read and each of its
 * values looked up in the larger one's index, so a hundred-row table against a million-row one
 * costs a hundred lookups; both key columns are indexed when their tables are imported.
 */
export async function countOverlap(a: { table: string; column: string }, b: { table: string; column: string }): Promise<number> {
  const [small, large] = (await maxRowNumber(a.table)) <= (await maxRowNumber(b.table)) ? [a, b] : [b, a];
  await indexDatastoreColumn(large.table, large.column);
  const smallDialect = await dialectFor(small.table);
  const largeDialect = await dialectFor(large.table);
  const smallColumn = smallDialect.column(small.column);
  const largeColumn = largeDialect.column(large.column);
  const largeTable = checkedTable(large.table);
  const values = `SELECT DISTINCT ${smallDialect.postgres ? `${smallColumn}::text` : `CAST(${smallColumn} AS TEXT)`} AS v FROM ${checkedTable(small.table)} WHERE ${smallColumn} IS NOT NULL`;
  if (largeDialect.postgres) {
    // Typed columns: each value is compared in the larger column's type, so its index serves.
    const type = largeDialect.columns?.get(large.column)?.postgresType ?? 'text';
    const lookup =
      type === 'bigint' || type === 'smallint'
        ? `v ~ '^-?[0-9]{1,15}$' AND EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = v::bigint)`
        : type === 'double precision'
          ? `v ~ '^-?[0-9]+(\\.[0-9]+)?$' AND EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = v::double precision)`
          : `EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = v)`;
    return Number((await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM (${values}) AS s WHERE ${lookup}`))?.n ?? 0);
  }
  const row = await dsRow<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (${values})
     WHERE EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = v)
        OR (v GLOB '[0-9]*' AND v NOT GLOB '*[^0-9]*' AND EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = CAST(v AS INTEGER)))`,
  );
  return row?.n ?? 0;
}

const COPY_BATCH = 5000;

/**
 * Builds `target` from `source`, keeping row numbers: each output column is a source column,
 * optionally transformed in JavaScript (masking, pseudonyms …), of the given type. Rows are read
 * on a connection of their own and written in batches, yielding between batches so the site stays
 * responsive while a million-row table is de-identified.
 */
export async function copyTransformedTable(args: {
  source: string;
  target: string;
  columns: readonly { name: string; from: string; type: ColumnType; transform?: CellTransform }[];
}): Promise<number> {
  const source = checkedTable(args.source);
  const dialect = await dialectFor(args.source);
  const select = `SELECT "_id", ${args.columns.map((c) => dialect.column(c.from)).join(', ')} FROM ${source} ORDER BY "_id"`;
  await createDatastoreTable(args.target, args.columns);
  const insert = await datastoreInserter(args.target, ['_id', ...args.columns.map((c) => c.name)]);
  const transforms = args.columns.map((c) => c.transform);
  let copied = 0;
  for await (const rows of dsBatches(select, [], COPY_BATCH)) {
    await insert(rows.length, (i, row) => {
      const cells = rows[i] as CellValue[];
      row[0] = cells[0] ?? null;
      for (let c = 0; c < transforms.length; c += 1) {
        const value = cells[c + 1] ?? null;
        const transform = transforms[c];
        row[c + 1] = transform && value !== null ? transform(value) : value;
      }
    });
    copied += rows.length;
  }
  return copied;
}

/**
 * The table's cells, column by column as named, in batches on a connection of its own, yielding
 * to the event loop between batches (the privacy scan of tables imported before it existed).
 */
export async function* datastoreBatches(tableName: string, columns: readonly string[]): AsyncGenerator<CellValue[][]> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  yield* dsBatches(`SELECT ${columns.map((c) => dialect.column(c)).join(', ')} FROM ${table} ORDER BY "_id"`, [], COPY_BATCH);
}

/**
 * Removes rows whose combination of quasi-identifier values is shared by fewer than k rows (NULL
 * counts as a value), so no published row stands out. Returns how many rows were removed.
 */
export async function suppressSmallGroups(tableName: string, columns: readonly string[], k: number): Promise<number> {
  const table = checkedTable(tableName);
  if (columns.length === 0) return 0;
  const dialect = await dialectFor(tableName);
  const ids = columns.map((c) => dialect.column(c));
  const same = dialect.postgres ? 'IS NOT DISTINCT FROM' : 'IS';
  const join = columns.map((_, i) => `t.${ids[i]} ${same} g.g${i}`).join(' AND ');
  forgetTable(tableName);
  return dsRun(
    `DELETE FROM ${table} WHERE "_id" IN (SELECT t."_id" FROM ${table} t JOIN (SELECT ${ids.map((id, i) => `${id} AS g${i}`).join(', ')} FROM ${table} GROUP BY ${ids.join(', ')} HAVING COUNT(*) < ?) g ON ${join})`,
    [k],
  );
}

/** Sizes of the groups that share values on the quasi-identifier columns: the smallest first. */
export async function quasiIdentifierGroups(
  tableName: string,
  columns: readonly string[],
  k: number,
  limit = 50,
): Promise<{ k: number | null; groups: number; smallGroups: number; rowsInSmallGroups: number; smallest: { values: CellValue[]; size: number }[] }> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const ids = columns.map((c) => dialect.column(c));
  const grouped = `SELECT ${ids.map((id, i) => `${id} AS g${i}`).join(', ')}, COUNT(*) AS n FROM ${table} GROUP BY ${ids.join(', ')}`;
  const summary = await dsRow<{ k: number | null; g: number; s: number | null; r: number | null }>(
    `SELECT MIN(n) AS k, COUNT(*) AS g, SUM(CASE WHEN n < ? THEN 1 ELSE 0 END) AS s, SUM(CASE WHEN n < ? THEN n ELSE 0 END) AS r FROM (${grouped}) AS q`,
    [k, k],
  );
  const smallest = (await dsArrays(`SELECT * FROM (${grouped}) AS q WHERE n < ? ORDER BY n ASC LIMIT ?`, [k, limit])).map((row) => ({
    values: row.slice(0, columns.length),
    size: Number(row[columns.length]),
  }));
  return {
    k: summary?.k === null || summary?.k === undefined ? null : Number(summary.k),
    groups: Number(summary?.g ?? 0),
    smallGroups: Number(summary?.s ?? 0),
    rowsInSmallGroups: Number(summary?.r ?? 0),
    smallest,
  };
}

/** Row count and a fresh profile of each column, for a table built from another (nothing carried over). */
export async function profileDatastoreTable(
  tableName: string,
  columns: readonly { name: string; type: ColumnType }[],
): Promise<{ rowCount: number; profiles: ColumnProfile[] }> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const rowCount = Number((await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0);
  const extremes = await datastoreColumnExtremes(tableName, columns);
  const profiles: ColumnProfile[] = [];
  for (const [i, column] of columns.entries()) {
    const id = dialect.column(column.name);
    const distinct = Number((await dsRow<{ n: number }>(`SELECT COUNT(DISTINCT ${id}) AS n FROM ${table}`))?.n ?? 0);
    const top = (await dsRows<{ v: string | number; c: number }>(`SELECT ${id} AS v, COUNT(*) AS c FROM ${table} WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY c DESC, v LIMIT 5`))
      .map((t) => ({ value: t.v, count: Number(t.c) }))
      .filter((t) => t.count > 1);
    const numeric = column.type === 'integer' || column.type === 'decimal' || column.type === 'date';
    const extreme = extremes[i];
    profiles.push({ empty: extreme?.empty ?? 0, distinct, min: numeric ? (extreme?.min ?? null) : null, max: numeric ? (extreme?.max ?? null) : null, top });
  }
  return { rowCount, profiles };
}
