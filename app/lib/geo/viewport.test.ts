import { describe, expect, it } from 'vitest';
import { formatBbox, inverseMercatorY, mercatorY, paddedBbox, panBbox, parseBbox, zoomBbox } from './viewport';

describe('map views', () => {
  it('read a bounding box from the query string and refuse nonsense', () => {
    expect(parseBbox('103.6,27.1,104.4,27.7')).toEqual([103.6, 27.1, 104.4, 27.7]);
    expect(parseBbox('104.4,27.1,103.6,27.7')).toBeNull();
    expect(parseBbox('1,2,3')).toBeNull();
    expect(parseBbox('0,0,200,10')).toBeNull();
    expect(parseBbox('a,b,c,d')).toBeNull();
    expect(parseBbox(null)).toBeNull();
    expect(formatBbox([103.600001, 27.1, 104.4, 27.7])).toBe('103.6,27.1,104.4,27.7');
  });

  it('zoom about the centre or a point, pan and pad within the globe', () => {
    expect(zoomBbox([100, 20, 110, 30], 0.5)).toEqual([102.5, 22.5, 107.5, 27.5]);
    expect(zoomBbox([100, 20, 110, 30], 0.5, [101, 21])).toEqual([98.5, 18.5, 103.5, 23.5]);
    expect(panBbox([170, 0, 180, 10], 0.5, 0)).toEqual([170, 0, 180, 10]);
    expect(panBbox([100, 0, 110, 10], 0.5, -0.5)).toEqual([105, -5, 115, 5]);
    const single = paddedBbox([103.9, 27.4, 103.9, 27.4]);
    expect(single[2] - single[0]).toBeCloseTo(0.02);
  });

  it('project latitudes the way web maps do, and back', () => {
    expect(mercatorY(0)).toBeCloseTo(0, 12);
    expect(mercatorY(60)).toBeGreaterThan(60);
    expect(inverseMercatorY(mercatorY(27.4))).toBeCloseTo(27.4, 9);
  });
});
