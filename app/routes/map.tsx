/** 一张图: several departments' published data on one map, shared by URL (see one-map.server). */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ErrorList } from '~/components/forms';
import { useT } from '~/components/i18n';
import { MapFigure, MapPointList, MapPopupPanel } from '~/components/map-view';
import { pageMeta } from '~/components/meta';
import { canRemoveFeaturedMap, featureMap, unfeatureMap } from '~/actions/maps.server';
import { FEATURED_SHOWN, latestFeaturedMaps } from '~/models/featured-maps.server';
import { managedDepartmentScope } from '~/lib/access';
import { formatLayer, parseLayers } from '~/lib/geo/layers';
import { formatBbox, parseBbox } from '~/lib/geo/viewport';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { getLocale } from '~/services/locale.server';
import { oneMapPage } from '~/services/one-map.server';
import { getUser, requireUser } from '~/services/session.server';

const TITLE_MAX = 60;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The "add a layer" form sends the new layer as `add`; fold it into the layer list.
  const added = url.searchParams.get('add');
  if (added !== null) {
    const search = new URLSearchParams(url.searchParams);
    search.delete('add');
    if (added) search.append('layer', added);
    throw redirect(`${url.pathname}?${search}`);
  }
  const viewer = await getUser(request);
  const page = await oneMapPage(url.searchParams, viewer, await getLocale(request));
  const canFeature = managedDepartmentScope(viewer) !== null;
  const featured = canFeature ? (await latestFeaturedMaps(FEATURED_SHOWN)).map((m) => ({ id: m.id, title: m.title, query: m.query, canRemove: canRemoveFeaturedMap(viewer, m) })) : [];
  return { page, canFeature, featured };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, 'oneMap.pageTitle');

/** The layers and view of a query string in canonical form: what a featured map stores. */
function canonicalQuery(search: URLSearchParams): string {
  const params = new URLSearchParams();
  for (const layer of parseLayers(search).layers) params.append('layer', formatLayer(layer));
  const bbox = parseBbox(search.get('bbox'));
  if (bbox) params.set('bbox', formatBbox(bbox));
  return params.toString();
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (managedDepartmentScope(user) === null) throw new Response('Forbidden', { status: 403 });
  const form = await request.formData();
  const intent = readIntent(form);
  if (intent.name === 'unfeature' && intent.id !== null) {
    valueOrThrow(await unfeatureMap(webActor(user, context), intent.id));
    return { removed: true as const };
  }
  if (intent.name !== 'feature') throw new Response('Bad Request', { status: 400 });
  const title = String(form.get('title') ?? '').trim();
  const query = canonicalQuery(new URL(request.url).searchParams);
  const errors: string[] = [];
  if (!title || [...title].length > TITLE_MAX) errors.push('oneMap.feature.titleRequired');
  if (!query.includes('layer=')) errors.push('oneMap.feature.noLayers');
  if (errors.length > 0) return { errors, title };
  valueOrThrow(await featureMap(webActor(user, context), { title, query }));
  return { saved: true as const };
}

export default function OneMapPage() {
  const { page, canFeature, featured } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const location = useLocation();
  const current = [...new URLSearchParams(location.search)].filter(([key]) => key === 'layer' || key === 'bbox');
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('oneMap.pageTitle')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('oneMap.intro')}</p>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
        {current.map(([key, value], i) => (
          <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
        ))}
        <div className="flex min-w-[16rem] flex-1 flex-col gap-1">
          <label htmlFor="add-layer" className="font-medium text-slate-700">
            {t('oneMap.add.field')}
          </label>
          <select id="add-layer" name="add" className="rounded border border-slate-300 px-2 py-1" disabled={page.full}>
            {page.available.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={page.full} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800 disabled:opacity-50">
          {t('oneMap.add')}
        </button>
        {page.full ? <p className="w-full text-slate-700">{t('oneMap.add.full')}</p> : null}
      </Form>

      <MapFigure map={page.map} controls={page.controls} />
      {page.popup ? <MapPopupPanel popup={page.popup} /> : null}
      {page.notes.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm text-amber-900">
          {page.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="layers" className="mt-4">
        <h2 id="layers" className="text-base font-semibold text-slate-900">
          {t('oneMap.layers')}
        </h2>
        {page.layers.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('oneMap.layers.none')}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {page.layers.map((layer) => (
              <li key={layer.text} className="flex flex-wrap items-center gap-2">
                <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
                  {layer.legend.shape === 'point' ? (
                    <circle cx="8" cy="8" r="6" fill={layer.legend.colour} />
                  ) : layer.legend.shape === 'area' ? (
                    <rect x="1" y="1" width="14" height="14" fill={layer.legend.colour} />
                  ) : (
                    <rect x="1.5" y="1.5" width="13" height="13" fill="none" stroke={layer.legend.colour} strokeWidth="1.5" />
                  )}
                </svg>
                <span>
                  {layer.legend.label}
                  {layer.legend.detail ? <span className="text-slate-600"> · {layer.legend.detail}</span> : null}
                </span>
                <Link to={layer.removeHref} preventScrollReset aria-label={`${t('oneMap.remove')}：${layer.legend.label}`}>
                  {t('oneMap.remove')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MapPointList map={page.map} />

      {canFeature ? (
        <section aria-labelledby="feature" className="mt-8 rounded-lg border border-slate-200 p-4">
          <h2 id="feature" className="text-base font-semibold text-slate-900">
            {t('oneMap.feature.heading')}
          </h2>
          {result && 'saved' in result ? (
            <p role="status" className="mt-2 text-sm text-emerald-800">
              {t('oneMap.feature.saved')}
            </p>
          ) : null}
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="feature-title" className="block text-sm font-medium text-slate-800">
                {t('oneMap.feature.title')}
              </label>
              <input
                id="feature-title"
                name="title"
                maxLength={TITLE_MAX}
                defaultValue={result && 'errors' in result ? result.title : ''}
                aria-invalid={result && 'errors' in result ? true : undefined}
                aria-describedby={result && 'errors' in result ? 'feature-error' : undefined}
                className="mt-1 rounded border border-slate-300 px-2 py-1"
              />
              <ErrorList id="feature-error" errors={result && 'errors' in result ? result.errors : null} />
            </div>
            <ActionButton intent="feature" tone="primary">
              {t('oneMap.feature.save')}
            </ActionButton>
          </Form>
          {featured.length > 0 ? (
            <ul className="mt-4 space-y-2 text-sm">
              {featured.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-3">
                  <Link to={`/map?${m.query}`}>{m.title}</Link>
                  {m.canRemove ? (
                    <Form method="post">
                      <ActionButton intent="unfeature" value={String(m.id)} tone="danger">
                        {t('oneMap.feature.remove')}
                      </ActionButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
