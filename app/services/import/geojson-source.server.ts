/**
 * Reads a GeoJSON upload (a FeatureCollection of polygons or of points). The features' properties
 * become the resource's table, checked and de-identified like any other; points add 经度/纬度
 * columns, so the point map finds them; polygons are kept apart, simplified for display, as the
 * boundaries that choropleths are drawn on. The document is parsed whole, so it is capped at
 * GEOJSON_MAX_BYTES (a county's boundaries are a few megabytes; 50 MB is a surveyed province).
 */
import fs from 'node:fs';
import { FEATURE_NUMBER_HEADER, POINT_HEADERS } from '~/lib/geo/coordinates';
import { boundaryKeys, checkGeoJson, displayTolerance, simplifyPolygons, type GeoJsonProblemCode } from '~/lib/geo/geojson';
import { ImportError, type ImportErrorCode } from './errors.server';
import type { ProgressListener, SourceRecord, TableSource } from './source.server';

export const GEOJSON_MAX_BYTES = 50 * 1024 * 1024;

export interface BoundaryFeatureInput {
  position: number;
  code: string | null;
  name: string | null;
  geometry: number[][][][];
  bbox: [number, number, number, number];
}

const PROBLEM_CODES: Record<Exclude<GeoJsonProblemCode, 'notFeatureCollection'>, ImportErrorCode> = {
  noFeatures: 'geojsonNoFeatures',
  tooManyFeatures: 'geojsonTooManyFeatures',
  notFeature: 'geojsonNotFeature',
  unsupportedGeometry: 'geojsonUnsupportedGeometry',
  badCoordinates: 'geojsonBadCoordinates',
  outOfRange: 'geojsonOutOfRange',
  badRing: 'geojsonBadRing',
  selfIntersecting: 'geojsonSelfIntersecting',
  mixedGeometry: 'geojsonMixedGeometry',
};

/** A header that is not yet taken: 经度, then 经度_2, … (a property may already be called 经度). */
function freshName(taken: readonly string[], name: string): string {
  let candidate = name;
  for (let i = 2; taken.includes(candidate); i += 1) candidate = `${name}_${i}`;
  return candidate;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

export async function openGeoJson(path: string, onProgress: ProgressListener): Promise<TableSource & { boundaries: BoundaryFeatureInput[] }> {
  const size = fs.statSync(path).size;
  if (size > GEOJSON_MAX_BYTES) throw new ImportError('geojsonTooLarge', { limitMb: GEOJSON_MAX_BYTES / 1024 / 1024 });
  const text = (await fs.promises.readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  onProgress(size);
  if (text.trim() === '') throw new ImportError('emptyFile');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new ImportError('jsonMalformed', { line: at ? lineOf(text, Number(at)) : 1 });
  }
  const checked = checkGeoJson(value);
  if (!checked.ok) {
    const { code, feature, detail } = checked.problem;
    // An object that is not GeoJSON at all was most likely meant as a JSON table.
    if (code === 'notFeatureCollection') throw new ImportError('jsonNotArray');
    throw new ImportError(PROBLEM_CODES[code], { feature: feature ?? '', detail: detail ?? '' });
  }

  let header: string[];
  let records: SourceRecord[];
  let boundaries: BoundaryFeatureInput[] = [];
  if (checked.kind === 'points') {
    const lng = freshName(checked.keys, POINT_HEADERS.lng);
    const lat = freshName([...checked.keys, lng], POINT_HEADERS.lat);
    header = [...checked.keys, lng, lat];
    records = checked.features.map((f, i) => ({ position: i + 1, cells: [...checked.keys.map((k) => f.properties[k] ?? null), String(f.point[0]), String(f.point[1])] }));
  } else {
    // Boundaries without properties still need a column to be a table: the feature's number.
    const numbered = checked.keys.length === 0;
    header = numbered ? [FEATURE_NUMBER_HEADER] : checked.keys;
    records = checked.features.map((f, i) => ({ position: i + 1, cells: numbered ? [String(i + 1)] : checked.keys.map((k) => f.properties[k] ?? null) }));
    const keys = boundaryKeys(checked.features, checked.keys);
    const tolerance = displayTolerance(checked.features);
    boundaries = checked.features.map((f, i) => ({
      position: i,
      code: keys.code ? (f.properties[keys.code]?.trim() ?? null) : null,
      name: keys.name ? (f.properties[keys.name]?.trim() ?? null) : null,
      geometry: simplifyPolygons(f.coordinates, tolerance),
      bbox: f.bbox,
    }));
  }
  return {
    header,
    batches: (async function* () {
      for (let i = 0; i < records.length; i += 2000) yield records.slice(i, i + 2000);
    })(),
    positionUnit: 'item',
    boundaries,
    close() {},
  };
}
