import { describe, expect, it } from 'vitest';
import type { DatastoreColumn } from '../vocabulary';
import { bareColumnName, detectCoordinates, isPlausiblePoint } from './coordinates';

const numeric = (name: string, min: number, max: number, type: DatastoreColumn['type'] = 'decimal'): DatastoreColumn => ({
  name,
  source: name,
  type,
  profile: { empty: 0, distinct: 10, min, max, top: [] },
});
const text = (name: string): DatastoreColumn => ({ name, source: name, type: 'text', profile: { empty: 0, distinct: 3, min: 'a', max: 'c', top: [] } });

describe('coordinate columns', () => {
  it('are found by Chinese and English names, with units and decoration removed', () => {
    expect(detectCoordinates([text('场所名称'), numeric('经度', 103.7, 104.2), numeric('纬度', 27.2, 27.6)])).toEqual({ ok: true, columns: { lng: '经度', lat: '纬度' } });
    expect(detectCoordinates([numeric('Longitude (deg)', -3, 2), numeric('LATITUDE', 50, 53)])).toEqual({ ok: true, columns: { lng: 'Longitude (deg)', lat: 'LATITUDE' } });
    expect(detectCoordinates([numeric('lng', 120, 121), numeric('lat', 30, 31)])).toMatchObject({ ok: true });
    expect(detectCoordinates([numeric('X', 120, 121), numeric('Y', 30, 31)])).toMatchObject({ ok: true, columns: { lng: 'X', lat: 'Y' } });
    expect(bareColumnName('经度（WGS-84）')).toBe('经度');
  });

  it('are reported as swapped when only the other way round fits', () => {
    expect(detectCoordinates([numeric('经度', 27.2, 27.6), numeric('纬度', 103.7, 104.2)])).toEqual({ ok: false, problem: 'swapped', column: '经度' });
  });

  it('refuse projected metres and text, naming the column', () => {
    expect(detectCoordinates([numeric('x', 500_000, 510_000), numeric('y', 3_000_000, 3_010_000)])).toEqual({ ok: false, problem: 'outOfRange', column: 'x' });
    expect(detectCoordinates([text('经度'), numeric('纬度', 27, 28)])).toEqual({ ok: false, problem: 'notNumeric', column: '经度' });
    expect(detectCoordinates([text('名称'), numeric('数量', 1, 9)])).toEqual({ ok: false, problem: 'none' });
  });

  it('leave empty and null-island points off the map', () => {
    expect(isPlausiblePoint(103.9, 27.4)).toBe(true);
    expect(isPlausiblePoint(0, 0)).toBe(false);
    expect(isPlausiblePoint(200, 27)).toBe(false);
    expect(isPlausiblePoint(Number.NaN, 27)).toBe(false);
  });
});
