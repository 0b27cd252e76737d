/**
 * The chart builder's state as it lives in the resource page's query string (`chart`, `x`, `y`,
 * `agg`, `series`, beside the preview's filters): parsed and checked against the table's columns,
 * and written back, so a chart is a URL anyone can share.
 */
import type { ColumnType } from '../import/types';

export const CHART_TYPES = ['bar', 'line', 'pie', 'scatter'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const AGGREGATES = ['count', 'sum', 'mean', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface ChartSpec {
  type: ChartType;
  /** The column along the horizontal axis (pie: the slices). */
  x: string;
  /** count: rows per x; otherwise this aggregate of the numeric column `y`. */
  agg: Aggregate;
  y: string | null;
  /** A categorical column that splits each bar or line into series. */
  series: string | null;
}

export type ChartProblem = { field: 'chart' | 'x' | 'y' | 'agg' | 'series'; code: 'unknownType' | 'unknownColumn' | 'required' | 'notNumeric' | 'sameColumn' | 'unknownAggregate' };

/** Groups along x beyond which the rest are counted together as "other". */
export const MAX_GROUPS = 1000;
/** Series beyond which the rest are drawn together as "other". */
export const MAX_SERIES = 10;
/** Points a scatter plot draws at most (spread evenly over the matching rows). */
export const MAX_POINTS = 2000;

const isNumeric = (type: ColumnType | undefined) => type === 'integer' || type === 'decimal';

/**
 * The chart the parameters ask for, or the first problem with them; null when no chart is asked
 * for (no `chart` parameter).
 */
export function parseChartSpec(params: URLSearchParams, columns: readonly { name: string; type: ColumnType }[]): { ok: true; spec: ChartSpec } | { ok: false; problem: ChartProblem } | null {
  const type = params.get('chart');
  if (type === null) return null;
  if (!(CHART_TYPES as readonly string[]).includes(type)) return { ok: false, problem: { field: 'chart', code: 'unknownType' } };
  const typeOf = (name: string) => columns.find((c) => c.name === name)?.type;
  const x = params.get('x') ?? '';
  if (x === '') return { ok: false, problem: { field: 'x', code: 'required' } };
  if (!typeOf(x)) return { ok: false, problem: { field: 'x', code: 'unknownColumn' } };
  const rawAgg = params.get('agg') || 'count';
  if (!(AGGREGATES as readonly string[]).includes(rawAgg)) return { ok: false, problem: { field: 'agg', code: 'unknownAggregate' } };
  let agg = rawAgg as Aggregate;
  let y = params.get('y') || null;
  if (y === 'count') y = null;
  if (type === 'scatter') {
    // A scatter plot draws rows, not groups: both axes are numbers.
    if (!isNumeric(typeOf(x))) return { ok: false, problem: { field: 'x', code: 'notNumeric' } };
    if (y === null) return { ok: false, problem: { field: 'y', code: 'required' } };
    agg = 'count';
  } else if (agg === 'count') {
    y = null;
  } else if (y === null) {
    return { ok: false, problem: { field: 'y', code: 'required' } };
  }
  if (y !== null) {
    if (!typeOf(y)) return { ok: false, problem: { field: 'y', code: 'unknownColumn' } };
    if (!isNumeric(typeOf(y))) return { ok: false, problem: { field: 'y', code: 'notNumeric' } };
  }
  let series = params.get('series') || null;
  if (type === 'pie') series = null;
  if (series !== null) {
    if (!typeOf(series)) return { ok: false, problem: { field: 'series', code: 'unknownColumn' } };
    if (series === x) return { ok: false, problem: { field: 'series', code: 'sameColumn' } };
  }
  return { ok: true, spec: { type: type as ChartType, x, agg, y, series } };
}

/** The query-string parameters of a chart, in a fixed order (the page, chart.svg and chart.png share them). */
export function chartSpecToParams(spec: ChartSpec): URLSearchParams {
  const params = new URLSearchParams({ chart: spec.type, x: spec.x });
  if (spec.y) params.set('y', spec.y);
  if (spec.agg !== 'count') params.set('agg', spec.agg);
  if (spec.series) params.set('series', spec.series);
  return params;
}

/** The parameters the chart builder owns (the rest of the query string is the preview's). */
export const CHART_PARAMS = ['chart', 'x', 'y', 'agg', 'series'] as const;

/** What the aggregation returns: one value per category and series, ready to draw. */
export interface ChartData {
  type: ChartType;
  /** The x values in drawing order; null is "empty", and `other` marks the lumped remainder. */
  categories: { value: string | number | null; other?: boolean }[];
  /** For scatter: pairs; otherwise one value per category. */
  series: { name: string | number | null; other?: boolean; values: (number | null)[] }[];
  points?: [number, number][];
  /** True when groups or series beyond the caps were lumped into "other", or points were sampled. */
  truncated: boolean;
  /** Rows that matched the filters. */
  rows: number;
  /** Set when x is a date column grouped by period. */
  granularity?: 'day' | 'week' | 'month' | 'year';
}
