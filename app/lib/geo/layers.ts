/**
 * 一张图's layers as they live in the /map query string, one `layer` parameter each:
 *   points:12            the points of resource 12
 *   regions:5            resource 5's rows counted per district
 *   regions:5:sum:人数   …or a column of them summed (mean, min, max)
 *   boundary:10          the outlines of boundary resource 10
 * At most MAX_LAYERS; a layer that cannot be read is reported, not silently dropped.
 */
import { AGGREGATES, type Aggregate } from '../charts/chart-spec';

export const MAX_LAYERS = 6;

export type MapLayerSpec =
  | { kind: 'points'; resourceId: number }
  | { kind: 'regions'; resourceId: number; agg: Aggregate; y: string | null }
  | { kind: 'boundary'; resourceId: number };

export function parseLayer(text: string): MapLayerSpec | null {
  const [kind, id, agg, ...rest] = text.split(':');
  // Plain digits only: "1e3" or " 8" are not ids a link of ours would carry.
  if (!/^[1-9]\d{0,15}$/.test(id ?? '')) return null;
  const resourceId = Number(id);
  if (!Number.isSafeInteger(resourceId)) return null;
  if (kind === 'points' || kind === 'boundary') return agg === undefined ? { kind, resourceId } : null;
  if (kind !== 'regions') return null;
  if (agg === undefined || agg === 'count') return rest.length === 0 ? { kind, resourceId, agg: 'count', y: null } : null;
  // A column name may itself contain ':'.
  const y = rest.join(':');
  if (!(AGGREGATES as readonly string[]).includes(agg) || y === '') return null;
  return { kind, resourceId, agg: agg as Aggregate, y };
}

export function formatLayer(layer: MapLayerSpec): string {
  if (layer.kind !== 'regions' || layer.agg === 'count' || !layer.y) return `${layer.kind}:${layer.resourceId}`;
  return `regions:${layer.resourceId}:${layer.agg}:${layer.y}`;
}

/** The layers of a query string: those that parse (duplicates once), and how many were refused. */
export function parseLayers(params: URLSearchParams): { layers: MapLayerSpec[]; refused: number } {
  const layers: MapLayerSpec[] = [];
  const seen = new Set<string>();
  let refused = 0;
  for (const text of params.getAll('layer')) {
    const layer = parseLayer(text);
    const key = layer ? formatLayer(layer) : '';
    if (layer && seen.has(key)) continue;
    if (!layer || layers.length >= MAX_LAYERS) {
      refused += 1;
      continue;
    }
    seen.add(key);
    layers.push(layer);
  }
  return { layers, refused };
}
