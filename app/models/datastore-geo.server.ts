/**
 * Points of a served table for a map: grouped on a grid over the view in SQL (one grouped scan,
 * at most CLUSTER_GRID² groups whatever the table's size), and single rows for their popups.
 * Coordinates are read as the table stores them; the caller converts datums.
 */
import type { DatastoreColumn } from '../../db/tables';
import { buildWhere, quoteIdentifier, type RowQuery } from '~/lib/datastore-query';
import type { Bbox } from '~/lib/geo/viewport';
import { checkedTable, sqlite, type DatastoreRow } from './datastore.server';

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
  const x = quoteIdentifier(args.lng);
  const y = quoteIdentifier(args.lat);
  const where = buildWhere(args.query, columns.map((c) => ({ name: c.name, type: c.type })));
  const conditions = [
    `typeof(${x}) IN ('integer', 'real')`,
    `typeof(${y}) IN ('integer', 'real')`,
    `${x} BETWEEN ? AND ?`,
    `${y} BETWEEN ? AND ?`,
    `NOT (${x} = 0 AND ${y} = 0)`,
  ];
  const clause = where.sql ? `${where.sql} AND ${conditions.join(' AND ')}` : `WHERE ${conditions.join(' AND ')}`;
  const [minLng, minLat, maxLng, maxLat] = args.bbox;
  const label = args.labelColumn ? quoteIdentifier(args.labelColumn) : 'NULL';
  // The row id and label are read only for a cluster of one point: SQLite takes a bare column from
  // one row of its group, which for such a cluster is its only row (and saves two aggregates).
  const rows = sqlite()
    .prepare(
      `SELECT COUNT(*) AS n, AVG(${x}) AS lng, AVG(${y}) AS lat, MIN(${x}) AS x0, MIN(${y}) AS y0, MAX(${x}) AS x1, MAX(${y}) AS y1, "_id" AS id, ${label} AS label
       FROM ${table} ${clause}
       GROUP BY CAST((${x} - ?) / ? AS INTEGER), CAST((${y} - ?) / ? AS INTEGER)
       LIMIT ?`,
    )
    .all(...where.params, minLng, maxLng, minLat, maxLat, minLng, args.cell.lng, minLat, args.cell.lat, MAX_CLUSTERS) as {
    n: number;
    lng: number;
    lat: number;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    id: number;
    label: string | number | null;
  }[];
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
  const x = quoteIdentifier(lng);
  const y = quoteIdentifier(lat);
  const row = sqlite()
    .prepare(
      `SELECT COUNT(*) AS n FROM ${checkedTable(tableName)} WHERE NOT (typeof(${x}) IN ('integer', 'real') AND typeof(${y}) IN ('integer', 'real') AND ${x} BETWEEN -180 AND 180 AND ${y} BETWEEN -90 AND 90 AND NOT (${x} = 0 AND ${y} = 0))`,
    )
    .get() as { n: number };
  return row.n;
}

/** One row by its row number, for a point's popup. */
export async function datastoreRowById(tableName: string, columns: readonly DatastoreColumn[], id: number): Promise<DatastoreRow | undefined> {
  const select = ['"_id"', ...columns.map((c) => quoteIdentifier(c.name))].join(', ');
  return sqlite().prepare(`SELECT ${select} FROM ${checkedTable(tableName)} WHERE "_id" = ?`).get(id) as DatastoreRow | undefined;
}
