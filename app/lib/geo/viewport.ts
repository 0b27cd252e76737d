/**
 * The part of the map a page shows, as a bounding box in WGS-84 degrees that lives in the query
 * string (`bbox=minLng,minLat,maxLng,maxLat`), and the grid that points are clustered on inside it.
 */
export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Smallest span a view may have (about 10 m): closer than that shows nothing new. */
const MIN_SPAN = 0.0001;

export function parseBbox(text: string | null): Bbox | null {
  if (!text) return null;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) return null;
  const [minLng, minLat, maxLng, maxLat] = parts as Bbox;
  if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) return null;
  if (maxLng - minLng < MIN_SPAN || maxLat - minLat < MIN_SPAN) return null;
  return [minLng, minLat, maxLng, maxLat];
}

export function formatBbox(bbox: Bbox): string {
  return bbox.map((n) => Number(n.toFixed(5))).join(',');
}

/** The box around some points with a margin, never smaller than a street (one point gets ±0.01°). */
export function paddedBbox(bounds: Bbox, margin = 0.08): Bbox {
  let [minLng, minLat, maxLng, maxLat] = bounds;
  const padLng = Math.max((maxLng - minLng) * margin, 0.01);
  const padLat = Math.max((maxLat - minLat) * margin, 0.01);
  minLng = Math.max(-180, minLng - padLng);
  maxLng = Math.min(180, maxLng + padLng);
  minLat = Math.max(-85, minLat - padLat);
  maxLat = Math.min(85, maxLat + padLat);
  return [minLng, minLat, maxLng, maxLat];
}

/** The box scaled about its centre (factor 0.5: zoom in twice as close), kept on the globe. */
export function zoomBbox(bbox: Bbox, factor: number, centre?: [number, number]): Bbox {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const [cx, cy] = centre ?? [(minLng + maxLng) / 2, (minLat + maxLat) / 2];
  const halfLng = Math.max(((maxLng - minLng) * factor) / 2, MIN_SPAN);
  const halfLat = Math.max(((maxLat - minLat) * factor) / 2, MIN_SPAN);
  return [Math.max(-180, cx - halfLng), Math.max(-90, cy - halfLat), Math.min(180, cx + halfLng), Math.min(90, cy + halfLat)];
}

/** The box moved by a share of its size (dx 0.5: half a view to the east). */
export function panBbox(bbox: Bbox, dx: number, dy: number): Bbox {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const shiftLng = Math.max(-180 - minLng, Math.min(180 - maxLng, (maxLng - minLng) * dx));
  const shiftLat = Math.max(-90 - minLat, Math.min(90 - maxLat, (maxLat - minLat) * dy));
  return [minLng + shiftLng, minLat + shiftLat, maxLng + shiftLng, maxLat + shiftLat];
}

export function unionBbox(boxes: readonly Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

export function intersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Cells across the view that points are grouped in: ~40 px apart on a 1,000 px map. */
export const CLUSTER_GRID = 24;

export function clusterCellSize(bbox: Bbox, grid = CLUSTER_GRID): { lng: number; lat: number } {
  return { lng: (bbox[2] - bbox[0]) / grid, lat: (bbox[3] - bbox[1]) / grid };
}

/** Web Mercator's y for a latitude (degrees in, "degrees" out), so drawn shapes keep their proportions. */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  return (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
}

export function inverseMercatorY(y: number): number {
  return (Math.atan(Math.exp((y * Math.PI) / 180)) * 360) / Math.PI - 90;
}
