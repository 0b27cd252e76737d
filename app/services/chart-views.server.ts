/**
 * The charts a resource page shows, ready for the page: the column profile's small charts as SVG
 * markup, and the chart builder's chart (aggregated in a worker thread on large tables) as SVG
 * with the table of its numbers. The chart.svg and chart.png downloads draw the same chart.
 */
import { chartSpecToParams, parseChartSpec, type ChartData, type ChartProblem, type ChartSpec } from '~/lib/charts/chart-spec';
import { builderCategoryLabels, builderChartOption, builderSeriesLabels, profileChartOption, profileChartRows, type ChartLabels } from '~/lib/charts/echarts-options';
import type { BuilderChartView, PinnedChartView, ProfileChartView } from '~/lib/charts/views';
import { rowQueryToParams, type RowQuery } from '~/lib/datastore-query';
import type { Viewer } from '~/lib/access';
import { formatNumber } from '~/lib/format';
import { createTranslator, type Locale, type Translate } from '~/lib/i18n';
import { aggregateChart } from '~/models/datastore-charts.server';
import { listPinnedCharts, storePinnedChartData } from '~/models/pinned-charts.server';
import { getReadableResourceById, type ReadableResource } from '~/models/resources.server';
import { LARGE_TABLE_ROWS, parseResourceQuery } from './datastore-access.server';
import { attachmentHeader } from './downloads.server';
import { getLocale } from './locale.server';
import { inlineChartSvg, renderChartSvg } from './charts.server';
import { runTask } from './workers/pool.server';

export const PROFILE_CHART_SIZE = { width: 360, height: 200 };
export const BUILDER_CHART_SIZE = { width: 800, height: 450 };

export function chartLabels(t: Translate, locale: Locale): ChartLabels {
  return {
    empty: t('chart.emptyValue'),
    other: t('chart.other'),
    yes: t('common.yes'),
    no: t('common.no'),
    rows: t('chart.rows'),
    number: (value) => formatNumber(value, locale),
    period: (period, granularity) => (granularity === 'week' ? t('chart.weekOf', { date: period }) : granularity === 'month' ? period.slice(0, 7) : period),
  };
}

/**
 * Drawn profile charts, kept: drawing one takes ECharts 10–20 ms, so a table of 40 columns would
 * cost every page view most of a second. A served table never changes under its name (a new
 * import or privacy decision serves a new table), so its name, the column, its label and the
 * language identify a drawing. Derived data only: each process keeps its own, losing it costs a redraw.
 */
const drawnProfileCharts = new Map<string, ProfileChartView>();
const DRAWN_PROFILE_CHARTS_KEPT = 2_000;

function keptProfileChart(key: string, draw: () => ProfileChartView): ProfileChartView {
  const kept = drawnProfileCharts.get(key);
  if (kept) {
    // Most recently used last, so the oldest is first to go.
    drawnProfileCharts.delete(key);
    drawnProfileCharts.set(key, kept);
    return kept;
  }
  const view = draw();
  drawnProfileCharts.set(key, view);
  if (drawnProfileCharts.size > DRAWN_PROFILE_CHARTS_KEPT) drawnProfileCharts.delete(drawnProfileCharts.keys().next().value as string);
  return view;
}

/** Each column's profile chart (when it has one), keyed by column name. */
export function profileChartViews(resource: Pick<ReadableResource, 'columns' | 'tableName'>, locale: Locale): Record<string, ProfileChartView> {
  const t = createTranslator(locale);
  const labels = chartLabels(t, locale);
  const views: Record<string, ProfileChartView> = {};
  for (const column of resource.columns) {
    const chart = column.profile?.chart;
    if (!chart) continue;
    const label = t(`chart.profileLabel.${chart.kind}`, { column: column.label || column.name });
    views[column.name] = keptProfileChart(`${resource.tableName}\u0000${column.name}\u0000${locale}\u0000${label}`, () => ({
      label,
      svg: inlineChartSvg(profileChartOption(chart, labels), { ...PROFILE_CHART_SIZE, label }),
      rows: profileChartRows(chart, labels),
    }));
  }
  return views;
}

/** The chart's title, from its spec in the reader's language. */
export function chartTitle(spec: ChartSpec, columnLabel: (name: string) => string, t: Translate): string {
  const x = columnLabel(spec.x);
  const y = spec.y ? columnLabel(spec.y) : '';
  const title = spec.type === 'scatter' ? t('chart.title.scatter', { x, y }) : spec.agg === 'count' ? t('chart.title.count', { x }) : t('chart.title.aggregate', { x, y, agg: t(`chart.agg.${spec.agg}`) });
  return spec.series ? t('chart.title.bySeries', { title, series: columnLabel(spec.series) }) : title;
}

export type BuilderChartResult = { ok: true; view: BuilderChartView } | { ok: false; problem: ChartProblem } | null;

/** The numbers behind a chart: in a worker thread on a large table, so one chart cannot stall the site. */
export async function chartData(resource: Pick<ReadableResource, 'tableName' | 'columns' | 'rowCount'>, spec: ChartSpec, query: Pick<RowQuery, 'filters' | 'q'>): Promise<ChartData> {
  const filters = { filters: query.filters, q: query.q };
  if ((resource.rowCount ?? 0) >= LARGE_TABLE_ROWS) return runTask('aggregateChart', { tableName: resource.tableName, columns: [...resource.columns], spec, query: filters });
  return Promise.resolve(await aggregateChart(resource.tableName, resource.columns, spec, filters));
}

/** The chart's numbers and ECharts option, titled in the reader's language. */
async function drawChart(resource: ReadableResource, spec: ChartSpec, query: Pick<RowQuery, 'filters' | 'q'>, locale: Locale) {
  return drawChartOf(resource, spec, await chartData(resource, spec, query), locale);
}

function drawChartOf(resource: Pick<ReadableResource, 'columns'>, spec: ChartSpec, data: ChartData, locale: Locale) {
  const t = createTranslator(locale);
  const labels = chartLabels(t, locale);
  const columnLabel = (name: string) => resource.columns.find((c) => c.name === name)?.label || name;
  const title = chartTitle(spec, columnLabel, t);
  const xName = columnLabel(spec.x);
  const yName = spec.y && spec.agg !== 'count' ? t('chart.axis.aggregate', { y: columnLabel(spec.y), agg: t(`chart.agg.${spec.agg}`) }) : spec.y ? columnLabel(spec.y) : labels.rows;
  return { data, title, xName, yName, labels, option: builderChartOption(data, { title, xName, yName }, labels) };
}

/**
 * The chart the query string asks for over the rows its filters keep, drawn; a problem with the
 * chart parameters; or null when no chart is asked for.
 */
export async function builderChart(resource: ReadableResource, params: URLSearchParams, query: Pick<RowQuery, 'filters' | 'q'>, locale: Locale): Promise<BuilderChartResult> {
  const parsed = parseChartSpec(params, resource.columns);
  if (!parsed || !parsed.ok) return parsed;
  const { spec } = parsed;
  const { data, title, xName, yName, labels, option } = await drawChart(resource, spec, query, locale);
  return {
    ok: true,
    view: { spec, title, svg: inlineChartSvg(option, { ...BUILDER_CHART_SIZE, label: title }), table: chartTable(data, labels, xName, yName), truncated: data.truncated, rows: data.rows },
  };
}

/** The same chart as a standalone SVG document on white (the download). */
export async function builderChartDocument(resource: ReadableResource, params: URLSearchParams, query: Pick<RowQuery, 'filters' | 'q'>, locale: Locale): Promise<{ ok: true; svg: string; title: string } | { ok: false; problem: ChartProblem | null }> {
  const parsed = parseChartSpec(params, resource.columns);
  if (!parsed || !parsed.ok) return { ok: false, problem: parsed ? parsed.problem : null };
  const { title, option } = await drawChart(resource, parsed.spec, query, locale);
  return { ok: true, svg: renderChartSvg({ ...option, backgroundColor: '#ffffff' }, BUILDER_CHART_SIZE), title };
}

function chartTable(data: ChartData, labels: ChartLabels, xName: string, yName: string): BuilderChartView['table'] {
  if (data.type === 'scatter') return { head: [xName, yName], body: (data.points ?? []).slice(0, 200) };
  const categories = builderCategoryLabels(data, labels);
  const names = builderSeriesLabels(data, labels, yName);
  return {
    head: [xName, ...names],
    body: categories.map((category, i) => [category, ...data.series.map((s) => s.values[i] ?? null)]),
  };
}

/**
 * chart.svg or chart.png of the chart the query string describes, over the rows its filters keep;
 * 400 with the problem in words when the parameters are wrong. The PNG is rasterised in a worker.
 */
export async function chartDownloadResponse(request: Request, resource: ReadableResource, format: 'svg' | 'png'): Promise<Response> {
  const locale = await getLocale(request);
  const t = createTranslator(locale);
  const search = new URL(request.url).searchParams;
  const parsed = parseResourceQuery(resource, search, { defaultLimit: 1, maxLimit: 1 });
  const drawn = 'problem' in parsed ? null : await builderChartDocument(resource, search, parsed.query, locale);
  if (!drawn || !drawn.ok) {
    const detail = drawn?.problem ? t(`chart.problem.${drawn.problem.code}`) : t(drawn ? 'chart.problem.required' : 'errors.invalid');
    return new Response(t('chart.problem.badRequest', { problem: detail }), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const body = format === 'svg' ? drawn.svg : await runTask('chartPng', { svg: drawn.svg });
  return new Response(body, {
    headers: {
      'Content-Type': format === 'svg' ? 'image/svg+xml' : 'image/png',
      'Content-Disposition': attachmentHeader(`${resource.dataset.slug}-${drawn.title}.${format}`),
      // A downloaded SVG opened from this origin runs nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      ...(resource.access === 'public' ? { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' } : { 'Cache-Control': 'private, no-store' }),
    },
  });
}

/**
 * The chart parameters of a request in canonical form (chart first, then the filters; no paging or
 * sorting), as a pinned chart keeps them; or the problem that stops them drawing a chart.
 */
export function canonicalChartQuery(resource: ReadableResource, params: URLSearchParams): { ok: true; query: string } | { ok: false } {
  const spec = parseChartSpec(params, resource.columns);
  const rows = parseResourceQuery(resource, params, { defaultLimit: 1, maxLimit: 1 });
  if (!spec?.ok || 'problem' in rows) return { ok: false };
  const filters = rowQueryToParams({ filters: rows.query.filters, q: rows.query.q }).toString();
  return { ok: true, query: `${chartSpecToParams(spec.spec)}${filters ? `&${filters}` : ''}` };
}

/**
 * The dataset page's pinned charts, drawn from their kept numbers; a chart whose table was
 * re-imported since is counted again first (in a worker on large tables) and kept. A chart the
 * table can no longer draw (a column renamed away) is shown to the department only, to unpin.
 */
export async function pinnedChartViews(datasetId: number, viewer: Viewer | null, locale: Locale): Promise<PinnedChartView[]> {
  const views: PinnedChartView[] = [];
  for (const pin of await listPinnedCharts(datasetId)) {
    const resource = await getReadableResourceById(pin.resourceId, viewer);
    if (!resource) continue;
    const href = `/datasets/${resource.dataset.slug}/resources/${resource.id}?${pin.query}`;
    const params = new URLSearchParams(pin.query);
    const spec = parseChartSpec(params, resource.columns);
    const rows = parseResourceQuery(resource, params, { defaultLimit: 1, maxLimit: 1 });
    if (!spec?.ok || 'problem' in rows) {
      views.push({ id: pin.id, resourceName: resource.name, href, broken: true });
      continue;
    }
    let data = pin.data;
    const current = resource.importedAt?.getTime() ?? null;
    if (!data || (pin.dataOf?.getTime() ?? null) !== current) {
      data = await chartData(resource, spec.spec, rows.query);
      await storePinnedChartData(pin.id, data, resource.importedAt);
    }
    const { title, option } = drawChartOf(resource, spec.spec, data, locale);
    views.push({ id: pin.id, resourceName: resource.name, href, title, svg: inlineChartSvg(option, { ...BUILDER_CHART_SIZE, label: title }) });
  }
  return views;
}
