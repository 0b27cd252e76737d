/**
 * The readable view of one table: paging, sorting, filtering, the data dictionary with each
 * column's profile, and downloads or API links for exactly what is on screen.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { ChartBuilder, ProfileChartFigure } from '~/components/chart-builder';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ResourceSummary } from '~/components/resource-summary';
import { summarise } from '~/lib/resource-summary';
import { useFormatters, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { FILTER_OPS, rowQueryToParams, type FilterOp, type RowFilter } from '~/lib/datastore-query';
import type { CellValue } from '~/models/datastore.server';
import type { ProfileChartView } from '~/lib/charts/views';
import { builderChart, canonicalChartQuery, profileChartViews } from '~/services/chart-views.server';
import { logGrantRead, parseResourceQuery, readRows, readableResourceOr404 } from '~/services/datastore-access.server';
import { getLocale } from '~/services/locale.server';
import { getUser, requireUser } from '~/services/session.server';
import { pinChart } from '~/actions/charts.server';
import { canManageDepartment } from '~/lib/access';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { isMappable, mapGeography } from '~/services/map-layers.server';

const PAGE_SIZE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const resource = await readableResourceOr404(params, viewer, { viaGrant: true });
  const url = new URL(request.url);
  // The "add a filter" form sends column, operator and value separately; fold them into the
  // canonical eq.列名=值 form so every link and download sees the same URL.
  const newColumn = url.searchParams.get('column');
  if (newColumn !== null) {
    const search = new URLSearchParams(url.searchParams);
    const op = search.get('op') ?? 'eq';
    const value = search.get('value') ?? '';
    for (const key of ['column', 'op', 'value', 'offset']) search.delete(key);
    if (newColumn && value.trim() && (FILTER_OPS as readonly string[]).includes(op)) search.append(`${op}.${newColumn}`, value.trim());
    throw redirect(`${url.pathname}?${search}`);
  }
  const parsed = parseResourceQuery(resource, url.searchParams, { defaultLimit: PAGE_SIZE, maxLimit: PAGE_SIZE });
  const query = 'query' in parsed ? parsed.query : { filters: [], sort: [], q: '', limit: PAGE_SIZE, offset: 0 };
  const locale = await getLocale(request);
  const [{ rows, total }, chart] = await Promise.all([readRows(resource, query), 'problem' in parsed ? null : builderChart(resource, url.searchParams, query, locale)]);
  await logGrantRead(resource, 'preview', rows.length, url.searchParams);
  return {
    resource: {
      id: resource.id,
      name: resource.name,
      description: resource.description,
      summary: resource.summary,
      rowCount: resource.rowCount,
      importedAt: resource.importedAt,
      columns: resource.columns,
    },
    dataset: { slug: resource.dataset.slug, title: resource.dataset.title },
    query,
    problem: 'problem' in parsed ? parsed.problem : null,
    rows: rows.map((row) => resource.columns.map((c) => row[c.name] ?? null)),
    total,
    profileCharts: profileChartViews(resource, locale),
    summary: resource.summary ? [] : summarise(resource.columns, resource.rowCount),
    canPin: canManageDepartment(viewer, resource.dataset.departmentId),
    chart: chart?.ok ? chart.view : null,
    chartProblem: chart && !chart.ok ? chart.problem : null,
    mappable: isMappable(await mapGeography(resource)),
  };
}

/** Pins the chart on screen to the dataset page (its department only). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const resource = await readableResourceOr404(params, user);
  if (!canManageDepartment(user, resource.dataset.departmentId)) throw new Response('Forbidden', { status: 403 });
  const form = await request.formData();
  if (readIntent(form).name !== 'pin') throw new Response('Bad Request', { status: 400 });
  const chart = canonicalChartQuery(resource, new URLSearchParams(String(form.get('query') ?? '')));
  if (!chart.ok) return { pinError: 'chart.pin.invalid' as const };
  const pinned = await pinChart(webActor(user, context), { resourceId: resource.id, dataset: resource.dataset }, chart.query);
  if (!pinned.ok && (pinned.problem.code === 'full' || pinned.problem.code === 'duplicate')) return { pinError: pinned.problem.code === 'full' ? ('chart.pin.full' as const) : ('chart.pin.duplicate' as const) };
  valueOrThrow(pinned);
  return redirect(`/datasets/${resource.dataset.slug}#at-a-glance`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  data ? pageMeta(matches, { literal: `${data.resource.name} · ${data.dataset.title}` }) : errorPageMeta(matches, error);

function cellText(value: CellValue, type: string, yes: string, no: string): string {
  if (value === null) return '';
  if (type === 'boolean') return value ? yes : no;
  return String(value);
}

export default function ResourcePreviewPage() {
  const { resource, dataset, query, problem, rows, total, profileCharts, chart, chartProblem, summary, canPin, mappable } = useLoaderData<typeof loader>();
  const pinError = useActionData<typeof action>()?.pinError;
  const t = useT();
  const format = useFormatters();
  const location = useLocation();
  const base = `/datasets/${dataset.slug}/resources/${resource.id}`;
  const columns = resource.columns;
  const filtered = query.filters.length > 0 || query.q !== '';

  const withParams = (change: (params: URLSearchParams) => void) => {
    const params = new URLSearchParams(location.search);
    change(params);
    const text = params.toString();
    return text ? `?${text}` : '?';
  };
  const sortLink = (column: string) =>
    withParams((params) => {
      const current = query.sort[0];
      params.delete('sort');
      params.delete('offset');
      params.set('sort', current?.column === column && !current.descending ? `-${column}` : column);
    });
  const removeFilter = (filter: RowFilter) =>
    withParams((params) => {
      params.delete(`${filter.op}.${filter.column}`);
      params.delete('offset');
    });
  const pageLink = (offset: number) => withParams((params) => (offset > 0 ? params.set('offset', String(offset)) : params.delete('offset')));
  const selection = rowQueryToParams(query).toString();
  const downloadHref = (kind: 'csv' | 'json' | 'xlsx', onlySelection: boolean) => `${base}/download/${kind}${onlySelection && selection ? `?${selection}` : ''}`;
  const apiHref = `/api/v1/datasets/${dataset.slug}/resources/${resource.id}/rows${selection ? `?${selection}` : ''}`;
  const label = (name: string) => columns.find((c) => c.name === name)?.label || name;
  const opLabel = (op: FilterOp) => t(`preview.op.${op}`);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 sm:text-3xl">{resource.name}</h1>
      {resource.description ? <p className="mt-2 max-w-3xl text-slate-700">{resource.description}</p> : null}
      <p className="mt-2 text-sm text-slate-600">
        {t('datasets.rows', { count: format.number(resource.rowCount) })} · {t('preview.columns', { count: columns.length })}
        {resource.importedAt ? ` · ${t('datasets.updatedAt', { date: format.date(resource.importedAt) })}` : ''}
      </p>
      <ResourceSummary written={resource.summary} parts={summary} />

      <section aria-labelledby="filters" className="mt-6 rounded-lg border border-slate-200 bg-slate-50 p-4">
        <h2 id="filters" className="sr-only">
          {t('preview.filters')}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          {[...new URLSearchParams(location.search)]
            .filter(([key]) => !['q', 'offset', 'column', 'op', 'value'].includes(key))
            .map(([key, value], i) => (
              <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
            ))}
          <div className="min-w-[12rem] flex-1">
            <label htmlFor="q" className="block text-sm font-medium text-slate-800">
              {t('preview.search')}
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('preview.apply')}
          </button>
        </Form>
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          {[...new URLSearchParams(location.search)]
            .filter(([key]) => !['offset', 'column', 'op', 'value'].includes(key))
            .map(([key, value], i) => (
              <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
            ))}
          <div>
            <label htmlFor="filter-column" className="block text-sm font-medium text-slate-800">
              {t('preview.filterColumn')}
            </label>
            <select id="filter-column" name="column" className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.label || c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-op" className="block text-sm font-medium text-slate-800">
              {t('preview.filterOp')}
            </label>
            <select id="filter-op" name="op" className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
              {FILTER_OPS.map((op) => (
                <option key={op} value={op}>
                  {opLabel(op)}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-[10rem] flex-1">
            <label htmlFor="filter-value" className="block text-sm font-medium text-slate-800">
              {t('preview.filterValue')}
            </label>
            <input id="filter-value" name="value" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            {t('preview.addFilter')}
          </button>
        </Form>
        {query.filters.length > 0 ? (
          <ul className="mt-4 flex flex-wrap gap-2" aria-label={t('preview.activeFilters')}>
            {query.filters.map((filter) => (
              <li key={`${filter.op}.${filter.column}`} className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm ring-1 ring-slate-300">
                <span>
                  {label(filter.column)} {opLabel(filter.op)} “{filter.values.join('、')}”
                </span>
                <Link to={removeFilter(filter)} aria-label={t('preview.removeFilter', { column: label(filter.column) })} className="text-slate-500 no-underline hover:text-rose-700">
                  ×
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {problem ? (
          <p role="alert" className="mt-3 text-sm text-rose-700">
            {problem.code === 'badValue'
              ? t('preview.problem.badValue', { column: label(problem.column), value: problem.value })
              : problem.code === 'unknownColumn'
                ? t('preview.problem.unknownColumn', { column: problem.column })
                : t('errors.invalid')}
          </p>
        ) : null}
      </section>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {total === 0
            ? t('preview.noRows')
            : t('preview.showing', { from: format.number(query.offset + 1), to: format.number(Math.min(query.offset + rows.length, total)), total: format.number(total) })}
        </p>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">{filtered ? t('preview.downloadSelection') : t('preview.download')}</span>
          {(['csv', 'xlsx', 'json'] as const).map((kind) => (
            <a key={kind} href={downloadHref(kind, true)} className="rounded border border-slate-300 px-2 py-1 font-medium uppercase no-underline hover:bg-slate-50">
              {kind}
            </a>
          ))}
          <a href={apiHref} className="rounded border border-slate-300 px-2 py-1 font-medium no-underline hover:bg-slate-50">
            API
          </a>
          {mappable ? (
            <Link to={`${base}/map${selection ? `?${selection}` : ''}`} className="rounded border border-brand-600 px-2 py-1 font-medium text-brand-700 no-underline hover:bg-slate-50">
              {t('map.open')}
            </Link>
          ) : null}
        </div>
      </div>

      <div className="mt-3 max-h-[70vh] overflow-auto rounded border border-slate-200" role="region" aria-label={t('datasets.previewOf', { name: resource.name })} tabIndex={0}>
        <table className="min-w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-100 text-slate-800">
            <tr>
              {columns.map((column) => {
                const sort = query.sort[0]?.column === column.name ? query.sort[0] : null;
                return (
                  <th key={column.name} scope="col" aria-sort={sort ? (sort.descending ? 'descending' : 'ascending') : undefined} className="whitespace-nowrap px-3 py-2 align-bottom font-medium">
                    <Link to={sortLink(column.name)} className="text-slate-900 no-underline hover:underline" title={t('preview.sortBy', { column: column.label || column.name })}>
                      {column.label || column.name}
                      <span aria-hidden="true" className="ml-1 text-slate-500">
                        {sort ? (sort.descending ? '▼' : '▲') : '↕'}
                      </span>
                    </Link>
                    {column.label ? <span className="block text-xs font-normal text-slate-500">{column.name}</span> : null}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} className="border-t border-slate-100 odd:bg-white even:bg-slate-50/50">
                {row.map((value, c) => {
                  const type = columns[c]?.type ?? 'text';
                  return (
                    <td key={c} className={`whitespace-nowrap px-3 py-1.5 text-slate-800 ${type === 'integer' || type === 'decimal' ? 'text-right tabular-nums' : ''}`}>
                      {cellText(value, type, t('common.yes'), t('common.no'))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label={t('preview.pages')} className="mt-4 flex items-center justify-between gap-3 text-sm">
        {query.offset > 0 ? (
          <Link to={pageLink(Math.max(0, query.offset - query.limit))} rel="prev">
            ← {t('preview.previous')}
          </Link>
        ) : (
          <span />
        )}
        {query.offset + rows.length < total ? (
          <Link to={pageLink(query.offset + query.limit)} rel="next">
            {t('preview.next')} →
          </Link>
        ) : null}
      </nav>

      <ChartBuilder base={base} columns={columns} chart={chart} problem={chartProblem} pin={canPin ? { error: pinError ?? null } : null} />

      <section aria-labelledby="profile" className="mt-10">
        <h2 id="profile" className="text-xl font-semibold text-slate-900">
          {t('preview.profile')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('preview.profileIntro')}</p>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {columns.map((column) => (
            <li key={column.name} className="rounded-lg border border-slate-200 p-4 text-sm">
              <h3 className="font-semibold text-slate-900">{column.label || column.name}</h3>
              {column.label ? <p className="text-xs text-slate-500">{column.name}</p> : null}
              {column.description ? <p className="mt-1 text-slate-700">{column.description}</p> : null}
              <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1">
                <dt className="text-slate-600">{t('datasets.columnType')}</dt>
                <dd>{t(`columnType.${column.type}`)}</dd>
                {column.profile ? (
                  <>
                    <dt className="text-slate-600">{t('preview.empty')}</dt>
                    <dd className="tabular-nums">{format.number(column.profile.empty)}</dd>
                    <dt className="text-slate-600">{t('preview.distinct')}</dt>
                    <dd className="tabular-nums">
                      {column.profile.distinctApproximate ? '≈ ' : ''}
                      {format.number(column.profile.distinct)}
                    </dd>
                    <dt className="text-slate-600">{t('preview.min')}</dt>
                    <dd className="break-all">{cellText(column.profile.min, column.type, t('common.yes'), t('common.no'))}</dd>
                    <dt className="text-slate-600">{t('preview.max')}</dt>
                    <dd className="break-all">{cellText(column.profile.max, column.type, t('common.yes'), t('common.no'))}</dd>
                  </>
                ) : null}
              </dl>
              {profileCharts[column.name] ? <ProfileChartFigure view={profileCharts[column.name] as ProfileChartView} /> : null}
              {column.profile && column.profile.top.length > 0 && !profileCharts[column.name] ? (
                <div className="mt-2">
                  <p className="text-slate-600">{t('preview.top')}</p>
                  <ol className="mt-1 space-y-0.5">
                    {column.profile.top.map((entry) => (
                      <li key={String(entry.value)} className="flex justify-between gap-2">
                        <span className="truncate">{cellText(entry.value, column.type, t('common.yes'), t('common.no'))}</span>
                        <span className="tabular-nums text-slate-600">{format.number(entry.count)}</span>
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
