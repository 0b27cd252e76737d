/**
 * WGS-84 ↔ GCJ-02. Coordinates from Chinese map services (高德, 腾讯, and most phone apps in China)
 * are in GCJ-02, an obfuscated datum offset from WGS-84 by up to a few hundred metres; boundaries,
 * GPS readings and 天地图 (CGCS2000, within centimetres of WGS-84) are not. Maps here are drawn in
 * WGS-84, so a resource whose department marks it GCJ-02 is converted for display.
 *
 * The forward transform is the published polynomial (Krasovsky 1940 ellipsoid); the inverse has no
 * closed form and is found by fixed-point iteration, which converges to well under a centimetre.
 */
import type { CoordinateSystem } from '../vocabulary';

export type LngLat = [number, number];

const SEMI_MAJOR = 6378245.0;
const ECCENTRICITY_SQUARED = 0.006693421622965943;

/** Outside mainland China's rough bounding box GCJ-02 equals WGS-84. */
export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function latOffset(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function lngOffset(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

export function wgs84ToGcj02([lng, lat]: LngLat): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let dLat = latOffset(lng - 105.0, lat - 35.0);
  let dLng = lngOffset(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ECCENTRICITY_SQUARED * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((SEMI_MAJOR * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((SEMI_MAJOR / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

export function gcj02ToWgs84([lng, lat]: LngLat): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let guess: LngLat = [lng, lat];
  for (let i = 0; i < 30; i += 1) {
    const [gLng, gLat] = wgs84ToGcj02(guess);
    const errLng = gLng - lng;
    const errLat = gLat - lat;
    guess = [guess[0] - errLng, guess[1] - errLat];
    if (Math.abs(errLng) < 1e-9 && Math.abs(errLat) < 1e-9) break;
  }
  return guess;
}


/** A point as stored in a resource, in the WGS-84 that maps are drawn in. */
export function toDisplay(system: CoordinateSystem, point: LngLat): LngLat {
  return system === 'gcj02' ? gcj02ToWgs84(point) : point;
}
