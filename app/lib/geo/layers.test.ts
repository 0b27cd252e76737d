import { describe, expect, it } from 'vitest';
import { formatLayer, MAX_LAYERS, parseLayer, parseLayers } from './layers';

describe('一张图 layers in the query string', () => {
  it('read points, counted or measured districts, and outlines, and write them back the same', () => {
    for (const text of ['points:8', 'regions:5', 'regions:5:sum:城镇新增就业人数', 'regions:5:mean:比率:%', 'boundary:10']) {
      const layer = parseLayer(text);
      expect(layer, text).not.toBeNull();
      expect(formatLayer(layer as NonNullable<typeof layer>)).toBe(text);
    }
    expect(parseLayer('regions:5:mean:比率:%')).toEqual({ kind: 'regions', resourceId: 5, agg: 'mean', y: '比率:%' });
    expect(formatLayer({ kind: 'regions', resourceId: 5, agg: 'count', y: null })).toBe('regions:5');
  });

  it('refuse what they cannot read', () => {
    for (const text of ['', 'points', 'points:x', 'points:-1', 'points:8:extra', 'regions:5:median:人数', 'regions:5:sum', 'heat:5', 'points:1e3', `points:${2 ** 60}`]) {
      expect(parseLayer(text), text).toBeNull();
    }
  });

  it('keep each layer once and at most six', () => {
    const params = new URLSearchParams([...Array.from({ length: 8 }, (_, i) => ['layer', `points:${i + 1}`]), ['layer', 'points:1'], ['layer', 'nonsense']]);
    const { layers, refused } = parseLayers(params);
    expect(layers).toHaveLength(MAX_LAYERS);
    expect(refused).toBe(3);
  });
});
