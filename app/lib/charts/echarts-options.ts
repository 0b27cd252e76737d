/**
 * ECharts options for the platform's charts: the column profile's small charts and the chart
 * builder's. Pure data in, option object out; app/services/charts.server.ts renders them to SVG.
 * Colours are the site's (contrast checked against white), text in a font stack that has Chinese.
 */
import type { ChartData } from './chart-spec';
import type { ProfileChart, TimeGranularity } from './profile-chart';

export const CHART_FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
/** brand-600 first; then colours distinguishable from it and from each other for series. */
export const CHART_COLOURS = ['#2452b8', '#c2410c', '#047857', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#475569', '#94a3b8'];

export interface ChartLabels {
  empty: string;
  other: string;
  yes: string;
  no: string;
  rows: string;
  number: (value: number) => string;
  period: (period: string, granularity: TimeGranularity) => string;
}

export type Option = Record<string, unknown>;

export const chartBase = (): Option => ({
  animation: false,
  color: CHART_COLOURS,
  textStyle: { fontFamily: CHART_FONT, color: '#334155' },
});

export const axisText = { color: '#334155', fontFamily: CHART_FONT };

function valueText(value: string | number | null, labels: ChartLabels): string {
  if (value === null) return labels.empty;
  return typeof value === 'number' ? labels.number(value) : value;
}

/** Labels longer than this are shortened on the axis (the data table beside has them whole). */
const AXIS_LABEL_CHARS = 12;
export const shorten = (text: string) => (text.length > AXIS_LABEL_CHARS ? `${text.slice(0, AXIS_LABEL_CHARS - 1)}…` : text);

/** The labelled values a profile chart draws, also written out as the table screen readers read. */
export function profileChartRows(chart: ProfileChart, labels: ChartLabels): { label: string; count: number }[] {
  switch (chart.kind) {
    case 'histogram':
      return chart.bins.map((b) => ({ label: `${labels.number(b.from)} – ${labels.number(Number((b.from + chart.width).toPrecision(12)))}`, count: b.count }));
    case 'categories':
      return [...chart.top.map((t) => ({ label: valueText(t.value, labels), count: t.count })), ...(chart.other > 0 ? [{ label: labels.other, count: chart.other }] : [])];
    case 'timeline':
      return chart.periods.map((p) => ({ label: labels.period(p.period, chart.granularity), count: p.count }));
    case 'share':
      return [
        { label: labels.yes, count: chart.yes },
        { label: labels.no, count: chart.no },
      ];
  }
}

/** The small chart of one column in the profile (about 360 × 200). */
export function profileChartOption(chart: ProfileChart, labels: ChartLabels): Option {
  const rows = profileChartRows(chart, labels);
  if (chart.kind === 'share') {
    return {
      ...chartBase(),
      series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}: {d}%', fontFamily: CHART_FONT }, data: rows.map((r) => ({ name: r.label, value: r.count })) }],
    };
  }
  if (chart.kind === 'categories') {
    // Horizontal bars: category names read along the axis, the largest on top.
    const ordered = [...rows].reverse();
    return {
      ...chartBase(),
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { ...axisText, formatter: labels.number } },
      yAxis: { type: 'category', data: ordered.map((r) => shorten(r.label)), axisLabel: axisText },
      series: [{ type: 'bar', data: ordered.map((r) => r.count), label: { show: true, position: 'right', formatter: (p: { value: number }) => labels.number(p.value), fontFamily: CHART_FONT } }],
    };
  }
  return {
    ...chartBase(),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => (chart.kind === 'histogram' ? labels.number((chart.bins[rows.indexOf(r)] as { from: number }).from) : r.label)), axisLabel: axisText },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { ...axisText, formatter: labels.number } },
    series: [{ type: chart.kind === 'timeline' && rows.length > 24 ? 'line' : 'bar', data: rows.map((r) => r.count), barCategoryGap: chart.kind === 'histogram' ? '4%' : '20%', showSymbol: false }],
  };
}

export interface BuilderText {
  title: string;
  xName: string;
  yName: string;
}

/** The category labels of a builder chart, as drawn and as written in its data table. */
export function builderCategoryLabels(data: ChartData, labels: ChartLabels): string[] {
  return data.categories.map((c) => (c.other ? labels.other : typeof c.value === 'string' && data.granularity ? labels.period(c.value, data.granularity) : valueText(c.value, labels)));
}

export function builderSeriesLabels(data: ChartData, labels: ChartLabels, fallback: string): string[] {
  return data.series.map((s) => (s.other ? labels.other : s.name === null && data.series.length === 1 ? fallback : valueText(s.name, labels)));
}

/** A chart builder's chart, with its title and axis names. */
export function builderChartOption(data: ChartData, text: BuilderText, labels: ChartLabels, options: { fullSeriesNames?: boolean } = {}): Option {
  const title = { text: text.title, left: 'center', textStyle: { fontFamily: CHART_FONT, fontSize: 16, color: '#0f172a' } };
  if (data.type === 'scatter') {
    return {
      ...chartBase(),
      title,
      grid: { left: 16, right: 32, top: 56, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: text.xName, nameLocation: 'middle', nameGap: 28, scale: true, axisLabel: { ...axisText, formatter: labels.number } },
      yAxis: { type: 'value', name: text.yName, scale: true, axisLabel: { ...axisText, formatter: labels.number } },
      series: [{ type: 'scatter', symbolSize: 5, data: data.points ?? [] }],
    };
  }
  const categories = builderCategoryLabels(data, labels);
  const names = builderSeriesLabels(data, labels, text.yName);
  if (data.type === 'pie') {
    const values = data.series[0]?.values ?? [];
    return {
      ...chartBase(),
      title,
      series: [
        {
          type: 'pie',
          radius: ['0%', '62%'],
          top: 40,
          label: { formatter: '{b}: {d}%', fontFamily: CHART_FONT },
          data: categories.map((name, i) => ({ name: shorten(name), value: values[i] ?? 0 })),
        },
      ],
    };
  }
  const many = data.series.length > 1;
  // A builder's series are a column's values (any length); a page chart's are a few fixed names.
  const seriesName = options.fullSeriesNames ? (name: string) => name : shorten;
  return {
    ...chartBase(),
    title,
    ...(many ? { legend: { top: 36, textStyle: axisText, data: names.map(seriesName) } } : {}),
    grid: { left: 16, right: 32, top: many ? 84 : 56, bottom: 40, containLabel: true },
    xAxis: { type: 'category', name: text.xName, nameLocation: 'middle', nameGap: 28, data: categories.map(shorten), axisLabel: { ...axisText, hideOverlap: true } },
    yAxis: { type: 'value', name: text.yName, axisLabel: { ...axisText, formatter: labels.number } },
    series: data.series.map((s, i) => ({ type: data.type, name: seriesName(names[i] ?? ''), data: s.values, showSymbol: categories.length <= 60, connectNulls: false })),
  };
}
