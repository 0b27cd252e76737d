/**
 * Joins of two served datastore tables on a shared key (inner or left), in SQL: the joined rows a
 * page at a time or all of them for a download, how many rows of each side found a partner, and
 * the re-identification check. Keys are compared as text, so 530702 and "530702" match (the same
 * code is often a number in one department's file and text in another's).
 */
import { openReadConnection } from '../../db/client';
import type { DatastoreColumn } from '../../db/tables';
import { quoteIdentifier } from '~/lib/datastore-query';
import { checkedTable, closingWhenDone, sqlite, type CellValue } from './datastore.server';

/**
 * A key as text: numbers are stored as reals in datastore tables, so 530702 reads "530702" (not
 * "530702.0") and meets the same code stored as text; text keys lose surrounding spaces.
 */
function keyText(expression: string): string {
  return `CASE WHEN typeof(${expression}) = 'real' AND ${expression} = CAST(${expression} AS INTEGER) THEN CAST(CAST(${expression} AS INTEGER) AS TEXT) ELSE trim(CAST(${expression} AS TEXT)) END`;
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
function joinFrom(spec: JoinSpec): string {
  const left = checkedTable(spec.left.tableName);
  const right = checkedTable(spec.right.tableName);
  return `WITH r AS MATERIALIZED (SELECT *, ${keyText(quoteIdentifier(spec.rightOn))} AS "_jk" FROM ${right} WHERE ${quoteIdentifier(spec.rightOn)} IS NOT NULL)
    SELECT %COLUMNS% FROM ${left} AS l ${spec.how === 'left' ? 'LEFT JOIN' : 'JOIN'} r ON r."_jk" = ${keyText(`l.${quoteIdentifier(spec.on)}`)}`;
}

function selectList(spec: JoinSpec): string {
  return joinFields(spec)
    .map((f) => `${f.side === 'left' ? 'l' : 'r'}.${quoteIdentifier(f.source)}`)
    .join(', ');
}

/**
 * How many joined rows there are, and how many rows of each table found a partner, from each
 * side's rows per key (two grouped scans): exact, and cheap even when a key repeated on both
 * sides would multiply into billions of rows, which is how a join too large to make is refused
 * before it is attempted.
 */
export async function joinCounts(spec: JoinSpec): Promise<{ total: number; matched: { left: number; right: number } }> {
  const db = sqlite();
  const left = checkedTable(spec.left.tableName);
  const right = checkedTable(spec.right.tableName);
  const on = quoteIdentifier(spec.on);
  const rightOn = quoteIdentifier(spec.rightOn);
  const counts = db
    .prepare(
      `WITH lc AS (SELECT ${keyText(on)} AS k, COUNT(*) AS n FROM ${left} WHERE ${on} IS NOT NULL GROUP BY 1),
            rc AS (SELECT ${keyText(rightOn)} AS k, COUNT(*) AS n FROM ${right} WHERE ${rightOn} IS NOT NULL GROUP BY 1)
       SELECT COALESCE(SUM(lc.n * rc.n), 0) AS pairs, COALESCE(SUM(lc.n), 0) AS "leftMatched", COALESCE(SUM(rc.n), 0) AS "rightMatched" FROM lc JOIN rc ON rc.k = lc.k`,
    )
    .get() as { pairs: number; leftMatched: number; rightMatched: number };
  const leftRows = spec.how === 'left' ? (db.prepare(`SELECT COUNT(*) AS n FROM ${left}`).get() as { n: number }).n : 0;
  const total = counts.pairs + (spec.how === 'left' ? leftRows - counts.leftMatched : 0);
  return { total, matched: { left: counts.leftMatched, right: counts.rightMatched } };
}

/** One page of joined rows, in the left table's order. */
export async function joinPage(spec: JoinSpec, window: { limit: number; offset: number }): Promise<CellValue[][]> {
  const statement = sqlite().prepare(`${joinFrom(spec).replace('%COLUMNS%', selectList(spec))} ORDER BY l."_id" LIMIT ? OFFSET ?`).raw(true);
  return statement.all(window.limit, window.offset) as CellValue[][];
}

/** Every joined row, read on a connection of its own so a long download holds no lock on the app's. */
export async function iterateJoin(spec: JoinSpec, limit: number): Promise<IterableIterator<CellValue[]>> {
  const reader = openReadConnection();
  try {
    const statement = reader.prepare(`${joinFrom(spec).replace('%COLUMNS%', selectList(spec))} ORDER BY l."_id" LIMIT ?`).raw(true);
    return closingWhenDone(statement.iterate(limit) as IterableIterator<CellValue[]>, () => reader.close());
  } catch (error) {
    reader.close();
    throw error;
  }
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
  const group = quasi.fields.map((f) => `${f.side === 'left' ? 'l' : 'r'}.${quoteIdentifier(f.source)}`).join(', ');
  const sql = `SELECT 1 FROM (${joinFrom(spec).replace('%COLUMNS%', '1')} GROUP BY ${group} HAVING COUNT(*) < ?) LIMIT 1`;
  return sqlite().prepare(sql).get(quasi.k) !== undefined;
}
