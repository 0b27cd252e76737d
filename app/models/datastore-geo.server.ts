/**
 * Points of a served table for a map: grouped on a grid over the view in SQL (one grouped scan,
 * at most CLUSTER_GRID² groups whatever the table's size), and single rows for their popups.
 * Coordinates are read as the table stores them; the caller converts datums.
 */
import type { DatastoreColumn } from '../../db/tables';
import { buildWhere, type RowQuery, type SqlDialect } from '~/lib/datastore-query';
import type { Bbox } from '~/lib/geo/viewport';
import { checkedTable, keyed, type DatastoreRow } from './datastore.server';
import { dialectFor, dsArrays, dsRow, dsRows, type PhysicalColumn } from './datastore-sql.server';

/**
 * The condition that a column holds a number: SQLite stores each cell with its own type; a typed
 * PostgreSQL column holds numbers or nothing (a text column has no position to draw).
 */
function isNumber(dialect: SqlDialect & { columns: Map<string, PhysicalColumn> | null }, name: string): string {
  const id = dialect.column(name);
  if (!dialect.postgres) return `typeof(${id}) IN ('integer', 'real')`;
  const type = dialect.columns?.get(name)?.postgresType;
  return type === 'double precision' || type === 'bigint' ? `${id} IS NOT NULL` : 'FALSE';
}

/** A number parameter (PostgreSQL would take its type from a bigint column and refuse 116.2). */
function numberParameter(dialect: SqlDialect): string {
  return dialect.postgres ? '?::double precision' : '?';
}

export interface PointCluster {
  count: number;
  /** The mean position of its points. */
  lng: number;
  lat: number;
  /** The box its points span (a zoom target). */
  bbox: Bbox;
  /** The row, when the cluster is a single point. */
  rowId: number | null;
  /** The label column's value of that row. */
  label: string | null;
}

export interface ClusterQuery {
  lng: string;
  lat: string;
  /** Column whose value names a single point (场所名称); null: none. */
  labelColumn: string | null;
  bbox: Bbox;
  cell: { lng: number; lat: number };
  query: Pick<RowQuery, 'filters' | 'q'>;
}

/** Groups beyond this are never returned (the grid makes fewer; a guard against a huge grid). */
const MAX_CLUSTERS = 2500;

export async function pointClusters(tableName: string, columns: readonly DatastoreColumn[], args: ClusterQuery): Promise<{ clusters: PointCluster[]; inView: number }> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const x = dialect.column(args.lng);
  const y = dialect.column(args.lat);
  const p = numberParameter(dialect);
  const where = buildWhere(args.query, columns.map((c) => ({ name: c.name, type: c.type })), { dialect });
  const conditions = [isNumber(dialect, args.lng), isNumber(dialect, args.lat), `${x} BETWEEN ${p} AND ${p}`, `${y} BETWEEN ${p} AND ${p}`, `NOT (${x} = 0 AND ${y} = 0)`];
  const clause = where.sql ? `${where.sql} AND ${conditions.join(' AND ')}` : `WHERE ${conditions.join(' AND ')}`;
  const [minLng, minLat, maxLng, maxLat] = args.bbox;
  const label = args.labelColumn ? dialect.column(args.labelColumn) : 'NULL';
  // The row id and label are read only for a cluster of one point, which is that point's. SQLite
  // takes a bare column from one row of its group (saving two aggregates); PostgreSQL asks for one.
  const [id, labelOfOne] = dialect.postgres ? ['MIN("_id")', `MIN(${label})`] : ['"_id"', label];
  const cell = (column: string) => (dialect.postgres ? `floor((${column} - ${p}) / ${p})` : `CAST((${column} - ?) / ? AS INTEGER)`);
  const rows = await dsRows<{
    n: number;
    lng: number;
    lat: number;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    id: number;
    label: string | number | null;
  }>(
    `SELECT COUNT(*) AS n, AVG(${x}) AS lng, AVG(${y}) AS lat, MIN(${x}) AS x0, MIN(${y}) AS y0, MAX(${x}) AS x1, MAX(${y}) AS y1, ${id} AS id, ${labelOfOne} AS label
     FROM ${table} ${clause}
     GROUP BY ${cell(x)}, ${cell(y)}
     LIMIT ?`,
    [...where.params, minLng, maxLng, minLat, maxLat, minLng, args.cell.lng, minLat, args.cell.lat, MAX_CLUSTERS],
  );
  const clusters = rows.map((r) => ({
    count: r.n,
    lng: r.lng,
    lat: r.lat,
    bbox: [r.x0, r.y0, r.x1, r.y1] as Bbox,
    rowId: r.n === 1 ? r.id : null,
    label: r.n === 1 && r.label !== null ? String(r.label) : null,
  }));
  return { clusters, inView: clusters.reduce((sum, c) => sum + c.count, 0) };
}

/** Rows whose coordinates cannot be drawn (empty, text, out of range, 0/0): counted, for the page to say so. */
export async function unplottableCount(tableName: string, lng: string, lat: string): Promise<number> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const x = dialect.column(lng);
  const y = dialect.column(lat);
  // Written so that an empty cell counts (NOT of an unknown would not).
  const drawable = `${isNumber(dialect, lng)} AND ${isNumber(dialect, lat)} AND ${x} BETWEEN -180 AND 180 AND ${y} BETWEEN -90 AND 90 AND NOT (${x} = 0 AND ${y} = 0)`;
  const row = await dsRow<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE NOT COALESCE(${drawable}, FALSE)`);
  return Number(row?.n ?? 0);
}

/** One row by its row number, for a point's popup. */
export async function datastoreRowById(tableName: string, columns: readonly DatastoreColumn[], id: number): Promise<DatastoreRow | undefined> {
  const dialect = await dialectFor(tableName);
  const select = ['"_id"', ...columns.map((c) => dialect.column(c.name))].join(', ');
  const rows = await dsArrays(`SELECT ${select} FROM ${checkedTable(tableName)} WHERE "_id" = ?`, [id]);
  return keyed(rows, ['_id', ...columns.map((c) => c.name)])[0];
}
