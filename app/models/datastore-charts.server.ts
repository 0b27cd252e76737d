/**
 * Charts computed in SQL from a served datastore table: the profile chart of each column (at
 * import, kept with the profile) and the chart builder's bounded aggregations (on request, in a
 * worker thread). Values come only from the served table, so a masked or generalised column
 * shows what is published and a dropped column shows nothing.
 */
import type { DatastoreColumn } from '../../db/tables';
import { buildWhere, type RowQuery, type SqlDialect } from '~/lib/datastore-query';
import { MAX_GROUPS, MAX_POINTS, MAX_SERIES, type Aggregate, type ChartData, type ChartSpec } from '~/lib/charts/chart-spec';
import { BIN_EPSILON, CATEGORY_BARS, chartKindFor, fillPeriods, histogramBins, timeGranularity, type ProfileChart, type TimeGranularity } from '~/lib/charts/profile-chart';
import { checkedTable } from './datastore.server';
import { dialectFor, dsArrays, dsRow, dsRows, type Param } from './datastore-sql.server';

/** The SQL that names a date's period: its day, the Monday of its week, its month's first day, its year. */
function periodExpression(column: string, granularity: TimeGranularity, dialect: SqlDialect): string {
  const day = `substr(${column}, 1, 10)`;
  switch (granularity) {
    case 'day':
      return day;
    case 'week':
      return dialect.postgres ? `to_char(date_trunc('week', ${day}::date), 'YYYY-MM-DD')` : `date(${day}, '-6 days', 'weekday 1')`;
    case 'month':
      return `substr(${column}, 1, 7) || '-01'`;
    case 'year':
      return `substr(${column}, 1, 4)`;
  }
}

/** Periods a timeline keeps at most (a century of years, or about eight years of months). */
const MAX_PERIODS = 100;

/** SQLite stores each cell with its own type; a typed PostgreSQL number column holds numbers or nothing. */
function isNumber(id: string, dialect: SqlDialect): string {
  return dialect.postgres ? `${id} IS NOT NULL` : `typeof(${id}) IN ('integer', 'real')`;
}

async function profileChart(table: string, column: DatastoreColumn, rowCount: number, dialect: SqlDialect): Promise<ProfileChart | null> {
  const profile = column.profile;
  if (!profile) return null;
  const nonEmpty = rowCount - profile.empty;
  const kind = chartKindFor(column.type, { distinct: profile.distinct, nonEmpty });
  const id = dialect.column(column.name);
  switch (kind) {
    case null:
      return null;
    case 'histogram': {
      const min = Number(profile.min);
      const max = Number(profile.max);
      const { start, width, count } = histogramBins(min, max, column.type === 'integer');
      if (count === 0) return null;
      const bin = dialect.postgres
        ? `LEAST(floor((${id} - ?::double precision) / ?::double precision + ${BIN_EPSILON})::bigint, ?::bigint)`
        : `MIN(CAST((${id} - ?) / ? + ${BIN_EPSILON} AS INTEGER), ?)`;
      const rows = await dsRows<{ b: number; n: number }>(`SELECT ${bin} AS b, COUNT(*) AS n FROM ${table} WHERE ${isNumber(id, dialect)} GROUP BY 1`, [start, width, count - 1]);
      const counts = new Map(rows.map((r) => [Number(r.b), Number(r.n)]));
      return { kind, width, bins: Array.from({ length: count }, (_, b) => ({ from: Number((start + b * width).toPrecision(12)), count: counts.get(b) ?? 0 })) };
    }
    case 'timeline': {
      if (typeof profile.min !== 'string' || typeof profile.max !== 'string') return null;
      const granularity = timeGranularity(profile.min, profile.max);
      const rows = await dsRows<{ period: string | null; count: number }>(
        `SELECT ${periodExpression(id, granularity, dialect)} AS period, COUNT(*) AS count FROM ${table} WHERE ${id} IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT ?`,
        [MAX_PERIODS * 4],
      );
      const periods = rows.filter((r): r is { period: string; count: number } => typeof r.period === 'string');
      return { kind, granularity, periods: fillPeriods(granularity, periods).slice(-MAX_PERIODS * 4) };
    }
    case 'categories': {
      const top = await dsRows<{ value: string | number; count: number }>(
        `SELECT ${id} AS value, COUNT(*) AS count FROM ${table} WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY 2 DESC, 1 LIMIT ?`,
        [CATEGORY_BARS],
      );
      const shown = top.reduce((sum, t) => sum + t.count, 0);
      return { kind, top, other: Math.max(0, nonEmpty - shown) };
    }
    case 'share': {
      const row = await dsRow<{ yes: number; no: number }>(`SELECT COUNT(CASE WHEN ${id} = 1 THEN 1 END) AS yes, COUNT(CASE WHEN ${id} = 0 THEN 1 END) AS no FROM ${table}`);
      return { kind, yes: Number(row?.yes ?? 0), no: Number(row?.no ?? 0) };
    }
  }
}

/** The columns with their profile charts computed from the table (each a scan grouped in SQL). */
export async function withProfileCharts(tableName: string, columns: readonly DatastoreColumn[], rowCount: number): Promise<DatastoreColumn[]> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  return Promise.all(columns.map(async (column) => {
    if (!column.profile) return column;
    const { chart: _old, ...profile } = column.profile;
    const chart = await profileChart(table, { ...column, profile }, rowCount, dialect);
    return { ...column, profile: { ...profile, chart } };
  }));
}


type Row = { kept: number; gx: string | number | null; s?: string | number | null; sKept?: number; v: number | null; n: number };

/** The x expression: a date column is grouped by period (granularity from the column's range). */
function xGrouping(column: DatastoreColumn, dialect: SqlDialect): { expression: string; granularity?: TimeGranularity } {
  const id = dialect.column(column.name);
  const { min, max } = column.profile ?? { min: null, max: null };
  if (column.type === 'date' && typeof min === 'string' && typeof max === 'string') {
    const granularity = timeGranularity(min, max);
    return { expression: periodExpression(id, granularity, dialect), granularity };
  }
  return { expression: id };
}

const AGGREGATE_SQL: Record<Exclude<Aggregate, 'count'>, string> = { sum: 'SUM', mean: 'AVG', min: 'MIN', max: 'MAX' };

/**
 * The chart builder's numbers, grouped in SQL over the rows the preview's filters keep: at most
 * MAX_GROUPS groups along x (the rest lumped as "other") and MAX_SERIES series; a scatter plot
 * draws at most MAX_POINTS rows, spread evenly. Runs in a worker thread on large tables.
 */
export async function aggregateChart(tableName: string, columns: readonly DatastoreColumn[], spec: ChartSpec, query: Pick<RowQuery, 'filters' | 'q'>): Promise<ChartData> {
  const table = checkedTable(tableName);
  const dialect = await dialectFor(tableName);
  const where = buildWhere(query, columns.map((c) => ({ name: c.name, type: c.type })), { dialect });
  const and = (clause: string) => (where.sql ? `${where.sql} AND ${clause}` : `WHERE ${clause}`);
  const x = columns.find((c) => c.name === spec.x) as DatastoreColumn;
  const count = async (text: string, params: readonly Param[]) => Number((await dsRow<{ n: number }>(text, params))?.n ?? 0);

  if (spec.type === 'scatter') {
    const rows = await count(`SELECT COUNT(*) AS n FROM ${table} ${where.sql}`, where.params);
    const xid = dialect.column(spec.x);
    const yid = dialect.column(spec.y ?? '');
    const numeric = `${isNumber(xid, dialect)} AND ${isNumber(yid, dialect)}`;
    const step = Math.max(1, Math.ceil(rows / MAX_POINTS));
    const points = (await dsArrays(
      `SELECT x, y FROM (SELECT ${xid} AS x, ${yid} AS y, ROW_NUMBER() OVER (ORDER BY "_id") AS rn FROM ${table} ${and(numeric)}) AS p WHERE (rn - 1) % ? = 0 LIMIT ?`,
      [...where.params, step, MAX_POINTS],
    )) as [number, number][];
    return { type: spec.type, categories: [], series: [], points, truncated: step > 1, rows };
  }

  const { expression: xe, granularity } = xGrouping(x, dialect);
  // The profile's distinct count (exact below its estimate threshold) spares a scan when x cannot have too many groups.
  const fewGroups = x.profile !== undefined && !x.profile.distinctApproximate && x.profile.distinct <= MAX_GROUPS;
  const groups = fewGroups ? 0 : await count(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} ${where.sql} GROUP BY ${xe} LIMIT ?) AS g`, [...where.params, MAX_GROUPS + 1]);
  const tooManyGroups = groups > MAX_GROUPS;
  // TRUE and FALSE are 1 and 0 on SQLite, booleans on PostgreSQL: either reads as "kept" below.
  const keptX = tooManyGroups ? `COALESCE((${xe}) IN (SELECT ${xe} FROM ${table} ${where.sql} GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT ${MAX_GROUPS}), FALSE)` : 'TRUE';
  const keptXParams = tooManyGroups ? where.params : [];

  let seriesSelect = '';
  let seriesGroup = '';
  let seriesParams: Param[] = [];
  let tooManySeries = false;
  if (spec.series) {
    const sid = dialect.column(spec.series);
    const top = (await dsArrays(`SELECT ${sid} AS s FROM ${table} ${where.sql} GROUP BY ${sid} ORDER BY COUNT(*) DESC, 1 LIMIT ?`, [...where.params, MAX_SERIES + 1])) as [string | number | null][];
    tooManySeries = top.length > MAX_SERIES;
    const keptValues = top.slice(0, MAX_SERIES).map(([s]) => s).filter((s): s is string | number => s !== null);
    const keptNull = top.slice(0, MAX_SERIES).some(([s]) => s === null);
    const keptS = tooManySeries ? `(${keptValues.length ? `COALESCE(${sid} IN (${keptValues.map(() => '?').join(', ')}), FALSE)` : 'FALSE'}${keptNull ? ` OR ${sid} IS NULL` : ''})` : 'TRUE';
    seriesParams = tooManySeries ? keptValues : [];
    seriesSelect = `, ${keptS} AS "sKept", CASE WHEN ${keptS} THEN ${sid} END AS s`;
    seriesParams = [...seriesParams, ...seriesParams];
    seriesGroup = ', 3, 4';
  }
  const value = spec.agg === 'count' || !spec.y ? 'COUNT(*)' : `${AGGREGATE_SQL[spec.agg]}(${dialect.column(spec.y)})`;
  const statement = `SELECT ${keptX} AS kept, CASE WHEN ${keptX} THEN ${xe} END AS gx${seriesSelect}, ${value} AS v, COUNT(*) AS n FROM ${table} ${where.sql} GROUP BY 1, 2${seriesGroup}`;
  const result = (await dsRows<Row>(statement, [...keptXParams, ...keptXParams, ...seriesParams, ...where.params])).map((r) => ({ ...r, n: Number(r.n) }));
  // Every matching row falls in exactly one group: their counts add up to the rows drawn.
  const rows = result.reduce((sum, r) => sum + r.n, 0);
  return { ...shapeChart(spec, x, result), truncated: tooManyGroups || tooManySeries, rows, ...(granularity ? { granularity } : {}) };
}

/** Arranges grouped rows as categories and series: numbers and dates in order, text by size, "other" last. */
function shapeChart(spec: ChartSpec, x: DatastoreColumn, result: Row[]): Pick<ChartData, 'type' | 'categories' | 'series' | 'rows'> {
  const categoryKey = (r: Row) => (r.kept ? `v${JSON.stringify(r.gx)}` : 'other');
  const seriesKey = (r: Row) => (spec.series ? (r.sKept ? `v${JSON.stringify(r.s ?? null)}` : 'other') : 'all');
  const categories = new Map<string, { value: string | number | null; other?: boolean; size: number }>();
  const series = new Map<string, { name: string | number | null; other?: boolean; size: number; byCategory: Map<string, number | null> }>();
  for (const r of result) {
    const c = categoryKey(r);
    const category = categories.get(c) ?? { value: r.kept ? r.gx : null, ...(r.kept ? {} : { other: true }), size: 0 };
    category.size += spec.agg === 'count' || spec.agg === 'sum' ? Number(r.v ?? 0) : r.n;
    categories.set(c, category);
    const s = seriesKey(r);
    const entry = series.get(s) ?? { name: spec.series && r.sKept ? (r.s ?? null) : null, ...(spec.series && !r.sKept ? { other: true } : {}), size: 0, byCategory: new Map() };
    entry.size += r.n;
    entry.byCategory.set(c, r.v === null ? null : Number(r.v));
    series.set(s, entry);
  }
  const ordered = x.type === 'text' && spec.type !== 'line' ? compareBySize : compareByValue;
  const categoryList = [...categories].sort(([, a], [, b]) => Number(Boolean(a.other)) - Number(Boolean(b.other)) || ordered(a, b));
  const seriesList = [...series.values()].sort((a, b) => Number(Boolean(a.other)) - Number(Boolean(b.other)) || b.size - a.size);
  return {
    type: spec.type,
    categories: categoryList.map(([, c]) => ({ value: c.value, ...(c.other ? { other: true } : {}) })),
    series: seriesList.map((s) => ({ name: s.name, ...(s.other ? { other: true } : {}), values: categoryList.map(([key]) => s.byCategory.get(key) ?? null) })),
    rows: 0,
  };
}

function compareBySize(a: { size: number; value: string | number | null }, b: { size: number; value: string | number | null }): number {
  return b.size - a.size || compareByValue(a, b);
}

/** Ascending, empty last; numbers before text (SQLite's order). */
function compareByValue(a: { value: string | number | null }, b: { value: string | number | null }): number {
  if (a.value === b.value) return 0;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  if (typeof a.value === 'number' && typeof b.value === 'number') return a.value - b.value;
  if (typeof a.value === 'number') return -1;
  if (typeof b.value === 'number') return 1;
  return a.value < b.value ? -1 : 1;
}
