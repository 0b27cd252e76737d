import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, toDisplay, wgs84ToGcj02, type LngLat } from './gcj02';

/** Metres between two nearby points (equirectangular, fine at these distances). */
function metres([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const k = 111_320;
  return Math.hypot((lng2 - lng1) * k * Math.cos((lat1 * Math.PI) / 180), (lat2 - lat1) * k);
}

describe('GCJ-02', () => {
  it('moves points in China by the few hundred metres that misplace them on a WGS-84 map', () => {
    for (const point of [[103.9, 27.4], [116.391, 39.907], [121.47, 31.23], [87.6, 43.8]] as LngLat[]) {
      const offset = metres(point, wgs84ToGcj02(point));
      expect(offset).toBeGreaterThan(50);
      expect(offset).toBeLessThan(800);
    }
  });

  it('leaves points outside China where they are', () => {
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84([-74, 40.7])).toEqual([-74, 40.7]);
  });

  it('converts back to WGS-84 to within a centimetre', () => {
    for (const point of [[103.71, 27.21], [116.391263, 39.907324], [113.26, 23.13]] as LngLat[]) {
      const back = gcj02ToWgs84(wgs84ToGcj02(point));
      expect(metres(point, back)).toBeLessThan(0.01);
    }
  });

  it('converts for display only what the department marked GCJ-02', () => {
    const point: LngLat = [103.9, 27.4];
    expect(toDisplay('wgs84', point)).toEqual(point);
    expect(metres(toDisplay('gcj02', wgs84ToGcj02(point)), point)).toBeLessThan(0.01);
  });
});
