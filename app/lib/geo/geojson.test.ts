import { describe, expect, it } from 'vitest';
import { boundaryKeys, checkGeoJson, ringSelfIntersects, simplifyPolygons, simplifyRing, type Ring } from './geojson';

const square = (x: number, y: number, size = 1): Ring => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('GeoJSON uploads', () => {
  it('read polygons and multipolygons with their properties, closing unclosed rings', () => {
    const open = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const checked = checkGeoJson(
      collection(
        feature({ name: '城关区', adcode: 530702 }, { type: 'Polygon', coordinates: [open] }),
        feature({ name: '北湖区', adcode: 530703, extra: { a: 1 } }, { type: 'MultiPolygon', coordinates: [[square(2, 0)], [square(4, 0)]] }),
      ),
    );
    expect(checked).toMatchObject({ ok: true, kind: 'polygons', keys: ['name', 'adcode', 'extra'] });
    if (!checked.ok || checked.kind !== 'polygons') throw new Error('expected polygons');
    expect(checked.features[0]?.coordinates[0]?.[0]).toHaveLength(5);
    expect(checked.features[1]?.properties).toEqual({ name: '北湖区', adcode: '530703', extra: '{"a":1}' });
    expect(checked.features[1]?.bbox).toEqual([2, 0, 5, 1]);
    expect(boundaryKeys(checked.features, checked.keys)).toEqual({ code: 'adcode', name: 'name' });
  });

  it('read points as a point layer', () => {
    const checked = checkGeoJson(collection(feature({ 名称: '北湖公园' }, { type: 'Point', coordinates: [103.9, 27.5] })));
    expect(checked).toMatchObject({ ok: true, kind: 'points', features: [{ point: [103.9, 27.5], properties: { 名称: '北湖公园' } }] });
  });

  it('refuse what is not GeoJSON, naming the feature at fault', () => {
    expect(checkGeoJson([1, 2])).toEqual({ ok: false, problem: { code: 'notFeatureCollection' } });
    expect(checkGeoJson(collection())).toEqual({ ok: false, problem: { code: 'noFeatures' } });
    expect(checkGeoJson(collection(feature({ name: '河流' }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] })))).toEqual({
      ok: false,
      problem: { code: 'unsupportedGeometry', feature: '河流 (#1)', detail: 'LineString' },
    });
    expect(checkGeoJson(collection(feature({ name: '甲' }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })))).toMatchObject({ ok: false, problem: { code: 'badRing', feature: '甲 (#1)' } });
    expect(checkGeoJson(collection(feature({}, { type: 'Point', coordinates: [200, 10] })))).toMatchObject({ ok: false, problem: { code: 'outOfRange', feature: '#1' } });
    expect(checkGeoJson(collection(feature({}, { type: 'Point', coordinates: ['103', 27] })))).toMatchObject({ ok: false, problem: { code: 'badCoordinates' } });
    expect(checkGeoJson(collection(feature({}, { type: 'Point', coordinates: [1, 1] }), feature({}, { type: 'Polygon', coordinates: [square(0, 0)] })))).toMatchObject({
      ok: false,
      problem: { code: 'mixedGeometry', feature: '#2' },
    });
    expect(checkGeoJson(collection({ type: 'Geometry' }))).toMatchObject({ ok: false, problem: { code: 'notFeature', feature: '#1' } });
  });

  it('refuse self-intersecting rings (a bow tie) and accept touching neighbours', () => {
    const bowTie: Ring = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]];
    expect(ringSelfIntersects(bowTie)).toBe(true);
    expect(ringSelfIntersects(square(0, 0))).toBe(false);
    expect(checkGeoJson(collection(feature({ name: '蝴蝶' }, { type: 'Polygon', coordinates: [bowTie] })))).toMatchObject({ ok: false, problem: { code: 'selfIntersecting', feature: '蝴蝶 (#1)' } });
    // A long, finely drawn circle is checked quickly and found simple.
    const circle: Ring = Array.from({ length: 50_000 }, (_, i) => [Math.cos((i / 50_000) * 2 * Math.PI), Math.sin((i / 50_000) * 2 * Math.PI)] as [number, number]);
    circle.push(circle[0] as [number, number]);
    expect(ringSelfIntersects(circle)).toBe(false);
  });

  it('simplify rings for display while keeping them closed polygons', () => {
    const circle: Ring = Array.from({ length: 10_000 }, (_, i) => [Math.cos((i / 10_000) * 2 * Math.PI), Math.sin((i / 10_000) * 2 * Math.PI)] as [number, number]);
    circle.push(circle[0] as [number, number]);
    const simplified = simplifyRing(circle, 0.001);
    expect(simplified).not.toBeNull();
    expect(simplified?.length).toBeLessThan(200);
    expect(simplified?.[0]).toEqual(simplified?.[(simplified?.length ?? 1) - 1]);
    // A hole smaller than the tolerance disappears; the outer ring stays.
    const withHole = simplifyPolygons([[square(0, 0, 10), square(5, 5, 0.0001)]], 0.01);
    expect(withHole).toHaveLength(1);
    expect(withHole[0]).toHaveLength(1);
  });

  it('find the division code and name properties only when they identify each feature', () => {
    const features = [{ properties: { 区划: '530702', 名称: '城关区' } }, { properties: { 区划: '530703', 名称: '北湖区' } }];
    expect(boundaryKeys(features, ['区划', '名称'])).toEqual({ code: '区划', name: '名称' });
    expect(boundaryKeys([{ properties: { code: '1' } }, { properties: { code: '1' } }], ['code'])).toEqual({ code: null, name: null });
  });
});
