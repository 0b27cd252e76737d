/**
 * Joins of two served datastore tables on a shared key (inner or left), in SQL: the joined rows a
 * page at a time or all of them for a download, how many rows of each side found a partner, and
 * the re-identification check. Keys are compared as text, so 530702 and "530702" match (the same
 * code is often a number in one department's file and text in another's).
 */
import type { DatastoreColumn } from '../../db/tables';
import type { SqlDialect } from '~/lib/datastore-query';
import { checkedTable, type CellValue } from './datastore.server';
import { dialectFor, dsArrays, dsCells, dsRow } from './datastore-sql.server';

/**
 * A key as text. SQLite: numbers may be stored as reals, so 530702 reads "530702" (not
 * "530702.0") and meets the same code stored as text. PostgreSQL prints a whole double without a
 * fraction. Text keys lose surrounding spaces.
 */
function keyText(expression: string, dialect: SqlDialect): string {
  if (dialect.postgres) return `trim(${expression}::text)`;
  return `CASE WHEN typeof(${expression}) = 'real' AND ${expression} = CAST(${expression} AS INTEGER) THEN CAST(CAST(${expression} AS INTEGER) AS TEXT) ELSE trim(CAST(${expression} AS TEXT)) END`;
}

/** Each side's dialect (PostgreSQL names columns per table). */
async function sides(spec: JoinSpec): Promise<{ left: SqlDialect; right: SqlDialect }> {
  return { left: await dialectFor(spec.left.tableName), right: await dialectFor(spec.right.tableName) };
}

export interface JoinSide {
  tableName: string;
  columns: readonly DatastoreColumn[];
  /** The quasi-identifiers the department marked and the k its served table keeps. */
  suppression: { columns: string[]; k: number } | null;
}

export interface JoinSpec {
  left: JoinSide;
  right: JoinSide;
  /** The key column of the left table, and of the right (often the same name). */
  on: string;
  rightOn: string;
  how: 'inner' | 'left';
}

/** A column of the joined table: every left column, then the right's but its key. */
export interface JoinField {
  name: string;
  type: DatastoreColumn['type'];
  side: 'left' | 'right';
  /** The column's name in its own table. */
  source: string;
}

export function joinFields(spec: JoinSpec): JoinField[] {
  const fields: JoinField[] = spec.left.columns.map((c) => ({ name: c.name, type: c.type, side: 'left', source: c.name }));
  const taken = new Set(fields.map((f) => f.name));
  for (const column of spec.right.columns) {
    if (column.name === spec.rightOn) continue;
    // A name both tables use gets a numbered twin: "人口" and "人口 (2)".
    let name = column.name;
    for (let n = 2; taken.has(name); n += 1) name = `${column.name} (${n})`;
    taken.add(name);
    fields.push({ name, type: column.type, side: 'right', source: column.name });
  }
  return fields;
}

/**
 * The join as SQL. The right side is materialised with its key as text, which SQLite indexes on
 * the fly, so each left row finds its partners by an index lookup rather than a scan.
 */
function joinFrom(spec: JoinSpec, dialects: { left: SqlDialect; right: SqlDialect }): string {
  const left = checkedTable(spec.left.tableName);
  const right = checkedTable(spec.right.tableName);
  const rightOn = dialects.right.column(spec.rightOn);
  return `WITH r AS MATERIALIZED (SELECT *, ${keyText(rightOn, dialects.right)} AS "_jk" FROM ${right} WHERE ${rightOn} IS NOT NULL)
    SELECT %COLUMNS% FROM ${left} AS l ${spec.how === 'left' ? 'LEFT JOIN' : 'JOIN'} r ON r."_jk" = ${keyText(`l.${dialects.left.column(spec.on)}`, dialects.left)}`;
}

function fieldColumn(field: JoinField, dialects: { left: SqlDialect; right: SqlDialect }): string {
  return field.side === 'left' ? `l.${dialects.left.column(field.source)}` : `r.${dialects.right.column(field.source)}`;
}

function selectList(spec: JoinSpec, dialects: { left: SqlDialect; right: SqlDialect }): string {
  return joinFields(spec)
    .map((f) => fieldColumn(f, dialects))
    .join(', ');
}

/**
 * How many joined rows there are, and how many rows of each table found a partner, from each
 * side's rows per key (two grouped scans): exact, and cheap even when a key repeated on both
 * sides would multiply into billions of rows, which is how a join too large to make is refused
 * before it is attempted.
 */
export async function joinCounts(spec: JoinSpec): Promise<{ total: number; matched: { left: number; right: number } }> {
  const dialects = await sides(spec);
  const left = checkedTable(spec.left.tableName);
  const right = checkedTable(spec.right.tableName);
  const on = dialects.left.column(spec.on);
  const rightOn = dialects.right.column(spec.rightOn);
  const counts = await dsRow<{ pairs: number; leftMatched: number; rightMatched: number }>(
    `WITH lc AS (SELECT ${keyText(on, dialects.left)} AS k, COUNT(*) AS n FROM ${left} WHERE ${on} IS NOT NULL GROUP BY 1),
          rc AS (SELECT ${keyText(rightOn, dialects.right)} AS k, COUNT(*) AS n FROM ${right} WHERE ${rightOn} IS NOT NULL GROUP BY 1)
     SELECT COALESCE(SUM(lc.n * rc.n), 0) AS pairs, COALESCE(SUM(lc.n), 0) AS "leftMatched", COALESCE(SUM(rc.n), 0) AS "rightMatched" FROM lc JOIN rc ON rc.k = lc.k`,
  );
  const pairs = Number(counts?.pairs ?? 0);
  const leftMatched = Number(counts?.leftMatched ?? 0);
  const leftRows = spec.how === 'left' ? Number((await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM ${left}`))?.n ?? 0) : 0;
  const total = pairs + (spec.how === 'left' ? leftRows - leftMatched : 0);
  return { total, matched: { left: leftMatched, right: Number(counts?.rightMatched ?? 0) } };
}

/** One page of joined rows, in the left table's order. */
export async function joinPage(spec: JoinSpec, window: { limit: number; offset: number }): Promise<CellValue[][]> {
  const dialects = await sides(spec);
  return dsArrays(`${joinFrom(spec, dialects).replace('%COLUMNS%', selectList(spec, dialects))} ORDER BY l."_id" LIMIT ? OFFSET ?`, [window.limit, window.offset]);
}

/** Every joined row, read on a connection of its own so a long download holds nothing the site needs. */
export async function iterateJoin(spec: JoinSpec, limit: number): Promise<AsyncGenerator<CellValue[]>> {
  const dialects = await sides(spec);
  return dsCells(`${joinFrom(spec, dialects).replace('%COLUMNS%', selectList(spec, dialects))} ORDER BY l."_id" LIMIT ?`, [limit]);
}

/**
 * The quasi-identifiers of the joined table (each side's, under its joined name) and the k to keep:
 * the larger of the two sides' and the site's. Null when neither department marked any.
 */
export function joinQuasiIdentifiers(spec: JoinSpec, siteK: number): { fields: JoinField[]; k: number } | null {
  const fields = joinFields(spec);
  const marked = (side: 'left' | 'right', names: readonly string[] | undefined) => fields.filter((f) => f.side === side && names?.includes(f.source));
  const chosen = [...marked('left', spec.left.suppression?.columns), ...marked('right', spec.right.suppression?.columns)];
  if (chosen.length === 0) return null;
  return { fields: chosen, k: Math.max(siteK, spec.left.suppression?.k ?? 0, spec.right.suppression?.k ?? 0) };
}

/** Whether some combination of the quasi-identifiers occurs in fewer than k joined rows. */
export async function joinHasSmallGroups(spec: JoinSpec, quasi: { fields: JoinField[]; k: number }): Promise<boolean> {
  const dialects = await sides(spec);
  const group = quasi.fields.map((f) => fieldColumn(f, dialects)).join(', ');
  const text = `SELECT 1 AS small FROM (${joinFrom(spec, dialects).replace('%COLUMNS%', '1')} GROUP BY ${group} HAVING COUNT(*) < ?) AS g LIMIT 1`;
  return (await dsRow(text, [quasi.k])) !== undefined;
}
