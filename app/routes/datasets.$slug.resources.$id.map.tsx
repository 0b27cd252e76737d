/** A resource on a map: its points, or its districts coloured by a measure (see resource-map.server). */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { MapFigure, MapLegend, MapPointList, MapPopupPanel } from '~/components/map-view';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { readableResourceOr404 } from '~/services/datastore-access.server';
import { getLocale } from '~/services/locale.server';
import { resourceMapPage } from '~/services/resource-map.server';
import { getUser } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const resource = await readableResourceOr404(params, await getUser(request));
  const url = new URL(request.url);
  const page = await resourceMapPage(resource, url.searchParams, await getLocale(request));
  return { resource: { id: resource.id, name: resource.name }, dataset: { slug: resource.dataset.slug, title: resource.dataset.title }, page };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  data ? pageMeta(matches, { literal: `${data.resource.name} · ${data.dataset.title}` }) : errorPageMeta(matches, error);

export default function ResourceMapPage() {
  const { resource, dataset, page } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const base = `/datasets/${dataset.slug}/resources/${resource.id}`;
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={base}>← {resource.name}</Link> · <Link to={`/datasets/${dataset.slug}`}>{dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 sm:text-3xl">{t('map.pageTitle', { name: resource.name })}</h1>

      {page.problem ? (
        <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {page.problem.code === 'noGeography' || page.problem.code === 'noBoundaries' ? t(`map.problem.${page.problem.code}`) : t(`map.problem.${page.problem.code}`, { column: page.problem.column })}
        </p>
      ) : null}

      {page.view ? (
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
          {page.choices.canPoints && page.choices.canRegions ? (
            <label className="flex flex-col gap-1">
              <span className="font-medium text-slate-700">{t('map.form.view')}</span>
              <select name="view" defaultValue={page.view} className="rounded border border-slate-300 px-2 py-1">
                <option value="points">{t('map.view.points')}</option>
                <option value="regions">{t('map.view.regions')}</option>
              </select>
            </label>
          ) : (
            <input type="hidden" name="view" value={page.view} />
          )}
          {page.view === 'regions' ? (
            <>
              <label className="flex flex-col gap-1">
                <span className="font-medium text-slate-700">{t('map.form.measure')}</span>
                <select name="agg" defaultValue={page.measure.agg} className="rounded border border-slate-300 px-2 py-1">
                  {(['count', 'sum', 'mean', 'min', 'max'] as const).map((agg) => (
                    <option key={agg} value={agg}>
                      {agg === 'count' ? t('map.measure.rows') : t(`chart.agg.${agg}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1">
                <span className="font-medium text-slate-700">{t('map.form.column')}</span>
                <select name="y" defaultValue={page.measure.y ?? ''} className="rounded border border-slate-300 px-2 py-1">
                  <option value="">{t('map.form.noColumn')}</option>
                  {page.choices.numericColumns.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
              {page.choices.boundaries.length > 1 ? (
                <label className="flex flex-col gap-1">
                  <span className="font-medium text-slate-700">{t('map.form.boundary')}</span>
                  <select name="boundary" defaultValue={page.measure.boundary ?? ''} className="rounded border border-slate-300 px-2 py-1">
                    {page.choices.boundaries.map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </>
          ) : null}
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
            {t('map.form.show')}
          </button>
        </Form>
      ) : null}

      {page.map ? <MapFigure map={page.map} controls={page.controls} /> : null}
      {page.popup ? <MapPopupPanel popup={page.popup} /> : null}
      {page.notes.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm text-slate-700">
          {page.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <MapLegend items={page.legend} />
      {page.map && page.view === 'points' ? <MapPointList map={page.map} /> : null}
      {page.regionTable.length > 0 ? (
        <table className="mt-4 min-w-[16rem] text-sm">
          <caption className="text-left font-semibold text-slate-900">{t('map.regions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                {t('map.regions.name')}
              </th>
              <th scope="col" className="text-right">
                {page.legend[0]?.label}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.regionTable.map((r) => (
              <tr key={r.name}>
                <td className="pr-6">{r.name}</td>
                <td className="text-right tabular-nums">{r.value === null ? t('map.regions.noData') : format.number(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
