/**
 * Charts of the platform's own figures, where people expect them: a challenge's entries over time
 * by kind, the ranking's rank intervals, each judge's agreement with the panel, data requests
 * received and answered per department, and the site's activity by month. Pure: counts in, ECharts
 * options and the table of the numbers drawn out; app/services/page-charts.server.ts renders them.
 */
import type { ChartData } from './chart-spec';
import { axisText, CHART_COLOURS, CHART_FONT, chartBase, shorten, type ChartLabels, type Option } from './echarts-options';
import { fillPeriods, timeGranularity, type TimeGranularity } from './profile-chart';

/** The numbers a chart draws, as the table beside it (for screen readers and anyone who wants them). */
export interface ChartTable {
  head: string[];
  body: (string | number | null)[][];
}

const title = (text: string) => ({ text, left: 'center', textStyle: { fontFamily: CHART_FONT, fontSize: 15, color: '#0f172a' } });

/** A day (YYYY-MM-DD) as the period of a granularity: itself, its week's Monday, its month's first day, its year. */
export function periodOfDay(day: string, granularity: TimeGranularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'year') return day.slice(0, 4);
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  // getUTCDay: Sunday 0 … Saturday 6; back to Monday.
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * Counts per day and series (say, entries per day by kind) as a timeline: periods of a readable
 * size for the span, the days without any counted as zero so a quiet week shows as one.
 */
export function timelineData(days: readonly { day: string; series: string; count: number }[], seriesOrder: readonly string[], type: 'bar' | 'line' = 'bar'): ChartData {
  const sortedDays = days.map((d) => d.day).sort();
  const first = sortedDays[0];
  const last = sortedDays[sortedDays.length - 1];
  if (first === undefined || last === undefined) return { type, categories: [], series: [], truncated: false, rows: 0 };
  const granularity = timeGranularity(first, last);
  const counts = new Map<string, number>();
  for (const d of days) {
    const key = `${periodOfDay(d.day, granularity)}\u0000${d.series}`;
    counts.set(key, (counts.get(key) ?? 0) + d.count);
  }
  const known = [...new Set(days.map((d) => periodOfDay(d.day, granularity)))].sort();
  const periods = fillPeriods(granularity, known.map((period) => ({ period, count: 0 }))).map((p) => p.period);
  const present = seriesOrder.filter((name) => days.some((d) => d.series === name));
  return {
    type,
    granularity,
    categories: periods.map((value) => ({ value })),
    series: present.map((name) => ({ name, values: periods.map((p) => counts.get(`${p}\u0000${name}`) ?? 0) })),
    truncated: false,
    rows: days.reduce((n, d) => n + d.count, 0),
  };
}

/** The same series, stacked (a period's bar is its total, split by series). */
export function stackedOption(option: Option): Option {
  const series = option.series as Record<string, unknown>[];
  return { ...option, series: series.map((s) => ({ ...s, stack: 'total' })) };
}

/** Counts of things: the value axis never shows a fraction of an entry. */
export function wholeCountsOption(option: Option): Option {
  return { ...option, yAxis: { ...(option.yAxis as Record<string, unknown>), minInterval: 1 } };
}

/** The table of a category-by-series chart: one row per category, one column per series. */
export function seriesTable(data: ChartData, categoryLabels: readonly string[], seriesLabels: readonly string[], head: string): ChartTable {
  return { head: [head, ...seriesLabels], body: categoryLabels.map((label, i) => [label, ...data.series.map((s) => s.values[i] ?? null)]) };
}

/** Departments a chart names one by one; the rest are added up as "other". */
export const DEPARTMENTS_SHOWN = 15;

export interface DepartmentRequests {
  name: string | null;
  received: number;
  answered: number;
}

/** The departments with most requests first, the rest (beyond DEPARTMENTS_SHOWN) as one row. */
export function departmentRows(rows: readonly DepartmentRequests[], labels: { unassigned: string; other: string }): { name: string; received: number; answered: number }[] {
  const sorted = [...rows].sort((a, b) => b.received - a.received || (a.name ?? '').localeCompare(b.name ?? ''));
  const named = sorted.slice(0, DEPARTMENTS_SHOWN).map((r) => ({ name: r.name ?? labels.unassigned, received: r.received, answered: r.answered }));
  const rest = sorted.slice(DEPARTMENTS_SHOWN);
  if (rest.length === 0) return named;
  return [...named, { name: labels.other, received: rest.reduce((n, r) => n + r.received, 0), answered: rest.reduce((n, r) => n + r.answered, 0) }];
}

/** Horizontal grouped bars: long names (departments, entries) read along the axis, the first on top. */
export function horizontalBarsOption(rows: readonly { name: string; values: readonly number[] }[], seriesNames: readonly string[], text: { title: string; valueName: string }, labels: ChartLabels): Option {
  const ordered = [...rows].reverse();
  return {
    ...chartBase(),
    title: title(text.title),
    legend: { top: 34, textStyle: axisText, data: [...seriesNames] },
    grid: { left: 8, right: 40, top: 72, bottom: 36, containLabel: true },
    xAxis: { type: 'value', name: text.valueName, nameLocation: 'middle', nameGap: 26, minInterval: 1, axisLabel: { ...axisText, formatter: labels.number } },
    yAxis: { type: 'category', data: ordered.map((r) => shorten(r.name)), axisLabel: axisText },
    series: seriesNames.map((name, i) => ({
      type: 'bar',
      name,
      data: ordered.map((r) => r.values[i] ?? 0),
      label: { show: true, position: 'right', fontFamily: CHART_FONT, color: '#334155', formatter: (p: { value: number }) => labels.number(p.value) },
    })),
  };
}

/** Height in pixels that gives each of `rows` horizontal bars (or whiskers) room for its label. */
export function heightForRows(rows: number, perRow = 26, chrome = 110): number {
  return Math.max(200, chrome + rows * perRow);
}

export interface RankedPoint {
  label: string;
  rank: number;
  low: number;
  high: number;
}

/**
 * The ranking as dots and whiskers: each entry's rank (the dot) and the range its rank takes in 95%
 * of the bootstrap resamples (the whisker). Overlapping whiskers are entries the judges' scores
 * cannot really tell apart. Rank 1 on the left, the first entry on top.
 */
export function rankIntervalOption(points: readonly RankedPoint[], text: { title: string; xName: string; intervalName: string; rankName: string }): Option {
  const ordered = [...points].reverse();
  const maxRank = Math.max(1, ...points.map((p) => p.high));
  return {
    ...chartBase(),
    title: title(text.title),
    legend: { top: 34, textStyle: axisText, data: [text.rankName, text.intervalName] },
    grid: { left: 8, right: 24, top: 72, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: text.xName, nameLocation: 'middle', nameGap: 26, min: 1, max: maxRank, minInterval: 1, axisLabel: axisText },
    yAxis: { type: 'category', data: ordered.map((p) => shorten(p.label)), axisLabel: axisText },
    series: [
      // The whisker: an invisible bar up to the interval's low end, then a thin one to its high end.
      { type: 'bar', stack: 'interval', silent: true, barWidth: 3, itemStyle: { color: 'transparent' }, data: ordered.map((p) => p.low) },
      { type: 'bar', stack: 'interval', name: text.intervalName, barWidth: 3, itemStyle: { color: '#64748b' }, data: ordered.map((p) => p.high - p.low) },
      { type: 'scatter', name: text.rankName, symbolSize: 11, itemStyle: { color: CHART_COLOURS[0] }, data: ordered.map((p, i) => [p.rank, i]) },
    ],
  };
}

export interface JudgeAgreementPoint {
  name: string;
  /** Spearman's ρ with the rest of the panel; null when it cannot be computed. */
  correlation: number | null;
}

/**
 * Each judge's agreement with the rest of the panel as bars from −1 to 1, with the line below which
 * the results page flags a judge as out of line. Judges without a figure are left out of the drawing
 * (the table beside lists them).
 */
export function judgeAgreementOption(judges: readonly JudgeAgreementPoint[], threshold: number, text: { title: string; xName: string; thresholdName: string }, labels: ChartLabels): Option {
  const ordered = judges.filter((j): j is { name: string; correlation: number } => j.correlation !== null).reverse();
  return {
    ...chartBase(),
    title: title(text.title),
    // Room above the plot for the threshold line's label, under the title.
    grid: { left: 8, right: 48, top: 72, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: text.xName, nameLocation: 'middle', nameGap: 26, min: -1, max: 1, interval: 0.5, axisLabel: axisText },
    yAxis: { type: 'category', data: ordered.map((j) => shorten(j.name)), axisLabel: axisText },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: ordered.map((j) => ({ value: j.correlation, itemStyle: { color: j.correlation < threshold ? '#c2410c' : CHART_COLOURS[0] } })),
        label: { show: true, position: 'right', fontFamily: CHART_FONT, color: '#334155', formatter: (p: { value: number }) => labels.number(Math.round(p.value * 100) / 100) },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#475569' },
          label: { formatter: text.thresholdName, fontFamily: CHART_FONT, color: '#334155' },
          data: [{ xAxis: threshold }],
        },
      },
    ],
  };
}
