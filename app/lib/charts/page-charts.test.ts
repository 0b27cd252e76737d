import { describe, expect, it } from 'vitest';
import { departmentRows, DEPARTMENTS_SHOWN, heightForRows, judgeAgreementOption, periodOfDay, rankIntervalOption, stackedOption, timelineData, wholeCountsOption } from './page-charts';
import type { ChartLabels } from './echarts-options';

const labels: ChartLabels = { empty: '(空)', other: '其他', yes: '是', no: '否', rows: '行数', number: (n) => String(n), period: (p) => p };
type Series = { type: string; data: unknown[]; stack?: string; markLine?: { data: { xAxis: number }[] } };

describe('periodOfDay', () => {
  it('gives the day, the Monday of its week, the first of its month or its year', () => {
    expect(periodOfDay('2026-12-06', 'day')).toBe('2026-12-06');
    // 6 December 2026 is a Sunday: its week began on Monday 30 November.
    expect(periodOfDay('2026-12-06', 'week')).toBe('2026-11-30');
    expect(periodOfDay('2026-11-30', 'week')).toBe('2026-11-30');
    expect(periodOfDay('2026-12-06', 'month')).toBe('2026-12-01');
    expect(periodOfDay('2026-12-06', 'year')).toBe('2026');
  });
});

describe('timelineData', () => {
  it('counts each kind per day over the span, with the quiet days as zeros', () => {
    const data = timelineData(
      [
        { day: '2026-12-01', series: 'prototype', count: 2 },
        { day: '2026-12-01', series: 'idea', count: 3 },
        { day: '2026-12-04', series: 'idea', count: 1 },
      ],
      ['idea', 'prototype'],
    );
    expect(data.granularity).toBe('day');
    expect(data.categories.map((c) => c.value)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(data.series).toEqual([
      { name: 'idea', values: [3, 0, 0, 1] },
      { name: 'prototype', values: [2, 0, 0, 0] },
    ]);
    expect(data.rows).toBe(6);
  });

  it('adds the days up by week over a longer span, and draws nothing without days', () => {
    const data = timelineData(
      [
        { day: '2026-01-05', series: 'idea', count: 1 },
        { day: '2026-01-07', series: 'idea', count: 2 },
        { day: '2026-06-30', series: 'idea', count: 4 },
      ],
      ['idea', 'prototype'],
    );
    expect(data.granularity).toBe('week');
    expect(data.categories[0]?.value).toBe('2026-01-05');
    expect(data.series).toHaveLength(1);
    expect(data.series[0]?.values[0]).toBe(3);
    expect(data.series[0]?.values.at(-1)).toBe(4);
    expect(data.series[0]?.values.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(7);
    expect(timelineData([], ['idea']).categories).toEqual([]);
  });
});

describe('departmentRows', () => {
  it('names the busiest departments, the unassigned as such, and adds up the rest as other', () => {
    const many = Array.from({ length: DEPARTMENTS_SHOWN + 3 }, (_, i) => ({ name: `部门${i}`, received: 100 - i, answered: 50 - i }));
    const rows = departmentRows([...many, { name: null, received: 1000, answered: 0 }], { unassigned: '未指定部门', other: '其他' });
    expect(rows).toHaveLength(DEPARTMENTS_SHOWN + 1);
    expect(rows[0]).toEqual({ name: '未指定部门', received: 1000, answered: 0 });
    // The four smallest are "other": received 100-14 … 100-17.
    expect(rows.at(-1)).toEqual({ name: '其他', received: 86 + 85 + 84 + 83, answered: 36 + 35 + 34 + 33 });
  });
});

describe('rankIntervalOption', () => {
  it('draws the first entry on top, each whisker from its low to its high rank, and the dot at its rank', () => {
    const option = rankIntervalOption(
      [
        { label: '第一', rank: 1, low: 1, high: 2 },
        { label: '第二', rank: 2, low: 1, high: 3 },
        { label: '第三', rank: 3, low: 3, high: 3 },
      ],
      { title: 't', xName: '名次', rankName: '名次', intervalName: '区间' },
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['第三', '第二', '第一']);
    const [start, length, dots] = option.series as Series[];
    expect(start?.data).toEqual([3, 1, 1]);
    expect(length?.data).toEqual([0, 2, 1]);
    expect(dots?.data).toEqual([
      [3, 0],
      [2, 1],
      [1, 2],
    ]);
    expect((option.xAxis as { max: number }).max).toBe(3);
  });
});

describe('judgeAgreementOption', () => {
  it('leaves out judges without a figure, marks those below the line, and draws the line', () => {
    const option = judgeAgreementOption(
      [
        { name: '甲', correlation: 0.8 },
        { name: '乙', correlation: null },
        { name: '丙', correlation: -0.1 },
      ],
      0.2,
      { title: 't', xName: 'ρ', thresholdName: '界线' },
      labels,
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['丙', '甲']);
    const [bars] = option.series as Series[];
    const colours = (bars?.data as { value: number; itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    expect(colours[0]).not.toBe(colours[1]);
    expect(bars?.markLine?.data).toEqual([{ xAxis: 0.2 }]);
  });
});

describe('chart helpers', () => {
  it('stacks every series, keeps counts whole, and sizes charts by their rows', () => {
    const stacked = stackedOption({ series: [{ type: 'bar' }, { type: 'bar' }] });
    expect((stacked.series as Series[]).every((s) => s.stack === 'total')).toBe(true);
    expect(wholeCountsOption({ yAxis: { type: 'value' } }).yAxis).toEqual({ type: 'value', minInterval: 1 });
    expect(heightForRows(1)).toBe(200);
    expect(heightForRows(50)).toBeGreaterThan(heightForRows(10));
  });
});
