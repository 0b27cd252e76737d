import { describe, expect, it } from 'vitest';
import { routeLabel } from './route-label';

describe('route labels for metrics', () => {
  it('files every challenge, dataset and entry page under one label', () => {
    expect(routeLabel('/challenges/bus-routes', 200)).toBe('/challenges/:slug');
    expect(routeLabel('/challenges/城市公交', 200)).toBe('/challenges/:slug');
    expect(routeLabel('/datasets/bus-stops/resources/12', 200)).toBe('/datasets/:slug/resources/:id');
    expect(routeLabel('/manage/challenges/x/judging', 200)).toBe('/manage/challenges/:slug/judging');
    expect(routeLabel('/api/3/action/package_show', 200)).toBe('/api/:id/action/:slug');
    expect(routeLabel('/challenges/new', 200)).toBe('/challenges/new');
    expect(routeLabel('/', 200)).toBe('/');
  });

  it('keeps scanners from creating a series per address', () => {
    expect(routeLabel('/wp-admin/setup-config.php', 404)).toBe('not-found');
    expect(routeLabel('/a/b/c/d/e/f/g/h', 400)).toBe('other');
    expect(routeLabel('/search/%E4%B8%AD', 200)).toBe('/search/:x');
    expect(routeLabel('/assets/root-abc123.js', 200)).toBe('/assets/:file');
  });
});
