/**
 * The map page of one resource (/datasets/:slug/resources/:id/map): its points clustered over the
 * published boundaries, or its districts coloured by a measure; the view, the popup's row, the
 * measure and the boundary layer all live in the query string, so a map is a link.
 */
import { AGGREGATES, type Aggregate } from '~/lib/charts/chart-spec';
import { CHART_COLOURS } from '~/lib/charts/echarts-options';
import type { CoordinateColumns } from '~/lib/geo/coordinates';
import type { MapControls, MapLegendItem, MapPopup, MapViewData } from '~/lib/geo/map-view';
import { formatBbox, panBbox, paddedBbox, parseBbox, zoomBbox, type Bbox } from '~/lib/geo/viewport';
import { formatNumber } from '~/lib/format';
import { createTranslator, type Locale } from '~/lib/i18n';
import type { RowQuery } from '~/lib/datastore-query';
import { listPublishedBoundaryLayers } from '~/models/boundaries.server';
import { datastoreRowById } from '~/models/datastore-geo.server';
import type { ReadableResource } from '~/models/resources.server';
import { parseResourceQuery } from './datastore-access.server';
import { labelColumnOf } from '~/lib/geo/coordinates';
import { clustersInView, contextBoundaries, initialView, mapGeography, pointExtent, regionLayer, rowsWithoutCoordinates } from './map-layers.server';
import { drawMap, type MapPoint } from './maps.server';

export type MapProblem = { code: 'noGeography' } | { code: 'swapped' | 'outOfRange' | 'notNumeric'; column: string } | { code: 'noBoundaries' };

export interface ResourceMapPage {
  view: 'points' | 'regions' | null;
  problem: MapProblem | null;
  map: MapViewData | null;
  legend: MapLegendItem[];
  controls: MapControls | null;
  popup: MapPopup | null;
  /** Notes under the map: rows without coordinates, districts without a boundary, filters refused. */
  notes: string[];
  /** The districts and their values, for people who cannot see the colours. */
  regionTable: { name: string; value: number | null }[];
  /** Choices for the measure form (regions) and the view switch. */
  choices: { canPoints: boolean; canRegions: boolean; numericColumns: { name: string; label: string }[]; boundaries: { id: number; name: string }[] };
  measure: { agg: Aggregate; y: string | null; boundary: number | null };
}

const POINT_COLOUR = CHART_COLOURS[1] as string;

export function linkWith(search: URLSearchParams, change: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(change)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return `?${params}`;
}

export function controlsFor(search: URLSearchParams, bbox: Bbox): MapControls {
  const go = (b: Bbox) => linkWith(search, { bbox: formatBbox(b), row: null });
  return {
    zoomIn: go(zoomBbox(bbox, 0.5)),
    zoomOut: go(zoomBbox(bbox, 2)),
    reset: linkWith(search, { bbox: null, row: null }),
    north: go(panBbox(bbox, 0, 0.5)),
    south: go(panBbox(bbox, 0, -0.5)),
    east: go(panBbox(bbox, 0.5, 0)),
    west: go(panBbox(bbox, -0.5, 0)),
  };
}

/** The popup of row `id` of a resource (null when there is no such row). */
export async function popupOf(resource: ReadableResource, search: URLSearchParams, labelColumn: string | null, rowHrefBase: string, id = Number(search.get('row'))): Promise<MapPopup | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await datastoreRowById(resource.tableName, resource.columns, id);
  if (!row) return null;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    title: (labelColumn ? text(row[labelColumn]) : '') || `#${id}`,
    fields: resource.columns.map((c) => ({ label: c.label || c.name, value: text(row[c.name]) })),
    closeHref: linkWith(search, { row: null }),
    rowHref: `${rowHrefBase}?eq._id=${id}`,
  };
}

export async function resourceMapPage(resource: ReadableResource, search: URLSearchParams, locale: Locale): Promise<ResourceMapPage> {
  const t = createTranslator(locale);
  const number = (n: number) => formatNumber(n, locale);
  const geography = await mapGeography(resource);
  const canPoints = geography.coordinates.ok;
  const canRegions = geography.region !== null;
  const numericColumns = resource.columns.filter((c) => c.type === 'integer' || c.type === 'decimal').map((c) => ({ name: c.name, label: c.label || c.name }));
  const boundaries = (await listPublishedBoundaryLayers()).map((l) => ({ id: l.resourceId, name: `${l.datasetTitle} · ${l.name}` }));
  const rawAgg = search.get('agg') ?? 'count';
  const y = numericColumns.some((c) => c.name === search.get('y')) ? (search.get('y') as string) : null;
  const agg: Aggregate = y && (AGGREGATES as readonly string[]).includes(rawAgg) && rawAgg !== 'count' ? (rawAgg as Aggregate) : 'count';
  const boundaryParam = Number(search.get('boundary'));
  const boundary = boundaries.some((b) => b.id === boundaryParam) ? boundaryParam : null;
  const page: ResourceMapPage = {
    view: null,
    problem: null,
    map: null,
    legend: [],
    controls: null,
    popup: null,
    notes: [],
    regionTable: [],
    choices: { canPoints, canRegions, numericColumns, boundaries },
    measure: { agg, y: agg === 'count' ? null : y, boundary },
  };
  const view = search.get('view') === 'regions' && canRegions ? 'regions' : canPoints ? 'points' : canRegions ? 'regions' : null;
  if (!view) {
    const c = geography.coordinates;
    page.problem = !c.ok && c.problem !== 'none' ? { code: c.problem, column: c.column } : { code: 'noGeography' };
    return page;
  }
  page.view = view;
  const parsed = parseResourceQuery(resource, search, { defaultLimit: 1, maxLimit: 1 });
  const query: Pick<RowQuery, 'filters' | 'q'> = 'query' in parsed ? parsed.query : { filters: [], q: '' };
  if ('problem' in parsed) page.notes.push(t('map.note.filtersIgnored'));
  const previewHref = `/datasets/${resource.dataset.slug}/resources/${resource.id}`;

  if (view === 'points' && geography.coordinates.ok) {
    const coordinates: CoordinateColumns = geography.coordinates.columns;
    const extent = pointExtent(resource, coordinates);
    const bbox = parseBbox(search.get('bbox')) ?? initialView([extent]) ?? paddedBbox([103.5, 27, 104.5, 28]);
    const [{ clusters, inView }, context] = await Promise.all([clustersInView(resource, coordinates, bbox, query), contextBoundaries(bbox)]);
    const selected = Number(search.get('row'));
    const points: MapPoint[] = clusters.map((c) => {
      if (c.rowId !== null) {
        return { lng: c.lng, lat: c.lat, count: 1, href: linkWith(search, { row: String(c.rowId) }), label: c.label ?? `#${c.rowId}`, selected: c.rowId === selected };
      }
      const [x0, y0, x1, y1] = c.displayBbox;
      // Points at one spot never come apart by zooming: list them instead.
      const samePlace = x1 - x0 < 1e-6 && y1 - y0 < 1e-6;
      const href = samePlace
        ? `${previewHref}?${new URLSearchParams([[`eq.${coordinates.lng}`, String(c.bbox[0])], [`eq.${coordinates.lat}`, String(c.bbox[1])]])}`
        : linkWith(search, { bbox: formatBbox(paddedBbox(c.displayBbox, 0.2)), row: null });
      return { lng: c.lng, lat: c.lat, count: c.count, href, label: t(samePlace ? 'map.cluster.samePlace' : 'map.cluster.zoom', { count: number(c.count) }) };
    });
    page.map = drawMap({ bbox, label: t('map.label.points', { name: resource.name, count: number(inView) }), boundaries: context ? { features: context.features } : null, points: [{ colour: POINT_COLOUR, points }], number });
    page.legend.push({ colour: POINT_COLOUR, label: resource.name, detail: t('map.legend.pointsInView', { count: number(inView) }), shape: 'point' });
    if (context) page.legend.push({ colour: '#64748b', label: context.layer.name, detail: context.layer.datasetTitle, shape: 'outline' });
    page.controls = controlsFor(search, bbox);
    page.popup = await popupOf(resource, search, labelColumnOf(resource.columns, coordinates), previewHref);
    const missing = rowsWithoutCoordinates(resource, coordinates);
    if (missing > 0) page.notes.push(t('map.note.noCoordinates', { count: number(missing) }));
    if (resource.coordinateSystem === 'gcj02') page.notes.push(t('map.note.gcj02'));
    return page;
  }

  const region = geography.region;
  if (!region) return page;
  const layer = await regionLayer(resource, region, { agg: page.measure.agg, y: page.measure.y }, query, boundary);
  if (!layer) {
    page.problem = { code: 'noBoundaries' };
    return page;
  }
  page.measure.boundary = layer.layer.resourceId;
  const measureLabel = page.measure.y ? t('chart.axis.aggregate', { y: numericColumns.find((c) => c.name === page.measure.y)?.label ?? '', agg: t(`chart.agg.${page.measure.agg as Exclude<Aggregate, 'count'>}`) }) : t('map.measure.rows');
  const bbox = parseBbox(search.get('bbox')) ?? initialView([layer.layer.bbox]) ?? layer.layer.bbox;
  page.map = drawMap({ bbox, label: t('map.label.regions', { name: resource.name, measure: measureLabel, layer: layer.layer.name }), boundaries: { features: layer.features, values: layer.match.values }, points: [], number });
  page.legend.push({ colour: '#1d4ed8', label: measureLabel, detail: t('map.legend.regions', { count: number(layer.match.values.size), layer: layer.layer.name }), shape: 'area' });
  page.controls = controlsFor(search, bbox);
  page.regionTable = layer.features
    .map((f) => ({ name: f.name ?? f.code ?? `#${f.position + 1}`, value: layer.match.values.get(f.position) ?? null }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  if (layer.match.unmatched.length > 0) {
    const shown = layer.match.unmatched.slice(0, 10).map((u) => u.value).join('、');
    page.notes.push(t('map.note.unmatched', { column: region.column, values: shown, count: number(layer.match.unmatched.length) }));
  }
  return page;
}
