import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ErrorList, Field } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { UploadForm } from '~/components/upload-form';
import { updateLinkResource, updateResourceDetails, updateResourceDictionary } from '~/actions/resources.server';
import { isWebAddress } from '~/lib/validation/dataset';
import { getManagedDataset } from '~/models/datasets.server';
import { getResource } from '~/models/resources.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';
import { maxUploadBytes } from '~/services/uploads.server';
import { useSummaryText } from '~/components/resource-summary';
import { summarise } from '~/lib/resource-summary';
import { detectCoordinates } from '~/lib/geo/coordinates';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '~/lib/vocabulary';

const LABEL_MAX = 100;
const DESCRIPTION_MAX = 500;
const SUMMARY_MAX = 1000;

async function loadManaged(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  const resource = dataset ? await getResource(requireIdParam(params.id)) : undefined;
  if (!dataset || !resource || resource.datasetId !== dataset.id) throw new Response('Not Found', { status: 404 });
  return { user, dataset, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dataset, resource } = await loadManaged(request, params);
  return {
    saved: new URL(request.url).searchParams.get('saved'),
    dataset: { slug: dataset.slug, title: dataset.title },
    resource: { id: resource.id, name: resource.name, description: resource.description, summary: resource.summary, coordinateSystem: resource.coordinateSystem, columns: resource.columns, ready: resource.importStatus === 'ready', linkUrl: resource.linkUrl, linkFormat: resource.linkFormat },
    hasCoordinates: detectCoordinates(resource.columns).ok,
    generatedSummary: resource.importStatus === 'ready' && resource.tableName ? summarise(resource.columns, resource.rowCount ?? 0) : null,
    maxMb: Math.round(maxUploadBytes() / 1024 / 1024),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, dataset, resource } = await loadManaged(request, params);
  const form = await request.formData();
  const intent = readIntent(form);
  if (intent.name === 'details') {
    const name = String(form.get('name') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    const summary = String(form.get('summary') ?? '').trim();
    const rawSystem = String(form.get('coordinateSystem') ?? resource.coordinateSystem);
    const errors: Record<string, string[]> = {};
    if (!(COORDINATE_SYSTEMS as readonly string[]).includes(rawSystem)) errors.coordinateSystem = ['errors.resource.coordinateSystem'];
    const coordinateSystem = (COORDINATE_SYSTEMS as readonly string[]).includes(rawSystem) ? (rawSystem as CoordinateSystem) : resource.coordinateSystem;
    if (!name) errors.name = ['errors.resource.nameRequired'];
    else if ([...name].length > 200) errors.name = ['errors.resource.nameTooLong'];
    if ([...description].length > 2000) errors.description = ['errors.resource.descriptionTooLong'];
    if ([...summary].length > SUMMARY_MAX) errors.summary = ['errors.resource.summaryTooLong'];
    if (Object.keys(errors).length > 0) return { details: { errors, values: { name, description, summary, coordinateSystem } } };
    valueOrThrow(await updateResourceDetails(webActor(user, context), resource.id, { name, description, summary, coordinateSystem }));
    return redirect(`/manage/datasets/${dataset.slug}/resources/${resource.id}?saved=details`);
  }
  if (intent.name === 'link' && resource.linkUrl !== null) {
    const url = String(form.get('url') ?? '').trim();
    const linkFormat = String(form.get('linkFormat') ?? '').trim();
    const errors: Record<string, string[]> = {};
    if (!isWebAddress(url)) errors.url = ['errors.resource.urlInvalid'];
    if ([...linkFormat].length > 20) errors.linkFormat = ['errors.resource.formatTooLong'];
    if (Object.keys(errors).length > 0) return { link: { errors, values: { url, linkFormat } } };
    valueOrThrow(await updateLinkResource(webActor(user, context), resource.id, { url, format: linkFormat }));
    return redirect(`/manage/datasets/${dataset.slug}/resources/${resource.id}?saved=link`);
  }
  if (intent.name === 'dictionary') {
    const entries = resource.columns.map((column, i) => ({
      name: column.name,
      label: String(form.get(`label.${i}`) ?? '').slice(0, LABEL_MAX),
      description: String(form.get(`description.${i}`) ?? '').slice(0, DESCRIPTION_MAX),
    }));
    valueOrThrow(await updateResourceDictionary(webActor(user, context), resource.id, entries));
    return redirect(`/manage/datasets/${dataset.slug}/resources/${resource.id}?saved=dictionary`);
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.resource.name }) : pageMeta(matches, 'manage.title'));

export default function ManageResourcePage() {
  const { dataset, resource, maxMb, saved, generatedSummary, hasCoordinates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const details = actionData && 'details' in actionData ? actionData.details : undefined;
  const link = actionData && 'link' in actionData ? actionData.link : undefined;
  const generatedText = useSummaryText(generatedSummary ?? []);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{resource.name}</h1>
      {saved ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {t('manage.saved')}
        </p>
      ) : null}

      <section className="mt-8 max-w-3xl" aria-labelledby="details">
        <h2 id="details" className="text-xl font-semibold text-slate-900">
          {t('manage.resourceDetails')}
        </h2>
        <Form method="post" className="mt-4 space-y-4">
          <div>
            <label htmlFor="name" className="block text-sm font-medium text-slate-800">
              {t('manage.field.resourceName')}
            </label>
            <input
              id="name"
              name="name"
              defaultValue={details?.values.name ?? resource.name}
              aria-invalid={details?.errors.name ? true : undefined}
              aria-describedby={details?.errors.name ? 'name-error' : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <ErrorList id="name-error" errors={details?.errors.name} />
          </div>
          <div>
            <label htmlFor="description" className="block text-sm font-medium text-slate-800">
              {t('manage.field.resourceDescription')}
            </label>
            <textarea
              id="description"
              name="description"
              rows={3}
              defaultValue={details?.values.description ?? resource.description}
              aria-invalid={details?.errors.description ? true : undefined}
              aria-describedby={details?.errors.description ? 'description-error' : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <ErrorList id="description-error" errors={details?.errors.description} />
          </div>
          <div>
            <label htmlFor="summary" className="block text-sm font-medium text-slate-800">
              {t('summary.field')}
            </label>
            <textarea
              id="summary"
              name="summary"
              rows={3}
              defaultValue={details?.values.summary ?? resource.summary}
              aria-invalid={details?.errors.summary ? true : undefined}
              aria-describedby={`summary-hint${details?.errors.summary ? ' summary-error' : ''}`}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <div id="summary-hint" className="mt-1 text-sm text-slate-600">
              <p>{t('summary.hint')}</p>
              {generatedSummary ? <p className="mt-1">{t('summary.generatedIs', { summary: generatedText })}</p> : null}
            </div>
            <ErrorList id="summary-error" errors={details?.errors.summary} />
          </div>
          {hasCoordinates ? (
            <div>
              <label htmlFor="coordinateSystem" className="block text-sm font-medium text-slate-800">
                {t('map.coordinateSystem.field')}
              </label>
              <select
                id="coordinateSystem"
                name="coordinateSystem"
                defaultValue={details?.values.coordinateSystem ?? resource.coordinateSystem}
                aria-describedby={`coordinateSystem-hint${details?.errors.coordinateSystem ? ' coordinateSystem-error' : ''}`}
                className="mt-1 rounded border border-slate-300 px-2 py-1"
              >
                <option value="wgs84">{t('map.coordinateSystem.wgs84')}</option>
                <option value="gcj02">{t('map.coordinateSystem.gcj02')}</option>
              </select>
              <p id="coordinateSystem-hint" className="mt-1 text-sm text-slate-600">
                {t('map.coordinateSystem.hint')}
              </p>
              <ErrorList id="coordinateSystem-error" errors={details?.errors.coordinateSystem} />
            </div>
          ) : null}
          <ActionButton intent="details" tone="primary" disabled={navigation.state === 'submitting'}>
            {t('manage.save')}
          </ActionButton>
        </Form>
      </section>

      {resource.columns.length > 0 ? (
        <section className="mt-10" aria-labelledby="dictionary">
          <h2 id="dictionary" className="text-xl font-semibold text-slate-900">
            {t('datasets.dictionary')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('manage.dictionaryIntro')}</p>
          <Form method="post" className="mt-4">
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">{t('datasets.column')}</th>
                    <th scope="col" className="py-2 pr-4 font-medium">{t('datasets.columnType')}</th>
                    <th scope="col" className="py-2 pr-4 font-medium">{t('manage.field.columnLabel')}</th>
                    <th scope="col" className="py-2 font-medium">{t('datasets.columnDescription')}</th>
                  </tr>
                </thead>
                <tbody>
                  {resource.columns.map((column, i) => (
                    <tr key={column.name} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-4 font-medium text-slate-900">
                        {column.name}
                      </th>
                      <td className="py-2 pr-4 text-slate-700">{t(`columnType.${column.type}`)}</td>
                      <td className="py-2 pr-4">
                        <input
                          name={`label.${i}`}
                          aria-label={t('manage.labelFor', { column: column.name })}
                          defaultValue={column.label ?? ''}
                          maxLength={LABEL_MAX}
                          className="w-full min-w-[8rem] rounded-md border border-slate-300 px-2 py-1"
                        />
                      </td>
                      <td className="py-2">
                        <textarea
                          name={`description.${i}`}
                          aria-label={t('manage.descriptionFor', { column: column.name })}
                          defaultValue={column.description ?? ''}
                          maxLength={DESCRIPTION_MAX}
                          rows={1}
                          className="w-full min-w-[12rem] rounded-md border border-slate-300 px-2 py-1"
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-4">
              <ActionButton intent="dictionary" tone="primary" disabled={navigation.state === 'submitting'}>
                {t('manage.saveDictionary')}
              </ActionButton>
            </div>
          </Form>
        </section>
      ) : null}

      {resource.linkUrl !== null ? (
        <section className="mt-10 max-w-3xl rounded-lg border border-slate-200 p-5" aria-labelledby="link">
          <h2 id="link" className="text-lg font-semibold text-slate-900">
            {t('datasets.link')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('manage.addLinkIntro')}</p>
          <Form method="post" className="mt-4 space-y-4">
            <Field
              label={t('manage.link.url')}
              errorId="url-error"
              errors={link?.errors.url}
              inputProps={{ id: 'url', name: 'url', type: 'url', defaultValue: link?.values.url ?? resource.linkUrl ?? '' }}
            />
            <Field
              label={t('manage.link.format')}
              hint={t('manage.link.formatHint')}
              errorId="linkFormat-error"
              errors={link?.errors.linkFormat}
              inputProps={{ id: 'linkFormat', name: 'linkFormat', defaultValue: link?.values.linkFormat ?? resource.linkFormat }}
            />
            <ActionButton intent="link" tone="primary" disabled={navigation.state === 'submitting'}>
              {t('manage.link.save')}
            </ActionButton>
          </Form>
        </section>
      ) : (
        <section className="mt-10 max-w-3xl rounded-lg border border-slate-200 p-5" aria-labelledby="replace">
          <h2 id="replace" className="text-lg font-semibold text-slate-900">
            {t('manage.replaceFile')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('manage.replaceFileIntro')}</p>
          <div className="mt-4">
            <UploadForm action={`/manage/datasets/${dataset.slug}/upload`} resourceId={resource.id} withDetails={false} maxMb={maxMb} />
          </div>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
