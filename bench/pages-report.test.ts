import { describe, expect, it } from 'vitest';
import { chooseDatastoreQuery, isSelected, pageList, parsePagesOptions, SCALE_NAMES } from './pages-config';
import { checksFor, formatCsvTable, formatPagesTable, formatRss, ratio, type LoadResult } from './pages-report';

function row(name: string, kind: LoadResult['kind'], values: Partial<LoadResult> = {}): LoadResult {
  return { name, label: name, path: `/${name}`, kind, reqPerSec: 1000, requests: 10_000, p50: 10, p95: 18, p97_5: 20, p99: 30, errors: 0, non2xx: 0, timeouts: 0, gzipBytes: 2000, status: 200, aloneMs: 5, ...values };
}

describe('page benchmark options', () => {
  it('defaults to the scale seeder’s names, 50 connections and 10 s', () => {
    const options = parsePagesOptions([]);
    expect(options).toMatchObject({ duration: 10, connections: 50, warmup: 2, serverWarmup: 10, only: [], db: null, scale: 1, bigChallenge: SCALE_NAMES.bigChallenge, dataset: SCALE_NAMES.millionRowDataset });
    expect(options.discussionPath).toBe('/challenges/scale-big-challenge');
  });

  it('reads flags and refuses bad ones', () => {
    const options = parsePagesOptions(['--duration', '5', '--connections', '20', '--only', 'search, preview', '--db', '/tmp/scale', '--challenge', 'c', '--filter', '区县=东城区', '--warmup', '0']);
    expect(options).toMatchObject({ duration: 5, connections: 20, warmup: 0, only: ['search', 'preview'], db: '/tmp/scale', bigChallenge: 'c', discussionPath: '/challenges/c', filter: { column: '区县', value: '东城区' } });
    expect(() => parsePagesOptions(['--connections', '2.5'])).toThrow(/connections/);
    expect(() => parsePagesOptions(['--filter', 'novalue'])).toThrow(/column=value/);
    expect(() => parsePagesOptions(['--nope'])).toThrow();
  });

  it('selects rows by name or prefix and always keeps the baselines', () => {
    expect(isSelected('search-2', ['search'])).toBe(true);
    expect(isSelected('preview', ['search'])).toBe(false);
    expect(isSelected('bench-bare', ['search'])).toBe(true);
    expect(isSelected('bare-remix', ['me'])).toBe(true);
    expect(isSelected('me', [])).toBe(true);
  });

  it('builds the datastore URLs with the filter, sort and q, and leaves them out without a table', () => {
    const options = parsePagesOptions([]);
    const pages = pageList(options, { resourceId: 7, filter: { column: '区县', value: '东城区' }, sort: '金额', q: '公交' });
    const path = (name: string) => pages.find((p) => p.name === name)?.path ?? '';
    expect(path('preview')).toBe(`/datasets/scale-million-rows/resources/7?${new URLSearchParams({ 'eq.区县': '东城区', sort: '-金额' })}`);
    expect(new URL(path('datastore-search'), 'http://x').searchParams.get('filters')).toBe('{"区县":"东城区"}');
    expect(path('api-rows')).toMatch(/^\/api\/v1\/datasets\/scale-million-rows\/resources\/7\/rows\?/);
    expect(pages.find((p) => p.name === 'organiser-results')).toMatchObject({ path: '/manage/challenges/scale-big-challenge/results', session: 'organiser' });
    expect(pageList(options, null).some((p) => p.kind === 'datastore')).toBe(false);
  });

  it('picks 区县, a duration and a case kind on the scale seeder\'s million-row table', () => {
    const fields = [
      { name: '办件编号', type: 'text' },
      { name: '统一社会信用代码', type: 'text' },
      { name: '事项类别', type: 'text' },
      { name: '区县', type: 'text' },
      { name: '行政区划代码', type: 'integer' },
      { name: '受理日期', type: 'date' },
      { name: '办理时长（天）', type: 'integer' },
      { name: '收费金额（元）', type: 'decimal' },
    ];
    const first = { 办件编号: 'BJ202300000001', 统一社会信用代码: '91350100MA2Y0000X1', 事项类别: '设立登记', 区县: '云溪区', 行政区划代码: 350102, 办理时长: 3 };
    expect(chooseDatastoreQuery(fields, first, { filter: null, sort: null, q: null })).toEqual({ filter: { column: '区县', value: '云溪区' }, sort: '办理时长（天）', q: '设立' });
  });

  it('picks a district column, a numeric sort and a short q from the first row', () => {
    const fields = [
      { name: '日期', type: 'date' },
      { name: '行政区划代码', type: 'text' },
      { name: '所在区县', type: 'text' },
      { name: '线路', type: 'text' },
      { name: '上车人次', type: 'integer' },
    ];
    const first = { 日期: '2025-10-01', 行政区划代码: '110101', 所在区县: '云溪区', 线路: '快速公交1号线', 上车人次: 12 };
    expect(chooseDatastoreQuery(fields, first, { filter: null, sort: null, q: null })).toEqual({ filter: { column: '所在区县', value: '云溪区' }, sort: '上车人次', q: '快速' });
    expect(chooseDatastoreQuery(fields, first, { filter: { column: '线路', value: 'x' }, sort: '日期', q: '快速' })).toEqual({ filter: { column: '线路', value: 'x' }, sort: '日期', q: '快速' });
  });
});

describe('page benchmark report', () => {
  it('computes ratios, or none when the base is missing or zero', () => {
    expect(ratio(300, 600)).toBe(0.5);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 1)).toBeNull();
  });

  it('marks each row against its targets', () => {
    const bare = row('bench-bare', 'baseline', { reqPerSec: 1000 });
    const remix = row('bare-remix', 'baseline', { reqPerSec: 3000 });
    expect(checksFor(bare, bare, remix).map((c) => c.pass)).toEqual([false, true]);
    expect(checksFor(row('home', 'page', { reqPerSec: 600, p99: 99 }), bare, remix).every((c) => c.pass)).toBe(true);
    expect(checksFor(row('home', 'page', { reqPerSec: 599, p99: 100, errors: 1 }), bare, remix).map((c) => c.pass)).toEqual([false, false, false]);
    // Datastore reads may take up to 200 ms at p99; search must keep its tail under 50 ms.
    expect(checksFor(row('preview', 'datastore', { p99: 150 }), bare, remix).every((c) => c.pass)).toBe(true);
    // No request completed within the timeout: no latency to pass with.
    const stuck = row('challenges', 'page', { reqPerSec: 0, p50: null, p95: null, p97_5: null, p99: null, errors: 50, timeouts: 50 });
    expect(checksFor(stuck, bare, remix).map((c) => c.pass)).toEqual([false, false, false]);
    expect(formatPagesTable([bare, stuck])).toContain('| timeout |');
    const search = checksFor(row('search-2', 'search', { p95: 60, p99: 70 }), bare, remix);
    expect(search.find((c) => c.label.startsWith('p95'))?.pass).toBe(false);
  });

  it('compares signed-in pages with the signed-in bare route', () => {
    const table = formatPagesTable([
      row('bench-bare', 'baseline', { reqPerSec: 2000 }),
      row('bench-bare-signed-in', 'baseline', { reqPerSec: 200 }),
      row('me', 'page', { reqPerSec: 150, signedIn: true }),
    ]);
    expect(table).toContain('| me `me` | 150 (0.75×)');
  });

  it('prints a Markdown table with ratios against the in-app bare route', () => {
    const table = formatPagesTable([
      row('bare-remix', 'baseline', { reqPerSec: 4000 }),
      row('bench-bare', 'baseline', { reqPerSec: 2000 }),
      row('home', 'page', { reqPerSec: 1000, p50: 20, gzipBytes: 6000, path: '/a|b' }),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| page \| req\/s/);
    expect(lines[2]).toContain('4,000 (2.00×)');
    expect(lines[3]).toContain('✅ req/s ≥ 0.5× bare Remix (0.50×)');
    expect(lines[4]).toContain('1,000 (0.50×)');
    expect(lines[4]).toContain('20.0 (2.00×)');
    expect(lines[4]).toContain('5.9 KB (3.00×)');
    expect(lines[4]).toContain('❌ req/s ≥ 0.6×');
    expect(lines[4]).toContain('`/a%7Cb`');
    // Every line has the same number of cells.
    expect(new Set(lines.filter((_, i) => i !== 1).map((l) => l.split(' | ').length)).size).toBe(1);
  });

  it('compares the CSV download with the bare loop, and the peak RSS with its target', () => {
    const table = formatCsvTable({ label: 'loop', ms: 2000, bytes: 100, csvBytes: 100, lines: 10 }, [{ label: 'download', ms: 5000, bytes: 90, csvBytes: 110, lines: 11 }]);
    expect(table).toContain('| download | 5.00 | 90 B | 110 B | 11 | 0.40× | ❌ ≥ 0.5× bare loop |');
    expect(formatRss(420)).toMatch(/^✅ .*420 MB/);
    expect(formatRss(512)).toMatch(/^❌/);
  });
});
