import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { DatasetStatusBadge } from '~/components/badges';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm } from '~/components/forms';
import { LinkResourceForm } from '~/components/link-resource-form';
import { useFormatters, useLocale, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { ManageHeader } from '~/components/page';
import { UploadForm, useImportErrorText } from '~/components/upload-form';
import { formatBytes } from '~/lib/format';
import { publishDataset, unpublishDataset, type PublishProblem } from '~/actions/datasets.server';
import { addLinkResource, deleteResource } from '~/actions/resources.server';
import { parseWithZod } from '@conform-to/zod';
import { linkResourceSchema } from '~/lib/validation/dataset';
import { getManagedDataset } from '~/models/datasets.server';
import { blockingColumns } from '~/models/privacy.server';
import { getImportJobForViewer, latestImportsForDataset, listResources } from '~/models/resources.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';
import { maxUploadBytes } from '~/services/uploads.server';
import { refusalResponse, valueOrThrow, webActor } from '~/services/actors.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  const latest = await latestImportsForDataset(dataset.id);
  const blocking = await blockingColumns(dataset.id);
  const blockedBy = new Map(blocking.map((b) => [b.resourceId, b.columns]));
  const resources = (await listResources(dataset.id)).map((r) => {
    const job = latest.get(r.id);
    return {
      id: r.id,
      name: r.name,
      format: r.format,
      byteSize: r.byteSize,
      rowCount: r.rowCount,
      ready: r.importStatus === 'ready' && Boolean(r.tableName),
      originalFilename: r.originalFilename,
      linkUrl: r.linkUrl,
      linkFormat: r.linkFormat,
      importedAt: r.importedAt,
      blockedColumns: blockedBy.get(r.id) ?? [],
      hasUpload: r.rawTableName !== null,
      job: job && job.status !== 'succeeded' ? { id: job.id, status: job.status, progress: job.progress, errorCode: job.errorCode, errorParams: job.errorParams, filename: job.originalFilename } : null,
    };
  });
  // A plain (no-JavaScript) upload comes back here with its job or its problem in the URL.
  const importParam = url.searchParams.get('import');
  const followed = importParam && /^\d+$/.test(importParam) ? (await getImportJobForViewer(Number(importParam), user) ?? null) : null;
  const uploadError = url.searchParams.get('uploadError');
  const errorParams = Object.fromEntries([...url.searchParams].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]));
  return {
    dataset: {
      id: dataset.id,
      slug: dataset.slug,
      title: dataset.title,
      status: dataset.status,
      accessLevel: dataset.accessLevel,
      sharing: dataset.sharing,
      departmentName: dataset.departmentName,
      publishedAt: dataset.publishedAt,
      updatedAt: dataset.updatedAt,
    },
    resources,
    blocking,
    followed,
    uploadError: uploadError ? { code: uploadError, params: errorParams } : null,
    linkAdded: url.searchParams.get('link') === 'added',
    maxMb: Math.round(maxUploadBytes() / 1024 / 1024),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const formData = await request.formData();
  const intent = readIntent(formData);
  const actor = webActor(user, context);

  switch (intent.name) {
    case 'publish': {
      requireRecentTwoFactor(user, request);
      const result = await publishDataset(actor, dataset.id);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        return { publishProblem: result.problem.code as PublishProblem };
      }
      return redirect(`/manage/datasets/${dataset.slug}`);
    }
    case 'draft':
    case 'retire': {
      valueOrThrow(await unpublishDataset(actor, dataset.id, intent.name === 'draft' ? 'draft' : 'retired'));
      return redirect(`/manage/datasets/${dataset.slug}`);
    }
    case 'delete-resource': {
      if (intent.id === null) throw new Response('Bad Request', { status: 400 });
      valueOrThrow(await deleteResource(actor, dataset.id, intent.id));
      return redirect(`/manage/datasets/${dataset.slug}`);
    }
    case 'add-link': {
      const submission = parseWithZod(formData, { schema: linkResourceSchema });
      if (submission.status !== 'success') return { linkResult: submission.reply() };
      const { name, url, linkFormat, description } = submission.value;
      valueOrThrow(await addLinkResource(actor, dataset.id, { name, url, format: linkFormat, description }));
      return redirect(`/manage/datasets/${dataset.slug}?link=added#resources`);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const tags = data ? pageMeta(matches, { literal: data.dataset.title }) : pageMeta(matches, 'manage.title');
  // Without JavaScript, keep reloading while a followed import is still running.
  const running = data?.followed && (data.followed.status === 'queued' || data.followed.status === 'running');
  return running ? [...tags, { httpEquiv: 'refresh', content: '2' }] : tags;
};

export default function ManageDatasetPage() {
  const { dataset, resources, blocking, followed, uploadError, linkAdded, maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const format = useFormatters();
  const errorText = useImportErrorText();
  const isPublic = dataset.status === 'published';

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <ManageHeader
        title={dataset.title}
        badge={<DatasetStatusBadge status={dataset.status} />}
        facts={`${dataset.departmentName} · ${t('datasets.updatedAt', { date: format.date(dataset.updatedAt) })} · ${t(`access.level.${dataset.accessLevel}`)} · ${t(`access.sharing.${dataset.sharing}`)}`}
        links={[
          { to: 'edit', label: t('manage.editDetails') },
          { to: 'access', label: t('access.form.link') },
          { to: 'grants', label: t('grants.link') },
          { to: `/datasets/${dataset.slug}`, label: isPublic ? t('manage.viewPublic') : t('manage.preview') },
        ]}
      />

      <section className="mt-8 rounded-lg border border-slate-200 bg-slate-50 p-5" aria-labelledby="publication">
        <h2 id="publication" className="text-lg font-semibold text-slate-900">
          {t('manage.publication')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t(`manage.publication.${dataset.status}`)}</p>
        {actionData?.publishProblem ? (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {t(`manage.publishProblem.${actionData.publishProblem}`)}
          </p>
        ) : null}
        {blocking.length > 0 ? (
          <div className="mt-3 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
            <p className="font-medium">{t('privacy.blockingTitle')}</p>
            <ul className="mt-1 list-disc pl-5">
              {blocking.map((b) => (
                <li key={b.resourceId}>
                  {t('privacy.blockingResource', { resource: b.resourceName, columns: b.columns.join('、') })}{' '}
                  <Link to={`resources/${b.resourceId}/privacy`}>{t('privacy.resolve')}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="mt-4 flex flex-wrap gap-3">
          {isPublic ? (
            <>
              <ActionButton intent="draft">{t('manage.unpublish')}</ActionButton>
              <ActionButton intent="retire" tone="danger">
                {t('manage.retire')}
              </ActionButton>
            </>
          ) : (
            <ActionButton intent="publish" tone="primary">
              {dataset.status === 'retired' ? t('manage.republish') : t('manage.publish')}
            </ActionButton>
          )}
        </Form>
      </section>

      <section className="mt-10" aria-labelledby="resources">
        <h2 id="resources" className="text-xl font-semibold text-slate-900">
          {t('datasets.resources')}
        </h2>
        {followed ? (
          <p role="status" className="mt-3 text-sm text-slate-700">
            {followed.status === 'failed'
              ? errorText(followed.errorCode, followed.errorParams)
              : followed.status === 'succeeded'
                ? t('manage.upload.done', { rows: format.number(followed.rowsDone) })
                : t('manage.upload.importing', { percent: Math.round(followed.progress * 100), rows: format.number(followed.rowsDone) })}
          </p>
        ) : null}
        {resources.length === 0 ? <p className="mt-3 text-slate-700">{t('datasets.noResources')}</p> : null}
        <ul className="mt-4 space-y-3">
          {resources.map((resource) => (
            <li key={resource.id} className="rounded-lg border border-slate-200 p-4">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <p className="font-medium text-slate-900">{resource.name}</p>
                  <p className="text-sm text-slate-600">
                    <span className="mr-2 rounded bg-brand-50 px-1.5 text-xs font-semibold uppercase text-brand-800">{resource.linkUrl !== null ? resource.linkFormat || t('datasets.link') : resource.format}</span>
                    {resource.linkUrl !== null ? <span className="break-all">{resource.linkUrl}</span> : `${resource.originalFilename} · ${formatBytes(resource.byteSize, locale)}`}
                    {resource.rowCount !== null ? ` · ${t('datasets.rows', { count: format.number(resource.rowCount) })}` : ''}
                  </p>
                  {resource.blockedColumns.length > 0 ? (
                    <p className="mt-1 text-sm text-rose-800">{t('privacy.resourceBlocked', { columns: resource.blockedColumns.join('、') })}</p>
                  ) : null}
                  {resource.job?.status === 'failed' ? (
                    <p className="mt-1 text-sm text-rose-700">
                      {t('manage.importFailed', { file: resource.job.filename })} {errorText(resource.job.errorCode, resource.job.errorParams)}
                      {resource.ready ? ` ${t('manage.previousVersionServes')}` : ''}
                    </p>
                  ) : resource.job ? (
                    <p className="mt-1 text-sm text-slate-700">{t('manage.importRunning', { percent: Math.round(resource.job.progress * 100) })}</p>
                  ) : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  {resource.hasUpload || resource.ready ? (
                    <Link
                      to={`resources/${resource.id}/privacy`}
                      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50"
                    >
                      {t('privacy.link')}
                    </Link>
                  ) : null}
                  <Link
                    to={`resources/${resource.id}`}
                    className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50"
                  >
                    {t('manage.editResource')}
                  </Link>
                  <ConfirmForm message={t('manage.confirmDeleteResource', { name: resource.name })}>
                    <ActionButton intent="delete-resource" value={String(resource.id)} tone="danger">
                      {t('manage.deleteResource')}
                    </ActionButton>
                  </ConfirmForm>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="mt-10 rounded-lg border border-slate-200 p-5" aria-labelledby="add-resource">
        <h2 id="add-resource" className="text-lg font-semibold text-slate-900">
          {t('manage.addResource')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('manage.addResourceIntro')}</p>
        {uploadError ? (
          <p role="alert" className="mt-3 text-sm text-rose-700">
            {uploadError.code === 'fileRequired' ? t('errors.resource.fileRequired') : errorText(uploadError.code, uploadError.params)}
          </p>
        ) : null}
        <div className="mt-4">
          <UploadForm action={`/manage/datasets/${dataset.slug}/upload`} withDetails maxMb={maxMb} />
        </div>
      </section>

      <section className="mt-6 rounded-lg border border-slate-200 p-5" aria-labelledby="add-link">
        <h2 id="add-link" className="text-lg font-semibold text-slate-900">
          {t('manage.addLink')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('manage.addLinkIntro')}</p>
        {linkAdded ? (
          <p role="status" className="mt-3 text-sm text-emerald-800">
            {t('manage.link.added')}
          </p>
        ) : null}
        <div className="mt-4">
          <LinkResourceForm lastResult={actionData && 'linkResult' in actionData ? (actionData.linkResult ?? null) : null} />
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
