/**
 * The datastore: each tabular resource's rows live in their own table, `ds_<resource>_<import>`,
 * with a `_id` row number and one column per uploaded header (the header is the column name,
 * always quoted). Columns are declared without a type so SQLite stores each value as given; the
 * column's type lives in the data dictionary and the import normalises values to it.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { getDb, openReadConnection } from '../../db/client';
import type { ColumnProfile, ColumnType, DatastoreColumn } from '../../db/tables';
import { buildOrderBy, buildWhere, quoteIdentifier, type QueryColumn, type RowQuery } from '~/lib/datastore-query';
import { normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger, type StoredValue } from '~/lib/import/infer';

/** ds_<resource>_<import>, and ds_<resource>_<import>_s<n> for a de-identified version of it. */
const TABLE_NAME = /^ds_\d+(_\d+)?(_s\d+)?$/;

import type { CellTransform, CellValue } from '~/lib/privacy/transforms';

export type { CellTransform, CellValue };

export function datastoreTableName(resourceId: number, importId?: number): string {
  return importId === undefined ? `ds_${resourceId}` : `ds_${resourceId}_${importId}`;
}

/** The name of the n-th served (de-identified) version built from an import's table. */
export function servedTableName(rawTableName: string, version: number): string {
  return `${rawTableName.replace(/_s\d+$/, '')}_s${version}`;
}

/** The quoted name of a datastore table, refusing anything that is not one. */
export function checkedTable(tableName: string): string {
  if (!TABLE_NAME.test(tableName)) throw new Error(`not a datastore table: ${tableName}`);
  return quoteIdentifier(tableName);
}

const registered = new WeakSet<Database>();

/** SQL functions used to rewrite cells once a column's type is known. */
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

export async function createDatastoreTable(tableName: string, columnNames: readonly string[]): Promise<void> {
  const table = checkedTable(tableName);
  const definition = ['"_id" INTEGER PRIMARY KEY', ...columnNames.map((name) => quoteIdentifier(name))].join(', ');
  const db = sqlite();
  db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(`CREATE TABLE ${table} (${definition})`);
  forgetTable(tableName);
}

/**
 * A prepared batch inserter: each call is one transaction that inserts `count` rows, asking `fill`
 * to write each row into one reused buffer (a million-row import allocates no row arrays).
 */
export async function datastoreInserter(
  tableName: string,
  columnNames: readonly string[],
): Promise<(count: number, fill: (index: number, row: StoredValue[]) => void) => void> {
  const table = checkedTable(tableName);
  const db = sqlite();
  const insert = db.prepare(
    `INSERT INTO ${table} (${columnNames.map((c) => quoteIdentifier(c)).join(', ')}) VALUES (${columnNames.map(() => '?').join(', ')})`,
  );
  const row: StoredValue[] = new Array(columnNames.length).fill(null);
  return db.transaction((count: number, fill: (index: number, row: StoredValue[]) => void) => {
    for (let i = 0; i < count; i += 1) {
      fill(i, row);
      insert.run(row);
    }
  });
}

/** Turns the 1/0 a column stored for yes/no words back into those words (the column is not boolean after all). */
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

/** Rewrites the cells whose stored form does not match their column's final type. */
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
  // Named by a hash of the column: headers can be long, and a truncated name could collide.
  const index = quoteIdentifier(`${tableName}_i${crypto.createHash('sha1').update(column).digest('hex').slice(0, 12)}`);
  sqlite().exec(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${quoteIdentifier(column)})`);
  indexCache.delete(tableName);
}

/**
 * Datastore tables never change once they serve (a new upload or a new de-identified version is a
 * new table), so what is known about one — its indexes, its counts — can be kept in memory. Each
 * process keeps its own; nothing here is the truth, only a shortcut to it.
 */
const indexCache = new Map<string, Set<string>>();

/** The columns that lead an index of the table. */
export async function indexedColumns(tableName: string, options: { refresh?: boolean } = {}): Promise<Set<string>> {
  if (options.refresh) indexCache.delete(tableName);
  let columns = indexCache.get(tableName);
  if (!columns) {
    const db = sqlite();
    const indexes = db.prepare('SELECT name FROM pragma_index_list(?)').all(tableName) as { name: string }[];
    columns = new Set(
      indexes.flatMap(({ name }) => {
        const first = db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').get(name) as { name: string | null } | undefined;
        return first?.name ? [first.name] : [];
      }),
    );
    indexCache.set(tableName, columns);
  }
  return columns;
}

/** The trigram index over every cell of a row, for `q` on large tables. */
export function searchIndexName(tableName: string): string {
  checkedTable(tableName);
  return `${tableName}_fts`;
}

const searchIndexes = new Map<string, boolean>();

export async function hasSearchIndex(tableName: string, options: { refresh?: boolean } = {}): Promise<boolean> {
  if (options.refresh) searchIndexes.delete(tableName);
  let known = searchIndexes.get(tableName);
  if (known === undefined) {
    known = Boolean(sqlite().prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(searchIndexName(tableName)));
    searchIndexes.set(tableName, known);
  }
  return known;
}

/**
 * Builds the table's search index: one document per row (its cells joined), trigram-tokenised,
 * without a copy of the text (content='') and without positions (detail=none), which keeps it to
 * about a tenth of the table. Matches are candidates; the exact per-column test decides.
 */
export async function buildSearchIndex(tableName: string, columns: readonly string[]): Promise<void> {
  const table = checkedTable(tableName);
  const index = quoteIdentifier(searchIndexName(tableName));
  const db = sqlite();
  if (await hasSearchIndex(tableName, { refresh: true }) || columns.length === 0) return;
  const document = columns.map((c) => `coalesce(CAST(${quoteIdentifier(c)} AS TEXT), '')`).join(" || char(31) || ");
  db.transaction(() => {
    db.exec(`CREATE VIRTUAL TABLE ${index} USING fts5(doc, content='', detail=none, tokenize='trigram')`);
    db.exec(`INSERT INTO ${index} (rowid, doc) SELECT "_id", ${document} FROM ${table}`);
    db.exec(`INSERT INTO ${index} (${index}) VALUES ('optimize')`);
  })();
  searchIndexes.set(tableName, true);
}

const COUNT_CACHE_LIMIT = 5000;
const countCache = new Map<string, number>();

function forgetTable(tableName: string): void {
  indexCache.delete(tableName);
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

function cachedCount(tableName: string, whereSql: string, params: readonly (string | number)[], count: () => number): number {
  const key = `${tableName}\u0000${whereSql}\u0000${JSON.stringify(params)}`;
  const known = countCache.get(key);
  if (known !== undefined) {
    // Refresh its place: the least recently used entry is the one evicted.
    countCache.delete(key);
    countCache.set(key, known);
    return known;
  }
  const value = count();
  if (countCache.size >= COUNT_CACHE_LIMIT) countCache.delete(countCache.keys().next().value as string);
  countCache.set(key, value);
  return value;
}

/** Empty count, minimum and maximum of every column, in one scan of the table. */
export async function datastoreColumnExtremes(tableName: string, columns: readonly { name: string }[]): Promise<{ empty: number; min: CellValue; max: CellValue }[]> {
  const table = checkedTable(tableName);
  if (columns.length === 0) return [];
  const parts = columns.flatMap((column, i) => {
    const id = quoteIdentifier(column.name);
    return [`SUM(${id} IS NULL) AS e${i}`, `MIN(${id}) AS lo${i}`, `MAX(${id}) AS hi${i}`];
  });
  const row = sqlite().prepare(`SELECT ${parts.join(', ')} FROM ${table}`).get() as Record<string, CellValue>;
  return columns.map((_, i) => ({ empty: Number(row[`e${i}`] ?? 0), min: row[`lo${i}`] ?? null, max: row[`hi${i}`] ?? null }));
}

export async function dropDatastoreTable(tableName: string): Promise<void> {
  sqlite().prepare('DELETE FROM join_overlaps WHERE table_a = ? OR table_b = ?').run(tableName, tableName);
  sqlite().exec(`DROP TABLE IF EXISTS ${quoteIdentifier(searchIndexName(tableName))}`);
  sqlite().exec(`DROP TABLE IF EXISTS ${checkedTable(tableName)}`);
  forgetTable(tableName);
}

export async function datastoreTableExists(tableName: string): Promise<boolean> {
  checkedTable(tableName);
  return Boolean(sqlite().prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(tableName));
}

/** Datastore tables whose name starts with ds_<resourceId>_ (leftovers of interrupted imports). */
export async function listDatastoreTables(): Promise<string[]> {
  return (sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_[0-9]*'").all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => TABLE_NAME.test(name));
}

function queryColumns(columns: readonly DatastoreColumn[]): QueryColumn[] {
  return columns.map((c) => ({ name: c.name, type: c.type }));
}

function selectList(columns: readonly DatastoreColumn[]): string {
  return ['"_id"', ...columns.map((c) => quoteIdentifier(c.name))].join(', ');
}

export type DatastoreRow = Record<string, CellValue>;

/**
 * A sorted query whose filters keep at least this share of the rows reads the sort column's index
 * in order and skips the rows that do not match: it finds a page after reading a few hundred
 * entries, where using a filter's index would sort a hundred thousand rows first.
 */
const SCAN_SORT_INDEX_SHARE = 0.02;

/** One page of rows and the number of rows the query matches. */
export async function queryDatastore(tableName: string, columns: readonly DatastoreColumn[], query: RowQuery, knownTotal?: number): Promise<{ rows: DatastoreRow[]; total: number }> {
  const table = checkedTable(tableName);
  const db = sqlite();
  const where = buildWhere(query, queryColumns(columns), await searchOptions(tableName, query));
  const total =
    where.sql === '' && knownTotal !== undefined
      ? knownTotal
      : cachedCount(tableName, where.sql, where.params, () => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${where.sql}`).get(...where.params) as { n: number }).n);
  const page = await pageStatement(tableName, columns, query, { total, rowsInTable: knownTotal ?? total });
  const rows = cachedPage(tableName, page, () => db.prepare(page.sql).all(...page.params) as DatastoreRow[]);
  return { rows, total };
}

/** Pages of rows kept in memory, by table and statement: a popular filter is read once a while. */
const PAGE_CACHE_BYTES = 16 * 1024 * 1024;
const pageCache = new Map<string, { rows: DatastoreRow[]; bytes: number }>();
let pageCacheBytes = 0;

function cachedPage(tableName: string, statement: { sql: string; params: (string | number)[] }, read: () => DatastoreRow[]): DatastoreRow[] {
  const key = `${tableName}\u0000${statement.sql}\u0000${JSON.stringify(statement.params)}`;
  const known = pageCache.get(key);
  if (known) {
    pageCache.delete(key);
    pageCache.set(key, known);
    return known.rows;
  }
  const rows = read();
  // A rough size: pages of long text cells are not worth keeping at the cost of many small ones.
  const bytes = JSON.stringify(rows).length * 2;
  if (bytes > PAGE_CACHE_BYTES / 64) return rows;
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
export async function pageStatement(tableName: string, columns: readonly DatastoreColumn[], query: RowQuery, counts: { total: number; rowsInTable: number }): Promise<{ sql: string; params: (string | number)[] }> {
  const table = checkedTable(tableName);
  const where = buildWhere(query, queryColumns(columns), await searchOptions(tableName, query));
  const order = buildOrderBy(query.sort, queryColumns(columns));
  const sortColumn = query.sort[0]?.column;
  if (where.sql === '' && (sortColumn === undefined || sortColumn === '_id') && await contiguousRowNumbers(tableName, counts.rowsInTable)) {
    // Row numbers 1…n without gaps: a deep page is a range, not a skip over the rows before it.
    const descending = query.sort[0]?.descending ?? false;
    return {
      sql: `SELECT ${selectList(columns)} FROM ${table} WHERE "_id" ${descending ? '<=' : '>'} ? ${order} LIMIT ?`,
      params: [descending ? counts.rowsInTable - query.offset : query.offset, query.limit],
    };
  }
  const sortIndexed = sortColumn !== undefined && sortColumn !== '_id' && (await indexedColumns(tableName)).has(sortColumn);
  const scanSortIndex = sortIndexed && where.sql !== '' && counts.rowsInTable > 0 && counts.total / counts.rowsInTable >= SCAN_SORT_INDEX_SHARE;
  const filter = scanSortIndex ? buildWhere(query, queryColumns(columns), { ...await searchOptions(tableName, query), avoidIndexes: true }) : where;
  return { sql: `SELECT ${selectList(columns)} FROM ${table} ${filter.sql} ${order} LIMIT ? OFFSET ?`, params: [...filter.params, query.limit, query.offset] };
}

async function searchOptions(tableName: string, query: Pick<RowQuery, 'q'>): Promise<{ searchIndex?: string }> {
  return query.q && await hasSearchIndex(tableName) ? { searchIndex: searchIndexName(tableName) } : {};
}

const contiguity = new Map<string, boolean>();

/** Whether the table's row numbers run 1…rows (true of every upload; suppression leaves gaps). */
async function contiguousRowNumbers(tableName: string, rows: number): Promise<boolean> {
  const key = `${tableName}:${rows}`;
  let known = contiguity.get(key);
  if (known === undefined) {
    const max = (sqlite().prepare(`SELECT MAX("_id") AS m FROM ${checkedTable(tableName)}`).get() as { m: number | null }).m ?? 0;
    known = max === rows;
    if (contiguity.size > 1000) contiguity.clear();
    contiguity.set(key, known);
  }
  return known;
}

/**
 * Every matching row, read lazily on a read-only connection of its own (a shared one would keep
 * every later reader in this download's snapshot), for streamed downloads. Call `return()` on the
 * iterator if the reader stops early: that closes the connection.
 */
export async function iterateDatastore(tableName: string, columns: readonly DatastoreColumn[], query: Pick<RowQuery, 'filters' | 'q' | 'sort'>): Promise<IterableIterator<CellValue[]>> {
  const table = checkedTable(tableName);
  const where = buildWhere(query, queryColumns(columns), await searchOptions(tableName, query));
  const order = buildOrderBy(query.sort, queryColumns(columns));
  const reader = openReadConnection();
  try {
    const statement = reader.prepare(`SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(', ')} FROM ${table} ${where.sql} ${order}`).raw(true);
    return closingWhenDone(statement.iterate(...where.params) as IterableIterator<CellValue[]>, () => reader.close());
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** An iterator that closes its connection once it is read to the end, fails or is abandoned. */
export function closingWhenDone<T>(inner: IterableIterator<T>, close: () => void): IterableIterator<T> {
  let closed = false;
  const finish = () => {
    if (!closed) {
      closed = true;
      close();
    }
  };
  const iterator: IterableIterator<T> = {
    next() {
      try {
        const step = inner.next();
        if (step.done) finish();
        return step;
      } catch (error) {
        finish();
        throw error;
      }
    },
    return(value?: unknown) {
      inner.return?.();
      finish();
      return { done: true, value: value as T };
    },
    [Symbol.iterator]() {
      return iterator;
    },
  };
  return iterator;
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
  const where = buildWhere(query, queryColumns(columns), await searchOptions(tableName, query));
  const list = chosen.map((f) => quoteIdentifier(f)).join(', ');
  const sorted = query.sort.filter((s) => chosen.includes(s.column));
  const order = (sorted.length > 0 ? sorted.map((s) => `${quoteIdentifier(s.column)} ${s.descending ? 'DESC' : 'ASC'}`) : chosen.map((f) => quoteIdentifier(f))).join(', ');
  const db = sqlite();
  const total = cachedCount(tableName, `DISTINCT ${list} ${where.sql}`, where.params, () => (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT ${list} FROM ${table} ${where.sql})`).get(...where.params) as { n: number }).n);
  const rows = db.prepare(`SELECT DISTINCT ${list} FROM ${table} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset) as DatastoreRow[];
  return { rows, total };
}

/** How many rows a query matches (for the row limit of spreadsheet downloads). */
export async function countDatastoreRows(tableName: string, columns: readonly DatastoreColumn[], query: Pick<RowQuery, 'filters' | 'q'>): Promise<number> {
  const table = checkedTable(tableName);
  const where = buildWhere(query, queryColumns(columns), await searchOptions(tableName, query));
  return cachedCount(tableName, where.sql, where.params, () => (sqlite().prepare(`SELECT COUNT(*) AS n FROM ${table} ${where.sql}`).get(...where.params) as { n: number }).n);
}

/**
 * Distinct non-empty values of a column that also occur in another table's column (compared as
 * text; a code stored as a number matches its digits). The smaller table is read and each of its
 * values looked up in the larger one's index, so a hundred-row table against a million-row one
 * costs a hundred lookups; both key columns are indexed when their tables are imported.
 */
export async function countOverlap(a: { table: string; column: string }, b: { table: string; column: string }): Promise<number> {
  const db = sqlite();
  const rows = (table: string) => (db.prepare(`SELECT MAX("_id") AS n FROM ${checkedTable(table)}`).get() as { n: number | null }).n ?? 0;
  const [small, large] = rows(a.table) <= rows(b.table) ? [a, b] : [b, a];
  await indexDatastoreColumn(large.table, large.column);
  const smallColumn = quoteIdentifier(small.column);
  const largeColumn = quoteIdentifier(large.column);
  const largeTable = checkedTable(large.table);
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT CAST(${smallColumn} AS TEXT) AS v FROM ${checkedTable(small.table)} WHERE ${smallColumn} IS NOT NULL)
       WHERE EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = v)
          OR (v GLOB '[0-9]*' AND v NOT GLOB '*[^0-9]*' AND EXISTS (SELECT 1 FROM ${largeTable} WHERE ${largeColumn} = CAST(v AS INTEGER)))`,
    )
    .get() as { n: number };
  return row.n;
}


const COPY_BATCH = 5000;

/**
 * Builds `target` from `source`, keeping row numbers: each output column is a source column,
 * optionally transformed in JavaScript (masking, pseudonyms …). Rows are read on the read-only
 * connection and written in batches, yielding between batches so the site stays responsive while
 * a million-row table is de-identified.
 */
export async function copyTransformedTable(args: {
  source: string;
  target: string;
  columns: readonly { name: string; from: string; transform?: CellTransform }[];
}): Promise<number> {
  const source = checkedTable(args.source);
  await createDatastoreTable(args.target, args.columns.map((c) => c.name));
  const insert = await datastoreInserter(args.target, ['_id', ...args.columns.map((c) => c.name)]);
  const reader = openReadConnection();
  const select = reader
    .prepare(`SELECT "_id", ${args.columns.map((c) => quoteIdentifier(c.from)).join(', ')} FROM ${source} ORDER BY "_id"`)
    .raw(true);
  const transforms = args.columns.map((c) => c.transform);
  let batch: CellValue[][] = [];
  let copied = 0;
  const flush = () => {
    const rows = batch;
    insert(rows.length, (i, row) => {
      const cells = rows[i] as CellValue[];
      row[0] = cells[0] ?? null;
      for (let c = 0; c < transforms.length; c += 1) {
        const value = cells[c + 1] ?? null;
        const transform = transforms[c];
        row[c + 1] = transform && value !== null ? transform(value) : value;
      }
    });
    copied += rows.length;
    batch = [];
  };
  const iterator = select.iterate() as IterableIterator<CellValue[]>;
  try {
    for (const cells of iterator) {
      batch.push(cells);
      if (batch.length === COPY_BATCH) {
        flush();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    iterator.return?.();
    reader.close();
  }
  if (batch.length > 0) flush();
  return copied;
}

/**
 * The table's cells, column by column as named, in batches on a read-only connection of its own, yielding
 * to the event loop between batches (the privacy scan of tables imported before it existed).
 */
export async function* datastoreBatches(tableName: string, columns: readonly string[]): AsyncGenerator<CellValue[][]> {
  const table = checkedTable(tableName);
  const reader = openReadConnection();
  const select = reader.prepare(`SELECT ${columns.map((c) => quoteIdentifier(c)).join(', ')} FROM ${table} ORDER BY "_id"`).raw(true);
  const iterator = select.iterate() as IterableIterator<CellValue[]>;
  let batch: CellValue[][] = [];
  try {
    for (const cells of iterator) {
      batch.push(cells);
      if (batch.length === COPY_BATCH) {
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

/**
 * Removes rows whose combination of quasi-identifier values is shared by fewer than k rows (NULL
 * counts as a value), so no published row stands out. Returns how many rows were removed.
 */
export async function suppressSmallGroups(tableName: string, columns: readonly string[], k: number): Promise<number> {
  const table = checkedTable(tableName);
  if (columns.length === 0) return 0;
  const ids = columns.map((c) => quoteIdentifier(c));
  const join = columns.map((_, i) => `t.${ids[i]} IS g.c${i}`).join(' AND ');
  const result = sqlite()
    .prepare(
      `DELETE FROM ${table} WHERE "_id" IN (SELECT t."_id" FROM ${table} t JOIN (SELECT ${ids.map((id, i) => `${id} AS c${i}`).join(', ')} FROM ${table} GROUP BY ${ids.join(', ')} HAVING COUNT(*) < ?) g ON ${join})`,
    )
    .run(k);
  return result.changes;
}

/** Sizes of the groups that share values on the quasi-identifier columns: the smallest first. */
export async function quasiIdentifierGroups(
  tableName: string,
  columns: readonly string[],
  k: number,
  limit = 50,
): Promise<{ k: number | null; groups: number; smallGroups: number; rowsInSmallGroups: number; smallest: { values: CellValue[]; size: number }[] }> {
  const table = checkedTable(tableName);
  const ids = columns.map((c) => quoteIdentifier(c));
  const grouped = `SELECT ${ids.map((id, i) => `${id} AS c${i}`).join(', ')}, COUNT(*) AS n FROM ${table} GROUP BY ${ids.join(', ')}`;
  const db = sqlite();
  const summary = db
    .prepare(`SELECT MIN(n) AS k, COUNT(*) AS groups, SUM(n < ?) AS small, SUM(CASE WHEN n < ? THEN n ELSE 0 END) AS rows FROM (${grouped})`)
    .get(k, k) as { k: number | null; groups: number; small: number | null; rows: number | null };
  const smallest = (db.prepare(`SELECT * FROM (${grouped}) WHERE n < ? ORDER BY n ASC LIMIT ?`).raw(true).all(k, limit) as CellValue[][]).map((row) => ({
    values: row.slice(0, columns.length),
    size: Number(row[columns.length]),
  }));
  return { k: summary.k, groups: summary.groups, smallGroups: summary.small ?? 0, rowsInSmallGroups: summary.rows ?? 0, smallest };
}

/** Row count and a fresh profile of each column, for a table built from another (nothing carried over). */
export async function profileDatastoreTable(
  tableName: string,
  columns: readonly { name: string; type: ColumnType }[],
): Promise<{ rowCount: number; profiles: ColumnProfile[] }> {
  const table = checkedTable(tableName);
  const db = sqlite();
  const rowCount = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const extremes = await datastoreColumnExtremes(tableName, columns);
  const profiles = columns.map((column, i) => {
    const id = quoteIdentifier(column.name);
    const distinct = (db.prepare(`SELECT COUNT(DISTINCT ${id}) AS n FROM ${table}`).get() as { n: number }).n;
    const top = (db.prepare(`SELECT ${id} AS value, COUNT(*) AS count FROM ${table} WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY count DESC LIMIT 5`).all() as { value: string | number; count: number }[]).filter(
      (t) => t.count > 1,
    );
    const numeric = column.type === 'integer' || column.type === 'decimal' || column.type === 'date';
    const extreme = extremes[i];
    return { empty: extreme?.empty ?? 0, distinct, min: numeric ? (extreme?.min ?? null) : null, max: numeric ? (extreme?.max ?? null) : null, top };
  });
  return { rowCount, profiles };
}
