import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { unpinChart } from '~/actions/charts.server';
import { PinnedCharts } from '~/components/pinned-charts';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { pinnedChartViews } from '~/services/chart-views.server';
import { readIntent } from '~/services/form-helpers.server';
import { getLocale } from '~/services/locale.server';
import { AccessLevelBadge, DatasetStatusBadge, PhaseBadge, Tag } from '~/components/badges';
import { ProfileChartFigure } from '~/components/chart-builder';
import { applicationKindsFor } from '~/lib/access';
import type { ProfileChartView } from '~/lib/charts/views';
import { activeGrants, pendingApplicationExists } from '~/models/access-grants.server';
import { profileChartViews } from '~/services/chart-views.server';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useLocale, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { formatBytes } from '~/lib/format';
import { markdownToPlainText } from '~/lib/text';
import { listChallengesUsingDataset } from '~/models/challenges.server';
import { getDatasetForViewer } from '~/models/datasets.server';
import { joinableDatasets } from '~/services/joinable.server';
import { renderMarkdown } from '~/services/markdown.server';
import { getUser, requireUser } from '~/services/session.server';
import { FollowButton } from '~/components/follow-button';
import { isFollowing } from '~/models/follows.server';

const PREVIEW_ROWS = 5;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const dataset = await getDatasetForViewer({ slug: params.slug ?? '', viewer, previewRows: PREVIEW_ROWS });
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const now = new Date();
  const locale = await getLocale(request);
  const rowsLocked = dataset.rows === 'none';
  return {
    dataset,
    // Who may read rows, who may apply, and what those without rows still see (profile charts).
    access: {
      applyKinds: applicationKindsFor(dataset, viewer),
      signedIn: viewer !== null,
      pending: viewer ? await pendingApplicationExists(dataset.id, viewer.id) : false,
      grantUntil: dataset.rows === 'grant' && viewer ? ((await activeGrants(dataset.id, viewer, now))[0]?.expiresAt ?? null) : null,
    },
    profileCharts: rowsLocked
      ? Object.fromEntries(dataset.resources.map((r) => [r.id, profileChartViews({ columns: r.columns, tableName: `resource-${r.id}-${r.importedAt?.getTime() ?? 0}` }, locale)]))
      : ({} as Record<number, Record<string, ProfileChartView>>),
    descriptionHtml: renderMarkdown(dataset.description),
    challenges: await listChallengesUsingDataset(dataset.id, now),
    joinable: dataset.status === 'published' && dataset.accessLevel === 'open' ? await joinableDatasets(dataset.id) : { shown: [], total: 0, counting: false },
    following: await isFollowing(viewer?.id, 'dataset', dataset.id),
    pinned: await pinnedChartViews(dataset.id, viewer, locale),
  };
}

/** Unpins a chart from the "at a glance" section (the dataset's department). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const dataset = await getDatasetForViewer({ slug: params.slug ?? '', viewer: user, previewRows: 0 });
  if (!dataset) throw new Response('Not Found', { status: 404 });
  if (!dataset.canManage) throw new Response('Forbidden', { status: 403 });
  const intent = readIntent(await request.formData());
  if (intent.name !== 'unpin' || intent.id === null) throw new Response('Bad Request', { status: 400 });
  valueOrThrow(await unpinChart(webActor(user, context), { id: dataset.id, slug: dataset.slug, departmentId: dataset.departmentId }, intent.id));
  return redirect(`/datasets/${dataset.slug}#at-a-glance`);
}

/** The dataset's DCAT description in each serialisation, for harvesters that follow alternates (only where the RDF is public). */
const RDF_ALTERNATES = [
  ['ttl', 'text/turtle'],
  ['rdf', 'application/rdf+xml'],
  ['jsonld', 'application/ld+json'],
] as const;

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => {
  if (!data) return errorPageMeta(matches, error);
  const { dataset } = data;
  const isPublic = dataset.status === 'published' && dataset.accessLevel !== 'closed';
  return [
    ...pageMeta(matches, { literal: dataset.title }, markdownToPlainText(dataset.description)),
    ...(isPublic ? RDF_ALTERNATES.map(([extension, type]) => ({ tagName: 'link', rel: 'alternate', type, href: `/datasets/${dataset.slug}.${extension}` })) : []),
  ];
};

function formatCell(value: string | number | null | undefined, type: string, yes: string, no: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'boolean') return value ? yes : no;
  return String(value);
}

export default function DatasetPage() {
  const { dataset, descriptionHtml, challenges, joinable, following, pinned, access, profileCharts } = useLoaderData<typeof loader>();
  const rowsLocked = dataset.rows === 'none';
  const t = useT();
  const locale = useLocale();
  const format = useFormatters();
  const isKey = (column: string) => dataset.keyColumns.find((k) => k.column === column);

  return (
    <article className="mx-auto max-w-page px-4 py-10">
      <header className="border-b border-slate-200 pb-6">
        <div className="flex flex-wrap items-center gap-3">
          {dataset.status !== 'published' ? <DatasetStatusBadge status={dataset.status} /> : null}
          {dataset.accessLevel !== 'open' ? <AccessLevelBadge level={dataset.accessLevel} /> : null}
          {dataset.canManage ? (
            <Link to={`/manage/datasets/${dataset.slug}`} className="text-sm">
              {t('datasets.manageThis')}
            </Link>
          ) : null}
        </div>
        <h1 className="mt-2 text-3xl font-bold leading-tight text-slate-900">{dataset.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">
            {dataset.departmentName}
            {dataset.publishedAt ? ` · ${t('datasets.publishedAt', { date: format.date(dataset.publishedAt) })}` : ''}
            {` · ${t('datasets.updatedAt', { date: format.date(dataset.updatedAt) })}`}
          </p>
          {dataset.status === 'published' ? <FollowButton targetType="dataset" targetId={dataset.id} following={following} /> : null}
        </div>
        {dataset.tags.length > 0 ? (
          <div className="mt-3 flex flex-wrap gap-1.5" aria-label={t('datasets.tags')}>
            {dataset.tags.map((tag) => (
              <Link key={tag} to={`/datasets?tag=${encodeURIComponent(tag)}`} className="no-underline">
                <Tag>{tag}</Tag>
              </Link>
            ))}
          </div>
        ) : null}
      </header>

      <div className="mt-8 grid gap-10 lg:grid-cols-3">
        <div className="min-w-0 space-y-10 lg:col-span-2">
          <div className="prose-jdz" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />

          <AccessNotice dataset={dataset} access={access} />

          {pinned.length > 0 ? <PinnedCharts charts={pinned} canManage={dataset.canManage} /> : null}

          <section aria-labelledby="resources">
            <h2 id="resources" className="text-xl font-semibold text-slate-900">
              {t('datasets.resources')}
            </h2>
            {dataset.resources.length === 0 ? <p className="mt-3 text-slate-700">{t('datasets.noResources')}</p> : null}
            <div className="mt-4 space-y-8">
              {dataset.resources.map((resource) => {
                const base = `/datasets/${dataset.slug}/resources/${resource.id}`;
                return (
                  <section key={resource.id} aria-labelledby={`resource-${resource.id}`} className="rounded-lg border border-slate-200 p-5">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 id={`resource-${resource.id}`} className="text-lg font-semibold text-slate-900">
                        {resource.ready && !rowsLocked ? (
                          <Link to={base} className="text-slate-900 hover:text-brand-700">
                            {resource.name}
                          </Link>
                        ) : (
                          resource.name
                        )}
                      </h3>
                      <p className="text-sm text-slate-600">
                        <span className="mr-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold uppercase text-brand-800">{resource.linkUrl !== null ? resource.linkFormat || t('datasets.link') : resource.format}</span>
                        {resource.linkUrl !== null ? '' : formatBytes(resource.byteSize, locale)}
                        {resource.rowCount !== null ? ` · ${t('datasets.rows', { count: format.number(resource.rowCount) })}` : ''}
                      </p>
                    </div>
                    {resource.description ? <p className="mt-2 text-sm text-slate-700">{resource.description}</p> : null}
                    {resource.ready && !rowsLocked ? (
                      <div className="mt-3 flex flex-wrap gap-2 text-sm">
                        <Link to={base} className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800">
                          {t('datasets.openPreview')}
                        </Link>
                        {(['csv', 'xlsx', 'json'] as const).map((kind) => (
                          <a key={kind} href={`${base}/download/${kind}`} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium no-underline hover:bg-slate-50">
                            {t('datasets.downloadAs', { format: kind.toUpperCase() })}
                          </a>
                        ))}
                        <a href={`/api/v1/datasets/${dataset.slug}/resources/${resource.id}/rows`} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium no-underline hover:bg-slate-50">
                          API
                        </a>
                      </div>
                    ) : resource.linkUrl !== null ? (
                      <p className="mt-3 text-sm">
                        <a href={resource.linkUrl} rel="nofollow noopener noreferrer" className="break-all font-medium">
                          {t('datasets.openLink')}
                        </a>
                        <span className="ml-2 break-all text-slate-600">{resource.linkUrl}</span>
                      </p>
                    ) : !resource.ready ? (
                      <p className="mt-2 text-sm text-slate-600">{t('datasets.notImported')}</p>
                    ) : null}

                    {resource.columns.length > 0 ? (
                      <details className="mt-4">
                        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('datasets.dictionary')}</summary>
                        <div className="mt-2 overflow-x-auto">
                          <table className="w-full text-left text-sm">
                            <thead className="border-b border-slate-200 text-slate-600">
                              <tr>
                                <th scope="col" className="py-1.5 pr-4 font-medium">{t('datasets.column')}</th>
                                <th scope="col" className="py-1.5 pr-4 font-medium">{t('datasets.columnType')}</th>
                                <th scope="col" className="py-1.5 font-medium">{t('datasets.columnDescription')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {resource.columns.map((column) => {
                                const key = isKey(column.name);
                                return (
                                  <tr key={column.name} className="border-b border-slate-100 align-top">
                                    <td className="py-1.5 pr-4 font-medium text-slate-900">
                                      {column.label || column.name}
                                      {column.label ? <span className="block text-xs font-normal text-slate-500">{column.name}</span> : null}
                                      {key ? <span className="ml-1 rounded bg-gold-100 px-1.5 text-xs text-gold-800">{t(`keyKind.${key.kind}`)}</span> : null}
                                    </td>
                                    <td className="py-1.5 pr-4 text-slate-700">{t(`columnType.${column.type}`)}</td>
                                    <td className="py-1.5 text-slate-700">{column.description ?? ''}</td>
                                  </tr>
                                );
                              })}
                            </tbody>
                          </table>
                        </div>
                      </details>
                    ) : null}

                    {resource.preview.length > 0 ? (
                      <div className="mt-4">
                        <h4 className="text-sm font-medium text-slate-800">{t(rowsLocked ? 'access.sample' : 'datasets.preview', { count: resource.preview.length })}</h4>
                        <div className="mt-2 overflow-x-auto rounded border border-slate-200" role="region" aria-label={t('datasets.previewOf', { name: resource.name })} tabIndex={0}>
                          <table className="min-w-full text-left text-sm">
                            <thead className="bg-slate-50 text-slate-700">
                              <tr>
                                {resource.columns.map((column) => (
                                  <th key={column.name} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                                    {column.label || column.name}
                                  </th>
                                ))}
                              </tr>
                            </thead>
                            <tbody>
                              {resource.preview.map((row, index) => (
                                <tr key={index} className="border-t border-slate-100">
                                  {resource.columns.map((column) => (
                                    <td
                                      key={column.name}
                                      className={`whitespace-nowrap px-3 py-1.5 text-slate-800 ${column.type === 'integer' || column.type === 'decimal' ? 'text-right tabular-nums' : ''}`}
                                    >
                                      {formatCell(row[column.name], column.type, t('common.yes'), t('common.no'))}
                                    </td>
                                  ))}
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </div>
                    ) : null}

                    {rowsLocked && Object.keys(profileCharts[resource.id] ?? {}).length > 0 ? (
                      <div className="mt-4 grid gap-4 sm:grid-cols-2">
                        {Object.entries(profileCharts[resource.id] ?? {}).map(([column, view]) => (
                          <ProfileChartFigure key={column} view={view} />
                        ))}
                      </div>
                    ) : null}
                  </section>
                );
              })}
            </div>
          </section>
        </div>

        <aside className="space-y-8">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">{t('datasets.department')}</dt>
              <dd className="font-medium text-slate-900">
                <Link to={`/datasets?department=${dataset.departmentSlug}`}>{dataset.departmentName}</Link>
              </dd>
            </div>
            {dataset.themes.length > 0 ? (
              <div>
                <dt className="text-slate-600">{t('datasets.themes')}</dt>
                <dd className="font-medium text-slate-900">
                  {dataset.themes.map((theme, i) => (
                    <span key={theme}>
                      {i > 0 ? '、' : ''}
                      <Link to={`/datasets?theme=${theme}`}>{t(`theme.${theme}`)}</Link>
                    </span>
                  ))}
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-600">{t('datasets.licence')}</dt>
              <dd className="font-medium text-slate-900">{t(`licence.${dataset.licence}`)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t('access.openLevel')}</dt>
              <dd className="font-medium text-slate-900">{t(`access.level.${dataset.accessLevel}`)}</dd>
              {dataset.openConditions ? <dd className="mt-1 whitespace-pre-line text-slate-700">{dataset.openConditions}</dd> : null}
            </div>
            <div>
              <dt className="text-slate-600">{t('access.sharingLevel')}</dt>
              <dd className="font-medium text-slate-900">{t(`access.sharing.${dataset.sharing}`)}</dd>
              {dataset.sharingConditions ? <dd className="mt-1 whitespace-pre-line text-slate-700">{dataset.sharingConditions}</dd> : null}
            </div>
            {dataset.resourceCode ? (
              <div>
                <dt className="text-slate-600">{t('access.resourceCode')}</dt>
                <dd className="font-medium text-slate-900">{dataset.resourceCode}</dd>
              </div>
            ) : null}
            {dataset.sourceUrl ? (
              <div>
                <dt className="text-slate-600">{t('datasets.source')}</dt>
                <dd className="font-medium text-slate-900">
                  <a href={dataset.sourceUrl} rel="nofollow noopener noreferrer" className="break-all">
                    {dataset.sourceUrl}
                  </a>
                </dd>
              </div>
            ) : null}
            {dataset.version ? (
              <div>
                <dt className="text-slate-600">{t('datasets.version')}</dt>
                <dd className="font-medium text-slate-900">{dataset.version}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-600">{t('datasets.frequency')}</dt>
              <dd className="font-medium text-slate-900">{t(`frequency.${dataset.updateFrequency}`)}</dd>
            </div>
            {dataset.contactName || dataset.contactEmail ? (
              <div>
                <dt className="text-slate-600">{t('datasets.contact')}</dt>
                <dd className="font-medium text-slate-900">
                  {dataset.contactName}
                  {dataset.contactEmail ? (
                    <>
                      {' '}
                      <a href={`mailto:${dataset.contactEmail}`} className="break-all">
                        {dataset.contactEmail}
                      </a>
                    </>
                  ) : null}
                </dd>
              </div>
            ) : null}
            {dataset.keyColumns.length > 0 ? (
              <div>
                <dt className="text-slate-600">{t('datasets.keyColumns')}</dt>
                {dataset.keyColumns.map((key) => (
                  <dd key={key.column} className="font-medium text-slate-900">
                    {key.column}
                    {key.column !== t(`keyKind.${key.kind}`) ? <span className="font-normal text-slate-600"> · {t(`keyKind.${key.kind}`)}</span> : null}
                  </dd>
                ))}
              </div>
            ) : null}
          </dl>

          {joinable.shown.length > 0 ? (
            <section aria-labelledby="joinable">
              <h2 id="joinable" className="text-lg font-semibold text-slate-900">
                {t('datasets.joinable')}
              </h2>
              <p className="mt-1 text-xs text-slate-600">{t('datasets.joinableIntro')}</p>
              <ul className="mt-3 space-y-3 text-sm">
                {joinable.shown.map((other) => (
                  <li key={`${other.slug}-${other.kind}`}>
                    <Link to={`/datasets/${other.slug}`} className="font-medium">
                      {other.title}
                    </Link>
                    <p className="text-xs text-slate-600">
                      {t('datasets.joinVia', { kind: t(`keyKind.${other.kind}`), column: other.theirColumn })} ·{' '}
                      {other.counted ? t('datasets.overlap', { count: format.number(other.overlap) }) : t('datasets.overlapCounting')}
                    </p>
                    <Link
                      to={`/joins?${new URLSearchParams({ left: String(other.ownResourceId), right: String(other.theirResourceId), on: other.ownColumn, ...(other.theirColumn !== other.ownColumn ? { right_on: other.theirColumn } : {}) })}`}
                      className="text-xs"
                    >
                      {t('join.preview')}
                    </Link>
                  </li>
                ))}
              </ul>
              {joinable.total > joinable.shown.length ? <p className="mt-3 text-xs text-slate-600">{t('datasets.joinableMore', { count: format.number(joinable.total - joinable.shown.length) })}</p> : null}
            </section>
          ) : null}

          <section aria-labelledby="linked-challenges">
            <h2 id="linked-challenges" className="text-lg font-semibold text-slate-900">
              {t('datasets.linkedChallenges')}
            </h2>
            {challenges.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">{t('datasets.noLinkedChallenges')}</p>
            ) : (
              <ul className="mt-3 space-y-3">
                {challenges.map((challenge) => (
                  <li key={challenge.slug}>
                    <PhaseBadge phase={challenge.phase} />
                    <Link to={`/challenges/${challenge.slug}`} className="mt-1 block font-medium">
                      {challenge.title}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** What a visitor without the rows can do: apply, wait for a decision, or read what is shared with them. */
function AccessNotice({ dataset, access }: { dataset: LoaderData['dataset']; access: LoaderData['access'] }) {
  const t = useT();
  const format = useFormatters();
  if (dataset.rows === 'grant' && access.grantUntil) {
    return <p className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">{t('access.grantUntil', { date: format.date(access.grantUntil) })}</p>;
  }
  if (dataset.rows === 'shared') return <p className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">{t('access.sharedWithYou')}</p>;
  if (dataset.rows !== 'none') return null;
  const departmentOnly = dataset.accessLevel !== 'conditional';
  return (
    <section aria-labelledby="access-notice" className="rounded-md border border-gold-300 bg-gold-50 p-4 text-sm text-slate-800">
      <h2 id="access-notice" className="font-semibold text-slate-900">
        {t(departmentOnly ? 'access.sharedOnConditionTitle' : 'access.conditionalTitle')}
      </h2>
      <p className="mt-1">{t(departmentOnly ? 'access.sharedOnConditionBody' : 'access.conditionalBody')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {access.pending ? (
          <p className="font-medium">
            {t('access.pending')} <Link to="/account/applications">{t('access.myApplications')}</Link>
          </p>
        ) : access.applyKinds.length > 0 ? (
          <Link to={`/datasets/${dataset.slug}/apply`} className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800">
            {t('access.apply')}
          </Link>
        ) : !access.signedIn ? (
          <Link to={`/login?redirectTo=${encodeURIComponent(`/datasets/${dataset.slug}/apply`)}`} className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800">
            {t('access.signInToApply')}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
