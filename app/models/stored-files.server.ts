/**
 * Which stored files (under DATA_DIR/uploads) the database still refers to.
 *
 * The columns are read from the schema, not listed by hand: every column named `storage_key` or
 * `…_storage_key` in any table holds the key of a stored file. A feature that adds such a column
 * is protected from the upload sweep without touching this module.
 */
import { Table, getTableColumns, getTableName, is, isNotNull } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getDb } from '../../db/client';
import * as schema from '../../db/tables';

export interface StorageKeyColumn {
  table: string;
  column: string;
}

/** A column's SQL name that marks it as holding a stored file's key. */
export function isStorageKeyColumnName(name: string): boolean {
  return name === 'storage_key' || name.endsWith('_storage_key');
}

function storageKeyColumnsOf(module: Record<string, unknown>): { table: SQLiteTable; column: SQLiteColumn; name: StorageKeyColumn }[] {
  const found: { table: SQLiteTable; column: SQLiteColumn; name: StorageKeyColumn }[] = [];
  for (const value of Object.values(module)) {
    // Either engine's tables (db/tables.ts answers PostgreSQL's on PostgreSQL), typed as SQLite's.
    if (!is(value, Table)) continue;
    const table = value as SQLiteTable;
    const tableName = getTableName(table);
    for (const column of Object.values(getTableColumns(table)) as SQLiteColumn[]) {
      if (isStorageKeyColumnName(column.name)) found.push({ table, column, name: { table: tableName, column: column.name } });
    }
  }
  return found;
}

/** Every (table, column) of the schema that holds a stored file's key. */
export function storageKeyColumns(): StorageKeyColumn[] {
  return storageKeyColumnsOf(schema).map((c) => c.name);
}

/**
 * Keys of every stored file any row refers to, in any storage-key column, whatever the row's
 * status: a failed import or an old revision may still be looked at or retried, and deleting
 * such files is the job of the code that retires the row, not of a sweep.
 */
export async function referencedStorageKeys(): Promise<Set<string>> {
  const db = getDb();
  const keys = new Set<string>();
  for (const { table, column } of storageKeyColumnsOf(schema)) {
    for (const row of await db.selectDistinct({ key: column }).from(table).where(isNotNull(column))) {
      if (typeof row.key === 'string') keys.add(row.key);
    }
  }
  return keys;
}

/**
 * The same keys read from another database file (a backup being checked): plain SQL over the
 * same columns, on a connection the caller opened.
 */
export function referencedStorageKeysIn(sqlite: { prepare: (sql: string) => { pluck: () => { all: () => unknown[] } } }): Set<string> {
  const keys = new Set<string>();
  for (const { table, column } of storageKeyColumns()) {
    for (const key of sqlite.prepare(`SELECT DISTINCT "${column}" FROM "${table}" WHERE "${column}" IS NOT NULL`).pluck().all()) {
      if (typeof key === 'string') keys.add(key);
    }
  }
  return keys;
}
