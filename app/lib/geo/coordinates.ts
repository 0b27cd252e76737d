/**
 * Which columns of a table hold point coordinates, judged from their names and the ranges their
 * profiles measured. Names come first (经度/纬度, lng/lat, lon/lat, longitude/latitude, x/y); the
 * ranges then have to be plausible, and a pair whose ranges only fit the other way round is
 * reported as swapped rather than drawn in the sea.
 */
import type { DatastoreColumn } from '../vocabulary';

export type CoordinateColumns = { lng: string; lat: string };

export type CoordinateDetection =
  | { ok: true; columns: CoordinateColumns }
  | { ok: false; problem: 'none' }
  | { ok: false; problem: 'swapped' | 'outOfRange' | 'notNumeric'; column: string };

const LNG_NAMES = /^(经度|東經|东经|lng|lon|long|longitude|x|x坐标|坐标x|gps经度|经度坐标|wgs84经度|jd)$/i;
const LAT_NAMES = /^(纬度|北纬|北緯|lat|latitude|y|y坐标|坐标y|gps纬度|纬度坐标|wgs84纬度|wd)$/i;

/** Header text without units and decoration: "经度（WGS-84）" → "经度", "Longitude (deg)" → "longitude". */
export function bareColumnName(name: string): string {
  return name
    .replace(/[（(［[【].*?[）)］\]】]/g, '')
    .replace(/[\s_\-:：]/g, '')
    .trim();
}

function numericRange(column: DatastoreColumn): { min: number; max: number } | null {
  const min = Number(column.profile?.min);
  const max = Number(column.profile?.max);
  if (column.profile?.min === null || column.profile?.min === undefined || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  return { min, max };
}

const fitsLng = (r: { min: number; max: number }) => r.min >= -180 && r.max <= 180;
const fitsLat = (r: { min: number; max: number }) => r.min >= -90 && r.max <= 90;

export function detectCoordinates(columns: readonly DatastoreColumn[]): CoordinateDetection {
  const lng = columns.find((c) => LNG_NAMES.test(bareColumnName(c.name)));
  const lat = columns.find((c) => LAT_NAMES.test(bareColumnName(c.name)));
  if (!lng || !lat) return { ok: false, problem: 'none' };
  for (const column of [lng, lat]) {
    if (column.type !== 'integer' && column.type !== 'decimal') return { ok: false, problem: 'notNumeric', column: column.name };
  }
  const lngRange = numericRange(lng);
  const latRange = numericRange(lat);
  if (!lngRange || !latRange) return { ok: false, problem: 'notNumeric', column: (lngRange ? lat : lng).name };
  if (fitsLng(lngRange) && fitsLat(latRange)) {
    // x/y are often projected metres (e.g. CGCS2000 Gauss-Krüger), which fit no degree range;
    // in degrees, a "latitude" beyond 90 is never right.
    return { ok: true, columns: { lng: lng.name, lat: lat.name } };
  }
  if (fitsLat(lngRange) && fitsLng(latRange)) return { ok: false, problem: 'swapped', column: lng.name };
  return { ok: false, problem: 'outOfRange', column: fitsLng(lngRange) ? lat.name : lng.name };
}

/** Whether a point is a usable coordinate (rows outside are left off the map and counted). */
export function isPlausiblePoint(lng: number, lat: number): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90 && !(lng === 0 && lat === 0);
}

/** Headers a GeoJSON point layer's table gets for its coordinates (what detectCoordinates finds first). */
export const POINT_HEADERS = { lng: '经度', lat: '纬度' } as const;
/** The header of a boundary table whose features have no properties: the feature's number. */
export const FEATURE_NUMBER_HEADER = '要素序号';

const LABEL_NAMES = /名称|名字|站点|站名|场所|地点|机构|单位|name|title|station|site/i;

/** The column that names a point in its popup and its accessible name: a name-like text column, else the first text column. */
export function labelColumnOf(columns: readonly DatastoreColumn[], coordinates: { lng: string; lat: string }): string | null {
  const text = columns.filter((c) => c.type === 'text' && c.name !== coordinates.lng && c.name !== coordinates.lat);
  return (text.find((c) => LABEL_NAMES.test(bareColumnName(c.name))) ?? text[0])?.name ?? null;
}
