/**
 * Small helpers for reading query results the same way on every engine (docs/decisions/012-postgresql.md):
 * a query is awaited and answers its rows, on SQLite and on PostgreSQL alike.
 */
import type { SQL } from 'drizzle-orm';
import { engine, getDb, type PgDb } from '../../db/client';

/** The row an INSERT … RETURNING wrote: always there, or the statement would have failed. */
export function inserted<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('INSERT … RETURNING answered no row');
  return row;
}

/** How many rows an UPDATE or DELETE changed: SQLite reports `changes`, PostgreSQL `rowCount`. */
export function affectedRows(result: unknown): number {
  const counts = result as { changes?: number | bigint; rowCount?: number | null };
  return Number(counts.changes ?? counts.rowCount ?? 0);
}

/**
 * A query written in SQL (a report, an aggregate drizzle's builder cannot say) and its rows. The
 * one place such queries run, so the engine is chosen here and not in every model.
 */
export async function selectRows<T>(query: SQL): Promise<T[]> {
  if (engine() === 'postgres') return (await (getDb() as unknown as PgDb).execute(query)).rows as T[];
  return getDb().all<T>(query);
}

/** The first row of such a query, or undefined. */
export async function selectRow<T>(query: SQL): Promise<T | undefined> {
  if (engine() === 'postgres') return (await selectRows<T>(query))[0];
  return getDb().get<T>(query);
}


/**
 * True when a statement broke a unique index: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's
 * 23505 (which drizzle wraps as the cause of its own error). On PostgreSQL the failed statement
 * aborts the transaction it ran in, so a caller that catches this and goes on runs the statement in
 * a transaction() of its own (a savepoint inside another).
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a statement written in SQL that answers no rows (an UPDATE or DELETE over plain columns). */
export async function runStatement(query: SQL): Promise<void> {
  if (engine() === 'postgres') await (getDb() as unknown as PgDb).execute(query);
  else getDb().run(query);
}
