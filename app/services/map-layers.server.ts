/**
 * The layers a map is made of, computed from served tables: a resource's points (clustered on the
 * view's grid, in a worker thread on large tables) and a resource's districts coloured by a
 * measure (grouped in SQL like a chart, matched to a published boundary layer by code or name).
 * The resource map page shows one layer; 一张图 (/map) combines several.
 */
import type { Aggregate, ChartSpec } from '~/lib/charts/chart-spec';
import { detectCoordinates, labelColumnOf, type CoordinateColumns, type CoordinateDetection } from '~/lib/geo/coordinates';
import { toDisplay } from '~/lib/geo/gcj02';
import { detectRegionColumn, matchRegions, type RegionColumn, type RegionMatch } from '~/lib/geo/regions';
import { clusterCellSize, intersects, paddedBbox, unionBbox, type Bbox } from '~/lib/geo/viewport';
import type { RowQuery } from '~/lib/datastore-query';
import { boundaryFeaturesOf, boundaryKeysOf, listPublishedBoundaryLayers, type BoundaryFeature, type BoundaryLayer } from '~/models/boundaries.server';
import { keyColumnsOfResource } from '~/models/datasets.server';
import { pointClusters, type ClusterQuery, type PointCluster } from '~/models/datastore-geo.server';
import type { ReadableResource } from '~/models/resources.server';
import { chartData } from './chart-views.server';
import { LARGE_TABLE_ROWS } from './datastore-access.server';
import { runTask } from './workers/pool.server';

export type MapGeography = { coordinates: CoordinateDetection; region: RegionColumn | null };

/** What a table can be mapped by: its coordinate columns and its district column. */
export async function mapGeography(resource: Pick<ReadableResource, 'id' | 'columns'>): Promise<MapGeography> {
  return { coordinates: detectCoordinates(resource.columns), region: detectRegionColumn(resource.columns, await keyColumnsOfResource(resource.id)) };
}

/** Whether the map page has something to show (or a reason to give about swapped coordinates). */
export function isMappable(geography: MapGeography): boolean {
  return geography.coordinates.ok || geography.region !== null || geography.coordinates.problem !== 'none';
}

/** The box around a table's points, from its profile (no scan), in display coordinates. */
export function pointExtent(resource: Pick<ReadableResource, 'columns' | 'coordinateSystem'>, coordinates: CoordinateColumns): Bbox | null {
  const lng = resource.columns.find((c) => c.name === coordinates.lng)?.profile;
  const lat = resource.columns.find((c) => c.name === coordinates.lat)?.profile;
  const values = [lng?.min, lat?.min, lng?.max, lat?.max].map(Number);
  if (values.some((v) => !Number.isFinite(v))) return null;
  const [minLng, minLat, maxLng, maxLat] = values as Bbox;
  const a = toDisplay(resource.coordinateSystem, [minLng, minLat]);
  const b = toDisplay(resource.coordinateSystem, [maxLng, maxLat]);
  return [a[0], a[1], b[0], b[1]];
}

/** Rows the profile says have no coordinate (they cannot be drawn). */
export function rowsWithoutCoordinates(resource: Pick<ReadableResource, 'columns'>, coordinates: CoordinateColumns): number {
  const empty = (name: string) => resource.columns.find((c) => c.name === name)?.profile?.empty ?? 0;
  return Math.max(empty(coordinates.lng), empty(coordinates.lat));
}

export interface DisplayCluster extends PointCluster {
  /** The cluster's box in display coordinates. */
  displayBbox: Bbox;
}

/**
 * Clusters of large tables, kept: grouping a million points takes a worker about a second, and
 * most visitors open a map at its default view. A served table never changes under its name, so
 * the table and the query identify the answer; visitors asking at once share one computation.
 * Derived data only: each process keeps its own, losing it costs a recount.
 */
const keptClusters = new Map<string, Promise<{ clusters: PointCluster[]; inView: number }>>();
const CLUSTERS_KEPT = 200;

function largeTableClusters(tableName: string, columns: ReadableResource['columns'], args: ClusterQuery): Promise<{ clusters: PointCluster[]; inView: number }> {
  const key = `${tableName}\u0000${JSON.stringify(args)}`;
  const kept = keptClusters.get(key);
  if (kept) return kept;
  const computed = runTask('pointClusters', { tableName, columns: [...columns], args });
  keptClusters.set(key, computed);
  // A failure (a worker that ran out of memory, say) is not kept: the next visitor tries again.
  computed.catch(() => keptClusters.delete(key));
  if (keptClusters.size > CLUSTERS_KEPT) keptClusters.delete(keptClusters.keys().next().value as string);
  return computed;
}

/** A table's points in the view, grouped on its grid, in display (WGS-84) coordinates. */
export async function clustersInView(
  resource: Pick<ReadableResource, 'tableName' | 'columns' | 'rowCount' | 'coordinateSystem'>,
  coordinates: CoordinateColumns,
  bbox: Bbox,
  query: Pick<RowQuery, 'filters' | 'q'>,
): Promise<{ clusters: DisplayCluster[]; inView: number }> {
  const gcj = resource.coordinateSystem === 'gcj02';
  // GCJ-02 shifts points by at most a few hundred metres: widen the stored box by that much.
  const stored: Bbox = gcj ? [bbox[0] - 0.01, bbox[1] - 0.01, bbox[2] + 0.01, bbox[3] + 0.01] : bbox;
  const args = { lng: coordinates.lng, lat: coordinates.lat, labelColumn: labelColumnOf(resource.columns, coordinates), bbox: stored, cell: clusterCellSize(bbox), query: { filters: query.filters, q: query.q } };
  const result = resource.rowCount >= LARGE_TABLE_ROWS ? await largeTableClusters(resource.tableName, resource.columns, args) : await pointClusters(resource.tableName, resource.columns, args);
  const clusters = result.clusters.map((c) => {
    const [lng, lat] = toDisplay(resource.coordinateSystem, [c.lng, c.lat]);
    const low = toDisplay(resource.coordinateSystem, [c.bbox[0], c.bbox[1]]);
    const high = toDisplay(resource.coordinateSystem, [c.bbox[2], c.bbox[3]]);
    return { ...c, lng, lat, displayBbox: [low[0], low[1], high[0], high[1]] as Bbox };
  });
  return { clusters, inView: result.inView };
}

/** The published boundary layer drawn behind points: the largest one that overlaps the view. */
export async function contextBoundaries(bbox: Bbox): Promise<{ layer: BoundaryLayer; features: BoundaryFeature[] } | null> {
  const layer = (await listPublishedBoundaryLayers()).find((l) => intersects(l.bbox, bbox));
  return layer ? { layer, features: await boundaryFeaturesOf(layer.resourceId) } : null;
}

export interface RegionMeasure {
  agg: Aggregate;
  /** The numeric column summed, averaged…; null for a count of rows. */
  y: string | null;
}

export interface RegionLayer {
  layer: BoundaryLayer;
  features: BoundaryFeature[];
  match: RegionMatch;
  /** Rows that matched the filters. */
  rows: number;
}

/**
 * A resource's districts coloured by a measure: the groups come from the chart aggregation (so the
 * same caps and worker thread apply), then meet the boundary layer that matches most of them (or
 * the one asked for). Null when no published boundary layer exists.
 */
export async function regionLayer(
  resource: Pick<ReadableResource, 'tableName' | 'columns' | 'rowCount'>,
  region: RegionColumn,
  measure: RegionMeasure,
  query: Pick<RowQuery, 'filters' | 'q'>,
  boundaryId: number | null,
): Promise<RegionLayer | null> {
  const spec: ChartSpec = { type: 'bar', x: region.column, agg: measure.y ? measure.agg : 'count', y: measure.y, series: null };
  const data = await chartData(resource, spec, query);
  const groups = data.categories.map((c, i) => ({ key: c.other ? null : c.value, value: data.series[0]?.values[i] ?? null }));
  const layers = await listPublishedBoundaryLayers();
  const candidates = boundaryId !== null ? layers.filter((l) => l.resourceId === boundaryId) : layers;
  let best: { layer: BoundaryLayer; matched: number } | null = null;
  for (const layer of candidates) {
    const matched = matchRegions(groups, await boundaryKeysOf(layer.resourceId), region.by).values.size;
    if (!best || matched > best.matched) best = { layer, matched };
  }
  if (!best) return null;
  const features = await boundaryFeaturesOf(best.layer.resourceId);
  return { layer: best.layer, features, match: matchRegions(groups, features, region.by), rows: data.rows };
}

/** The view that shows every feature of a layer, or every point of a table. */
export function initialView(boxes: readonly (Bbox | null)[]): Bbox | null {
  const union = unionBbox(boxes.filter((b): b is Bbox => b !== null));
  return union ? paddedBbox(union, 0.04) : null;
}
