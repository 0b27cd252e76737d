/**
 * The preview's chart builder: a GET form whose state is the URL (shareable, the back button
 * works), the chart drawn on the server as SVG, the numbers behind it as a table, and downloads.
 */
import { Form, Link, useLocation } from '@remix-run/react';
import { AGGREGATES, CHART_PARAMS, CHART_TYPES, type ChartProblem } from '~/lib/charts/chart-spec';
import type { ColumnType } from '~/lib/import/types';
import type { BuilderChartView, ProfileChartView } from '~/lib/charts/views';
import { ChartDataTable } from './chart-data-table';
import { useFormatters, useT } from './i18n';

interface Props {
  /** The resource page's path; chart.svg and chart.png live under it. */
  base: string;
  columns: readonly { name: string; label?: string | null; type: ColumnType }[];
  chart: BuilderChartView | null;
  problem: ChartProblem | null;
  /** Set for the dataset's department, who may pin the chart to the dataset page. */
  pin: { error: 'chart.pin.full' | 'chart.pin.duplicate' | 'chart.pin.invalid' | null } | null;
}

const selectClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

export function ChartBuilder({ base, columns, chart, problem, pin }: Props) {
  const t = useT();
  const format = useFormatters();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const label = (c: { name: string; label?: string | null }) => c.label || c.name;
  const numeric = columns.filter((c) => c.type === 'integer' || c.type === 'decimal');
  const kept = [...params].filter(([key]) => key !== 'offset' && !(CHART_PARAMS as readonly string[]).includes(key));
  const withoutChart = new URLSearchParams(kept).toString();
  const chartQuery = params.toString();
  const errorFor = (field: ChartProblem['field']) => (problem?.field === field ? `chart-${field}-error` : undefined);
  const error = (field: ChartProblem['field']) =>
    problem?.field === field ? (
      <p id={`chart-${field}-error`} role="alert" className="mt-1 text-sm text-rose-700">
        {t(`chart.problem.${problem.code}`)}
      </p>
    ) : null;

  return (
    <section aria-labelledby="chart-builder" className="mt-10">
      <h2 id="chart-builder" className="text-xl font-semibold text-slate-900">
        {t('chart.builder')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('chart.builderIntro')}</p>
      <Form method="get" className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2 lg:grid-cols-6">
        {kept.map(([key, value], i) => (
          <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
        ))}
        <div>
          <label htmlFor="chart-chart" className="block text-sm font-medium text-slate-800">
            {t('chart.type')}
          </label>
          <select id="chart-chart" name="chart" defaultValue={params.get('chart') ?? 'bar'} aria-describedby={errorFor('chart')} className={selectClass}>
            {CHART_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`chart.type.${type}`)}
              </option>
            ))}
          </select>
          {error('chart')}
        </div>
        <div>
          <label htmlFor="chart-x" className="block text-sm font-medium text-slate-800">
            {t('chart.x')}
          </label>
          <select id="chart-x" name="x" defaultValue={params.get('x') ?? ''} aria-describedby={errorFor('x')} aria-invalid={problem?.field === 'x' || undefined} className={selectClass}>
            <option value="">{t('chart.choose')}</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {label(c)}
              </option>
            ))}
          </select>
          {error('x')}
        </div>
        <div>
          <label htmlFor="chart-agg" className="block text-sm font-medium text-slate-800">
            {t('chart.measure')}
          </label>
          <select id="chart-agg" name="agg" defaultValue={params.get('agg') ?? 'count'} aria-describedby={errorFor('agg')} className={selectClass}>
            {AGGREGATES.map((agg) => (
              <option key={agg} value={agg}>
                {t(`chart.measure.${agg}`)}
              </option>
            ))}
          </select>
          {error('agg')}
        </div>
        <div>
          <label htmlFor="chart-y" className="block text-sm font-medium text-slate-800">
            {t('chart.y')}
          </label>
          <select id="chart-y" name="y" defaultValue={params.get('y') ?? ''} aria-describedby={`chart-y-hint${errorFor('y') ? ' chart-y-error' : ''}`} aria-invalid={problem?.field === 'y' || undefined} className={selectClass}>
            <option value="">{t('chart.noColumn')}</option>
            {numeric.map((c) => (
              <option key={c.name} value={c.name}>
                {label(c)}
              </option>
            ))}
          </select>
          <p id="chart-y-hint" className="mt-1 text-xs text-slate-600">
            {t('chart.yHint')}
          </p>
          {error('y')}
        </div>
        <div>
          <label htmlFor="chart-series" className="block text-sm font-medium text-slate-800">
            {t('chart.series')}
          </label>
          <select id="chart-series" name="series" defaultValue={params.get('series') ?? ''} aria-describedby={errorFor('series')} aria-invalid={problem?.field === 'series' || undefined} className={selectClass}>
            <option value="">{t('chart.noSeries')}</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {label(c)}
              </option>
            ))}
          </select>
          {error('series')}
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('chart.draw')}
          </button>
          {params.has('chart') ? (
            <Link to={withoutChart ? `?${withoutChart}` : '?'} className="py-2 text-sm">
              {t('chart.clear')}
            </Link>
          ) : null}
        </div>
      </Form>

      {chart ? (
        <figure className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
          {/* Drawn on the server by ECharts from the table's numbers; the markup holds no input. */}
          <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
          <figcaption className="mt-3 text-sm text-slate-700">
            {t('chart.caption', { rows: format.number(chart.rows) })}
            {chart.truncated ? ` ${t('chart.truncated')}` : ''}
          </figcaption>
          <div className="mt-3 flex flex-wrap gap-2 text-sm">
            <span className="text-slate-600">{t('chart.download')}</span>
            <a href={`${base}/chart.svg?${chartQuery}`} download className="rounded border border-slate-300 px-2 py-1 font-medium no-underline hover:bg-slate-50">
              SVG
            </a>
            <a href={`${base}/chart.png?${chartQuery}`} download className="rounded border border-slate-300 px-2 py-1 font-medium no-underline hover:bg-slate-50">
              PNG
            </a>
          </div>
          {pin ? (
            <Form method="post" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
              <input type="hidden" name="query" value={chartQuery} />
              <button type="submit" name="intent" value="pin" aria-describedby={pin.error ? 'pin-error' : undefined} className="rounded-md border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
                {t('chart.pin')}
              </button>
              {pin.error ? (
                <p id="pin-error" role="alert" className="text-rose-700">
                  {t(pin.error)}
                </p>
              ) : (
                <span className="text-slate-600">{t('chart.pinHint')}</span>
              )}
            </Form>
          ) : null}
          <ChartDataTable title={chart.title} table={chart.table} />
        </figure>
      ) : null}
    </section>
  );
}

/** A column's small profile chart, with its numbers for screen readers. */
export function ProfileChartFigure({ view: { svg, rows, label } }: { view: ProfileChartView }) {
  const format = useFormatters();
  const t = useT();
  return (
    <figure className="mt-3">
      {/* Drawn on the server from the served table's counts; labels were escaped by ECharts. */}
      <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
      <table className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.value')}</th>
            <th scope="col">{t('chart.rows')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>{row.label}</td>
              <td>{format.number(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
