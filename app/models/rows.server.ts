/**
 * Small helpers for reading query results the same way on every engine (docs/decisions/012-postgresql.md):
 * a query is awaited and answers its rows, on SQLite and on PostgreSQL alike.
 */

/** The row an INSERT … RETURNING wrote: always there, or the statement would have failed. */
export function inserted<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('INSERT … RETURNING answered no row');
  return row;
}
