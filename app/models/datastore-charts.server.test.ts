import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import type { DatastoreColumn } from '../../db/tables';
import type { ProfileChart } from '~/lib/charts/profile-chart';
import { MAX_GROUPS, MAX_POINTS, MAX_SERIES, type ChartSpec } from '~/lib/charts/chart-spec';
import { aggregateChart, withProfileCharts } from './datastore-charts.server';
import { createDatastoreTable, datastoreInserter } from './datastore.server';

const TABLE = 'ds_901_1';
const ROWS = 3000;
const TOWNS = Array.from({ length: 14 }, (_, i) => `镇${String.fromCharCode(0x4e00 + i)}`);
/** Towns are uneven (town 0 is the most common), scores have gaps, dates span three years. */
const reference = Array.from({ length: ROWS }, (_, i) => ({
  编号: i + 1,
  乡镇: TOWNS[Math.floor(Math.sqrt(i * 7)) % TOWNS.length] as string,
  // From 0.1 to 1.3 in hundredths: bins of 0.1 from 0.1, where float noise would misplace 0.3.
  分数: i % 10 === 0 ? null : Math.round((0.1 + ((i * 13) % 121) * 0.01) * 100) / 100,
  日期: new Date(Date.UTC(2023, 0, 1) + ((i * 11) % 1095) * 86_400_000).toISOString().slice(0, 10),
  达标: i % 3 === 0 ? 1 : 0,
}));
const NAMES = ['编号', '乡镇', '分数', '日期', '达标'] as const;

function profiled(name: (typeof NAMES)[number], type: DatastoreColumn['type']): DatastoreColumn {
  const values = reference.map((r) => r[name]).filter((v): v is string | number => v !== null);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { name, type, profile: { empty: ROWS - values.length, distinct: new Set(values).size, min: sorted[0] ?? null, max: sorted[sorted.length - 1] ?? null, top: [] } } as unknown as DatastoreColumn;
}

const columns = [profiled('编号', 'integer'), profiled('乡镇', 'text'), profiled('分数', 'decimal'), profiled('日期', 'date'), profiled('达标', 'boolean')];
const spec = (s: Partial<ChartSpec>): ChartSpec => ({ type: 'bar', x: '乡镇', agg: 'count', y: null, series: null, ...s });
const none = { filters: [], q: '' };

beforeAll(async () => {
  await applyMigrations(getDb());
  await createDatastoreTable(TABLE, columns);
  await (await datastoreInserter(TABLE, [...NAMES]))(ROWS, (i, row) => {
    NAMES.forEach((name, c) => {
      row[c] = reference[i]?.[name] ?? null;
    });
  });
});

describe('profile charts', () => {
  let charts: Record<string, ProfileChart | null | undefined> = {};
  beforeAll(async () => {
    charts = Object.fromEntries((await withProfileCharts(TABLE, columns, ROWS)).map((c) => [c.name, c.profile?.chart]));
  });

  it('bins numbers so every non-empty value is counted once, in the bin that holds it', () => {
    const chart = charts['分数'];
    if (chart?.kind !== 'histogram') throw new Error('expected a histogram');
    const scores = reference.map((r) => r.分数).filter((v): v is number => v !== null);
    expect(chart.bins.reduce((sum, b) => sum + b.count, 0)).toBe(scores.length);
    chart.bins.forEach((bin, i) => {
      const last = i === chart.bins.length - 1;
      const inBin = scores.filter((v) => v >= bin.from - 1e-9 && (last || v < bin.from + chart.width - 1e-9));
      expect(bin.count, `bin from ${bin.from}`).toBe(inBin.length);
    });
  });

  it('shows the ten most common values and counts the rest as other', () => {
    const chart = charts['乡镇'];
    if (chart?.kind !== 'categories') throw new Error('expected categories');
    const counts = new Map<string, number>();
    for (const r of reference) counts.set(r.乡镇, (counts.get(r.乡镇) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    expect(chart.top).toEqual(top.map(([value, count]) => ({ value, count })));
    expect(chart.other).toBe(ROWS - top.reduce((sum, [, n]) => sum + n, 0));
  });

  it('counts dates by month over three years, gaps included', () => {
    const chart = charts['日期'];
    if (chart?.kind !== 'timeline') throw new Error('expected a timeline');
    expect(chart.granularity).toBe('month');
    expect(chart.periods).toHaveLength(36);
    expect(chart.periods[0]).toEqual({ period: '2023-01-01', count: reference.filter((r) => r.日期.startsWith('2023-01')).length });
    expect(chart.periods.reduce((sum, p) => sum + p.count, 0)).toBe(ROWS);
  });

  it('shares yes and no, and draws no chart for a column of distinct numbers only when it is text', () => {
    expect(charts['达标']).toEqual({ kind: 'share', yes: 1000, no: 2000 });
    expect(charts['编号']?.kind).toBe('histogram');
  });
});

describe('aggregateChart', () => {
  it('sums a column per category, the largest first, over the filtered rows', async () => {
    const filters = { filters: [{ column: '达标', op: 'eq' as const, values: ['true'] }], q: '' };
    const data = await aggregateChart(TABLE, columns, spec({ agg: 'sum', y: '分数' }), filters);
    const kept = reference.filter((r) => r.达标 === 1);
    expect(data.rows).toBe(kept.length);
    const sums = new Map<string, number>();
    for (const r of kept) sums.set(r.乡镇, (sums.get(r.乡镇) ?? 0) + (r.分数 ?? 0));
    const values = data.series[0]?.values ?? [];
    data.categories.forEach((c, i) => expect(values[i]).toBeCloseTo(sums.get(c.value as string) ?? 0, 6));
    expect(values).toEqual([...values].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(data.truncated).toBe(false);
  });

  it('keeps ten series and draws the rest together as other, losing no row', async () => {
    const data = await aggregateChart(TABLE, columns, spec({ x: '达标', series: '乡镇' }), none);
    expect(data.series).toHaveLength(MAX_SERIES + 1);
    expect(data.series[MAX_SERIES]?.other).toBe(true);
    expect(data.truncated).toBe(true);
    const total = data.series.flatMap((s) => s.values).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    expect(total).toBe(ROWS);
  });

  it('keeps the thousand largest groups and lumps the rest', async () => {
    const data = await aggregateChart(TABLE, columns, spec({ x: '编号' }), none);
    expect(data.categories).toHaveLength(MAX_GROUPS + 1);
    expect(data.categories[MAX_GROUPS]).toEqual({ value: null, other: true });
    expect(data.series[0]?.values[MAX_GROUPS]).toBe(ROWS - MAX_GROUPS);
  });

  it('groups a date axis by period in order', async () => {
    const data = await aggregateChart(TABLE, columns, spec({ type: 'line', x: '日期', agg: 'max', y: '分数' }), none);
    expect(data.granularity).toBe('month');
    expect(data.categories.map((c) => c.value)).toEqual([...data.categories.map((c) => c.value)].sort());
    expect(data.categories[0]?.value).toBe('2023-01-01');
  });

  it('samples a scatter plot evenly down to its cap', async () => {
    const data = await aggregateChart(TABLE, columns, spec({ type: 'scatter', x: '编号', y: '分数' }), none);
    expect(data.points?.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(data.points?.length).toBeGreaterThan(MAX_POINTS / 2);
    expect(data.truncated).toBe(true);
    expect(data.points?.every(([x, y]) => reference[x - 1]?.分数 === y)).toBe(true);
  });
});
