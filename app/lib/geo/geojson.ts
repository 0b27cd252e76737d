/**
 * Checks an uploaded GeoJSON document and turns it into what maps draw: polygons (boundaries for
 * choropleths) or points (a point layer, served as a table with 经度/纬度 columns). Every problem
 * names the feature it is in, by its name property when it has one, else by its position.
 * Polygons are simplified for display (Douglas–Peucker to about a pixel on a large map), so a
 * 30 MB surveyed boundary file does not become a 30 MB page.
 */
export type Position = [number, number];
export type Ring = Position[];
/** Always a MultiPolygon's coordinates: polygons, each an outer ring and its holes. */
export type MultiPolygonCoordinates = Ring[][];

export type PropertyValue = string | null;

export interface PolygonFeature {
  properties: Record<string, PropertyValue>;
  coordinates: MultiPolygonCoordinates;
  bbox: [number, number, number, number];
}

export interface PointFeature {
  properties: Record<string, PropertyValue>;
  point: Position;
}

export type GeoJsonProblemCode =
  | 'notFeatureCollection'
  | 'noFeatures'
  | 'tooManyFeatures'
  | 'notFeature'
  | 'unsupportedGeometry'
  | 'badCoordinates'
  | 'outOfRange'
  | 'badRing'
  | 'selfIntersecting'
  | 'mixedGeometry';

export interface GeoJsonProblem {
  code: GeoJsonProblemCode;
  /** Which feature (its name, or "#12"), when the problem is in one. */
  feature?: string;
  detail?: string;
}

export type CheckedGeoJson =
  | { ok: true; kind: 'polygons'; features: PolygonFeature[]; keys: string[] }
  | { ok: true; kind: 'points'; features: PointFeature[]; keys: string[] }
  | { ok: false; problem: GeoJsonProblem };

export const MAX_FEATURES = 20_000;

const NAME_KEYS = ['name', '名称', 'NAME', 'Name', '区县', '行政区', '行政区划名称', '区划名称', 'fullname', 'NAME_CHN'];
const CODE_KEYS = ['adcode', 'code', '行政区划代码', '区划代码', 'ADCODE', 'CODE', 'gb', 'GB', 'PAC', 'pac', 'XZQDM', 'xzqdm'];
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

class Problem extends Error {
  constructor(readonly problem: GeoJsonProblem) {
    super(problem.code);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cellOf(value: unknown): PropertyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function featureLabel(properties: Record<string, PropertyValue>, index: number): string {
  for (const key of NAME_KEYS) {
    const name = properties[key];
    if (name) return `${name} (#${index + 1})`;
  }
  return `#${index + 1}`;
}

function position(value: unknown, feature: string): Position {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number' || !Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
    throw new Problem({ code: 'badCoordinates', feature });
  }
  const [lng, lat] = value as [number, number];
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) throw new Problem({ code: 'outOfRange', feature, detail: `${lng}, ${lat}` });
  return [lng, lat];
}

function ring(value: unknown, feature: string): Ring {
  if (!Array.isArray(value)) throw new Problem({ code: 'badCoordinates', feature });
  const points = value.map((p) => position(p, feature));
  const first = points[0];
  const last = points[points.length - 1];
  // The specification asks for closed rings; an unclosed one is closed rather than refused.
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([first[0], first[1]]);
  if (points.length < 4) throw new Problem({ code: 'badRing', feature });
  if (ringSelfIntersects(points)) throw new Problem({ code: 'selfIntersecting', feature });
  return points;
}

function polygon(value: unknown, feature: string): Ring[] {
  if (!Array.isArray(value) || value.length === 0) throw new Problem({ code: 'badCoordinates', feature });
  return value.map((r) => ring(r, feature));
}

function boundsOf(polygons: MultiPolygonCoordinates): [number, number, number, number] {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const poly of polygons) {
    for (const [lng, lat] of poly[0] ?? []) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** Reads a parsed GeoJSON value: a FeatureCollection (or one Feature) of polygons or of points. */
export function checkGeoJson(value: unknown): CheckedGeoJson {
  try {
    const features = isObject(value) && value.type === 'Feature' ? [value] : isObject(value) && value.type === 'FeatureCollection' && Array.isArray(value.features) ? value.features : null;
    if (!features) throw new Problem({ code: 'notFeatureCollection' });
    if (features.length === 0) throw new Problem({ code: 'noFeatures' });
    if (features.length > MAX_FEATURES) throw new Problem({ code: 'tooManyFeatures', detail: String(MAX_FEATURES) });
    const keys: string[] = [];
    const seen = new Set<string>();
    const polygons: PolygonFeature[] = [];
    const points: PointFeature[] = [];
    features.forEach((raw: unknown, index: number) => {
      if (!isObject(raw) || raw.type !== 'Feature') throw new Problem({ code: 'notFeature', feature: `#${index + 1}` });
      const properties: Record<string, PropertyValue> = {};
      if (isObject(raw.properties)) {
        for (const [key, v] of Object.entries(raw.properties)) {
          properties[key] = cellOf(v);
          if (!seen.has(key)) {
            seen.add(key);
            keys.push(key);
          }
        }
      }
      const label = featureLabel(properties, index);
      const geometry = raw.geometry;
      if (!isObject(geometry)) throw new Problem({ code: 'unsupportedGeometry', feature: label, detail: 'null' });
      switch (geometry.type) {
        case 'Polygon':
        case 'MultiPolygon': {
          const coordinates = geometry.type === 'Polygon' ? [polygon(geometry.coordinates, label)] : Array.isArray(geometry.coordinates) ? geometry.coordinates.map((p) => polygon(p, label)) : null;
          if (!coordinates || coordinates.length === 0) throw new Problem({ code: 'badCoordinates', feature: label });
          polygons.push({ properties, coordinates, bbox: boundsOf(coordinates) });
          break;
        }
        case 'Point':
          points.push({ properties, point: position(geometry.coordinates, label) });
          break;
        default:
          throw new Problem({ code: 'unsupportedGeometry', feature: label, detail: String(geometry.type) });
      }
      if (polygons.length > 0 && points.length > 0) throw new Problem({ code: 'mixedGeometry', feature: label });
    });
    return polygons.length > 0 ? { ok: true, kind: 'polygons', features: polygons, keys } : { ok: true, kind: 'points', features: points, keys };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem };
    throw error;
  }
}

function orientation(a: Position, b: Position, c: Position): number {
  const value = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, c: Position): boolean {
  return Math.min(a[0], c[0]) <= b[0] && b[0] <= Math.max(a[0], c[0]) && Math.min(a[1], c[1]) <= b[1] && b[1] <= Math.max(a[1], c[1]);
}

export function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, q2, q1)) || (o3 === 0 && onSegment(p2, p1, q2)) || (o4 === 0 && onSegment(p2, q1, q2));
}

/**
 * Whether two non-neighbouring edges of a closed ring cross or touch. Edges are bucketed on a grid
 * over the ring's box, so a 100,000-vertex coastline is checked in well under a second.
 */
export function ringSelfIntersects(points: Ring): boolean {
  const n = points.length - 1; // edges; the last point repeats the first
  if (n < 3) return false;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(n)));
  const cellW = (maxX - minX) / side || 1;
  const cellH = (maxY - minY) / side || 1;
  const cells = new Map<number, number[]>();
  const cellRange = (v: number, min: number, size: number) => Math.min(side - 1, Math.max(0, Math.floor((v - min) / size)));
  for (let i = 0; i < n; i += 1) {
    const a = points[i] as Position;
    const b = points[i + 1] as Position;
    const x0 = cellRange(Math.min(a[0], b[0]), minX, cellW);
    const x1 = cellRange(Math.max(a[0], b[0]), minX, cellW);
    const y0 = cellRange(Math.min(a[1], b[1]), minY, cellH);
    const y1 = cellRange(Math.max(a[1], b[1]), minY, cellH);
    for (let cx = x0; cx <= x1; cx += 1) {
      for (let cy = y0; cy <= y1; cy += 1) {
        const key = cx * side + cy;
        const bucket = cells.get(key);
        if (bucket) bucket.push(i);
        else cells.set(key, [i]);
      }
    }
  }
  for (const bucket of cells.values()) {
    for (let x = 0; x < bucket.length; x += 1) {
      for (let y = x + 1; y < bucket.length; y += 1) {
        const i = bucket[x] as number;
        const j = bucket[y] as number;
        // Neighbouring edges share a vertex by construction (the first and last edges too).
        if (Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1) continue;
        if (segmentsIntersect(points[i] as Position, points[i + 1] as Position, points[j] as Position, points[j + 1] as Position)) return true;
      }
    }
  }
  return false;
}

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / Math.hypot(dx, dy);
}

/** Douglas–Peucker on a closed ring (iterative: no recursion depth to exhaust); null when it collapses. */
export function simplifyRing(points: Ring, tolerance: number): Ring | null {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  // A closed ring's ends coincide: split it at the vertex farthest from the start first.
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < points.length - 1; i += 1) {
    const d = Math.hypot((points[i] as Position)[0] - (points[0] as Position)[0], (points[i] as Position)[1] - (points[0] as Position)[1]);
    if (d > farDistance) {
      farDistance = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, points.length - 1],
  ];
  while (stack.length > 0) {
    const [start, end] = stack.pop() as [number, number];
    let index = -1;
    let max = tolerance;
    for (let i = start + 1; i < end; i += 1) {
      const d = perpendicularDistance(points[i] as Position, points[start] as Position, points[end] as Position);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([start, index], [index, end]);
    }
  }
  const kept = points.filter((_, i) => keep[i] === 1).map(([x, y]) => [round6(x), round6(y)] as Position);
  return kept.length >= 4 ? kept : null;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Polygons simplified to `tolerance` degrees: holes and islands that shrink to nothing are left out. */
export function simplifyPolygons(coordinates: MultiPolygonCoordinates, tolerance: number): MultiPolygonCoordinates {
  const result: MultiPolygonCoordinates = [];
  for (const poly of coordinates) {
    const outer = simplifyRing(poly[0] ?? [], tolerance);
    if (!outer) continue;
    const holes = poly.slice(1).map((h) => simplifyRing(h, tolerance)).filter((h): h is Ring => h !== null);
    result.push([outer, ...holes]);
  }
  // A feature whose every part collapses keeps its largest part unsimplified, so it still shows.
  if (result.length === 0 && coordinates[0]) result.push([coordinates[0][0] ?? []]);
  return result;
}

/** A tolerance of about one pixel on a 1,000-pixel map of everything in the file. */
export function displayTolerance(features: readonly PolygonFeature[]): number {
  let span = 0;
  for (const f of features) span = Math.max(span, f.bbox[2] - f.bbox[0], f.bbox[3] - f.bbox[1]);
  const [minLng, minLat, maxLng, maxLat] = features.reduce((a, f) => [Math.min(a[0], f.bbox[0]), Math.min(a[1], f.bbox[1]), Math.max(a[2], f.bbox[2]), Math.max(a[3], f.bbox[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  span = Math.max(span, maxLng - minLng, maxLat - minLat);
  return span / 1000;
}

/** The properties that hold each feature's division code (行政区划代码) and name, when there are such. */
export function boundaryKeys(features: readonly { properties: Record<string, PropertyValue> }[], keys: readonly string[]): { code: string | null; name: string | null } {
  const distinctFilled = (key: string, test: (v: string) => boolean) => {
    const values = features.map((f) => f.properties[key]);
    return values.every((v) => v !== null && v !== undefined && test(v)) && new Set(values).size === values.length;
  };
  const ordered = (preferred: readonly string[]) => [...preferred.filter((k) => keys.includes(k)), ...keys.filter((k) => !preferred.includes(k))];
  const code = ordered(CODE_KEYS).find((k) => distinctFilled(k, (v) => DIVISION_CODE.test(v.trim()))) ?? null;
  const name = ordered(NAME_KEYS).find((k) => k !== code && distinctFilled(k, (v) => v.trim() !== '' && !/^[\d.-]+$/.test(v.trim()))) ?? null;
  return { code, name };
}
