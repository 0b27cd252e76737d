/**
 * 一张图 (/map): several departments' published data on one map. Point layers each get a colour;
 * the first district layer colours the boundaries (a second would hide the first); boundary
 * layers draw outlines. Every layer is read under the visitor's own permissions, the view and
 * layers are the query string, and officials can feature a combination on the home page.
 */
import { CHART_COLOURS } from '~/lib/charts/echarts-options';
import { formatLayer, parseLayers, type MapLayerSpec } from '~/lib/geo/layers';
import type { MapControls, MapLegendItem, MapPopup, MapViewData } from '~/lib/geo/map-view';
import { formatBbox, paddedBbox, parseBbox, type Bbox } from '~/lib/geo/viewport';
import type { Viewer } from '~/lib/access';
import { formatNumber } from '~/lib/format';
import { createTranslator, type Locale } from '~/lib/i18n';
import { boundaryFeaturesOf, listPublishedBoundaryLayers, type BoundaryFeature } from '~/models/boundaries.server';
import { getReadableResourceById, listPublishedTables } from '~/models/resources.server';
import { labelColumnOf } from '~/lib/geo/coordinates';
import { clustersInView, contextBoundaries, initialView, mapGeography, pointExtent, regionLayer } from './map-layers.server';
import { drawMap, type MapPoint, type MapScene } from './maps.server';
import { memoised } from './memo.server';
import { controlsFor, linkWith, popupOf } from './resource-map.server';

export interface OneMapLayerView {
  text: string;
  legend: MapLegendItem;
  removeHref: string;
}

export interface OneMapPage {
  map: MapViewData;
  controls: MapControls;
  layers: OneMapLayerView[];
  popup: MapPopup | null;
  notes: string[];
  /** Layers that can be added: published tables with places, and boundary layers. */
  available: { value: string; label: string }[];
  full: boolean;
}

/**
 * Published tables and boundaries a layer can be made of. Reading every table's columns is the
 * costly part, so the list is worked out at most once a minute (capped: it is a select box).
 */
const mappableTables = memoised(60_000, async () => {
  const options: { kind: 'points' | 'regions' | 'boundary'; id: number; name: string }[] = [];
  const boundaries = new Set((await listPublishedBoundaryLayers()).map((l) => l.resourceId));
  for (const table of await listPublishedTables(300)) {
    const name = `${table.datasetTitle} · ${table.name}`;
    if (boundaries.has(table.id)) {
      options.push({ kind: 'boundary', id: table.id, name });
      continue;
    }
    const geography = await mapGeography({ id: table.id, columns: table.columns });
    if (geography.coordinates.ok) options.push({ kind: 'points', id: table.id, name });
    if (geography.region) options.push({ kind: 'regions', id: table.id, name });
  }
  return options;
});

async function availableLayers(t: ReturnType<typeof createTranslator>): Promise<OneMapPage['available']> {
  return (await mappableTables()).map((o) => ({ value: `${o.kind}:${o.id}`, label: t(`oneMap.option.${o.kind}`, { name: o.name }) }));
}

export async function oneMapPage(search: URLSearchParams, viewer: Viewer | null, locale: Locale): Promise<OneMapPage> {
  const t = createTranslator(locale);
  const number = (n: number) => formatNumber(n, locale);
  const { layers, refused } = parseLayers(search);
  const notes: string[] = [];
  if (refused > 0) notes.push(t('oneMap.note.refused', { count: refused }));
  const requested = parseBbox(search.get('bbox'));
  const extents: (Bbox | null)[] = [];
  const views: OneMapLayerView[] = [];
  const scene: MapScene = { bbox: [0, 0, 1, 1], label: '', boundaries: null, points: [], number };
  const pointLayers: { spec: MapLayerSpec; colour: string; resource: NonNullable<Awaited<ReturnType<typeof getReadableResourceById>>> }[] = [];
  let outlines: { features: BoundaryFeature[] } | null = null;
  let popup: MapPopup | null = null;
  const [popupLayer, popupRow] = (search.get('row') ?? '').split(':').map(Number);
  const remove = (text: string) => {
    const params = new URLSearchParams(search);
    params.delete('layer');
    for (const layer of layers) if (formatLayer(layer) !== text) params.append('layer', formatLayer(layer));
    params.delete('row');
    return `?${params}`;
  };

  for (const [index, spec] of layers.entries()) {
    const text = formatLayer(spec);
    const resource = await getReadableResourceById(spec.resourceId, viewer);
    const colour = CHART_COLOURS[(index + 1) % CHART_COLOURS.length] as string;
    if (!resource) {
      notes.push(t('oneMap.note.unavailable', { layer: text }));
      continue;
    }
    const name = `${resource.dataset.title} · ${resource.name}`;
    const geography = await mapGeography(resource);
    if (spec.kind === 'points') {
      if (!geography.coordinates.ok) {
        notes.push(t('oneMap.note.noPoints', { name }));
        continue;
      }
      extents.push(pointExtent(resource, geography.coordinates.columns));
      pointLayers.push({ spec, colour, resource });
      views.push({ text, legend: { colour, label: name, shape: 'point' }, removeHref: remove(text) });
    } else if (spec.kind === 'boundary') {
      const features = await boundaryFeaturesOf(resource.id);
      if (features.length === 0) {
        notes.push(t('oneMap.note.noBoundary', { name }));
        continue;
      }
      outlines ??= { features };
      extents.push((await listPublishedBoundaryLayers()).find((l) => l.resourceId === resource.id)?.bbox ?? null);
      views.push({ text, legend: { colour: '#64748b', label: name, shape: 'outline' }, removeHref: remove(text) });
    } else {
      if (!geography.region) {
        notes.push(t('oneMap.note.noRegions', { name }));
        continue;
      }
      if (scene.boundaries?.values) {
        notes.push(t('oneMap.note.oneChoropleth', { name }));
        continue;
      }
      const y = spec.y && resource.columns.some((c) => c.name === spec.y && (c.type === 'integer' || c.type === 'decimal')) ? spec.y : null;
      const layer = await regionLayer(resource, geography.region, { agg: y ? spec.agg : 'count', y }, { filters: [], q: '' }, null);
      if (!layer) {
        notes.push(t('map.problem.noBoundaries'));
        continue;
      }
      // Named as the data dictionary names the column, as the resource's own map does.
      const measure = y ? t('chart.axis.aggregate', { y: resource.columns.find((c) => c.name === y)?.label || y, agg: t(`chart.agg.${spec.agg as Exclude<typeof spec.agg, 'count'>}`) }) : t('map.measure.rows');
      scene.boundaries = { features: layer.features, values: layer.match.values };
      extents.push(layer.layer.bbox);
      views.push({ text, legend: { colour: '#1d4ed8', label: name, detail: `${measure} · ${t('map.legend.regions', { count: number(layer.match.values.size), layer: layer.layer.name })}`, shape: 'area' }, removeHref: remove(text) });
    }
  }

  const bbox = requested ?? initialView(extents) ?? (await listPublishedBoundaryLayers())[0]?.bbox ?? paddedBbox([103.5, 27, 104.5, 28]);
  scene.bbox = bbox;
  if (!scene.boundaries) {
    const context = outlines ? null : await contextBoundaries(bbox);
    scene.boundaries = outlines ?? (context ? { features: context.features } : null);
  }
  for (const layer of pointLayers) {
    const coordinates = (await mapGeography(layer.resource)).coordinates;
    if (!coordinates.ok) continue;
    const layerIndex = layers.indexOf(layer.spec);
    const { clusters, inView } = await clustersInView(layer.resource, coordinates.columns, bbox, { filters: [], q: '' });
    const points: MapPoint[] = clusters.map((c) =>
      c.rowId !== null
        ? { lng: c.lng, lat: c.lat, count: 1, href: linkWith(search, { row: `${layerIndex}:${c.rowId}` }), label: c.label ?? `#${c.rowId}`, selected: popupLayer === layerIndex && popupRow === c.rowId }
        : { lng: c.lng, lat: c.lat, count: c.count, href: linkWith(search, { bbox: formatBbox(paddedBbox(c.displayBbox, 0.2)), row: null }), label: t('map.cluster.zoom', { count: number(c.count) }) },
    );
    scene.points.push({ colour: layer.colour, points });
    const view = views.find((v) => v.text === formatLayer(layer.spec));
    if (view) view.legend.detail = t('map.legend.pointsInView', { count: number(inView) });
    if (popupLayer === layerIndex) {
      const base = `/datasets/${layer.resource.dataset.slug}/resources/${layer.resource.id}`;
      popup = await popupOf(layer.resource, search, labelColumnOf(layer.resource.columns, coordinates.columns), base, popupRow);
    }
  }
  scene.label = views.length > 0 ? t('oneMap.label', { layers: views.map((v) => v.legend.label).join('、') }) : t('oneMap.label.empty');
  return { map: drawMap(scene), controls: controlsFor(search, bbox), layers: views, popup, notes, available: await availableLayers(t),
 full: layers.length >= 6 };
}
