/**
 * The few SQL expressions that SQLite and PostgreSQL spell differently, for the models' hand-written
 * queries (docs/decisions/012-postgresql.md). Everything else they write is common SQL: `||`,
 * `coalesce`, `substr`, `->>`, `true`/`false` (SQLite reads them as 1/0), quoted camelCase aliases.
 *
 * Timestamps are integer milliseconds on SQLite and timestamptz on PostgreSQL, so arithmetic on them
 * goes through `epochMs`, and a point in time compared with a column goes through `timeValue`
 * (better-sqlite3 cannot bind a Date). A timestamp read by a raw query comes back as a number
 * (SQLite) or text (PostgreSQL): `new Date(value)` reads both.
 */
import { sql, type SQL } from 'drizzle-orm';
import { engine } from '../../db/client';

const onPostgres = () => engine() === 'postgres';

/** A point in time as a query parameter compared with a timestamp column. */
export function timeValue(date: Date): number | Date {
  return onPostgres() ? date : date.getTime();
}

/** A timestamp expression as milliseconds since 1970 (for differences and scaled comparisons). */
export function epochMs(expression: SQL | SQL.Aliased | unknown): SQL {
  return onPostgres() ? sql`(extract(epoch from ${expression}) * 1000)` : sql`${expression}`;
}

/** The local calendar day (YYYY-MM-DD) of a timestamp, `offsetMs` ahead of UTC. */
export function localDay(expression: unknown, offsetMs: number): SQL {
  return onPostgres()
    ? sql`to_char((${expression} at time zone 'UTC') + ${offsetMs} * interval '1 millisecond', 'YYYY-MM-DD')`
    : sql`date((${expression} + ${offsetMs}) / 1000, 'unixepoch')`;
}

/** The local month (YYYY-MM) of a timestamp, `offsetMs` ahead of UTC. */
export function localMonth(expression: unknown, offsetMs: number): SQL {
  return onPostgres()
    ? sql`to_char((${expression} at time zone 'UTC') + ${offsetMs} * interval '1 millisecond', 'YYYY-MM')`
    : sql`strftime('%Y-%m', (${expression} + ${offsetMs}) / 1000, 'unixepoch')`;
}

/** The values of a group joined into one text with a separator (NULLs left out). */
export function groupConcat(expression: unknown, separator: string): SQL {
  return onPostgres() ? sql`string_agg((${expression})::text, ${separator})` : sql`group_concat(${expression}, ${separator})`;
}

/**
 * The elements of a JSON array column as rows of a FROM clause, named `alias`, each element as
 * `alias.value` (JSON) and its position as `alias.key` (for ordering only: it counts from 0 on SQLite, from 1 on PostgreSQL).
 */
export function jsonElements(column: unknown, alias: string): SQL {
  const name = sql.raw(`"${alias.replaceAll('"', '""')}"`);
  return onPostgres()
    ? sql`jsonb_array_elements(${column}) with ordinality as ${name}(value, key)`
    : sql`json_each(${column}) as ${name}`;
}

/**
 * A LIKE pattern (with `\` escaping % and _) tested as SQLite's LIKE does it: ASCII letters in
 * either case (PostgreSQL's LIKE tells case apart; its ILIKE does not).
 */
export function likeText(expression: unknown, pattern: string): SQL {
  return onPostgres() ? sql`${expression} ILIKE ${pattern} ESCAPE '\\'` : sql`${expression} LIKE ${pattern} ESCAPE '\\'`;
}
