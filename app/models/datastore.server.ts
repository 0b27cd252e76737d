/**
 * The datastore: each tabular resource's rows live in their own table `ds_<resourceId>` with
 * typed columns. Identifiers come from uploaded headers, so they are always quoted here and the
 * table name is checked against its fixed shape.
 */
import { getDb } from '../../db/client';
import type { ColumnType, DatastoreColumn } from '../../db/schema';

const TABLE_NAME = /^ds_\d+$/;

export function datastoreTableName(resourceId: number): string {
  return `ds_${resourceId}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function checkedTable(tableName: string): string {
  if (!TABLE_NAME.test(tableName)) throw new Error(`not a datastore table: ${tableName}`);
  return quoteIdentifier(tableName);
}

const SQLITE_TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  decimal: 'REAL',
  // ISO 8601 text sorts and compares correctly.
  date: 'TEXT',
  text: 'TEXT',
  boolean: 'INTEGER',
};

export type CellValue = string | number | null;

/**
 * Creates (or replaces) a datastore table and fills it in one transaction. Used by the seed now and
 * by the import pipeline, which streams batches through `insertDatastoreRows`.
 */
export function createDatastoreTable(tableName: string, columns: DatastoreColumn[], rows: Iterable<CellValue[]> = []): number {
  const table = checkedTable(tableName);
  const sqlite = getDb().$client;
  const definition = ['"_id" INTEGER PRIMARY KEY', ...columns.map((c) => `${quoteIdentifier(c.name)} ${SQLITE_TYPES[c.type]}`)].join(', ');
  let count = 0;
  sqlite.transaction(() => {
    sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
    sqlite.exec(`CREATE TABLE ${table} (${definition})`);
    count = insertDatastoreRows(tableName, columns, rows);
  })();
  return count;
}

export function insertDatastoreRows(tableName: string, columns: DatastoreColumn[], rows: Iterable<CellValue[]>): number {
  const table = checkedTable(tableName);
  const insert = getDb().$client.prepare(
    `INSERT INTO ${table} (${columns.map((c) => quoteIdentifier(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let count = 0;
  for (const row of rows) {
    insert.run(row);
    count += 1;
  }
  return count;
}

/** The first rows of a table in stored order, keyed by column name. */
export function previewDatastoreRows(tableName: string, columns: DatastoreColumn[], limit: number): Record<string, CellValue>[] {
  const table = checkedTable(tableName);
  const select = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  return getDb()
    .$client.prepare(`SELECT ${select} FROM ${table} ORDER BY "_id" LIMIT ?`)
    .all(limit) as Record<string, CellValue>[];
}

export function dropDatastoreTable(tableName: string): void {
  getDb().$client.exec(`DROP TABLE IF EXISTS ${checkedTable(tableName)}`);
}
