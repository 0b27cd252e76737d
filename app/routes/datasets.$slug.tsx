import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DatasetStatusBadge, PhaseBadge, Tag } from '~/components/badges';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useLocale, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { formatBytes } from '~/lib/format';
import { listChallengesUsingDataset } from '~/models/challenges.server';
import { getDatasetForViewer } from '~/models/datasets.server';
import { renderMarkdown } from '~/services/markdown.server';
import { getUser } from '~/services/session.server';

const PREVIEW_ROWS = 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const dataset = getDatasetForViewer({ slug: params.slug ?? '', viewer, previewRows: PREVIEW_ROWS });
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const now = new Date();
  return {
    dataset,
    descriptionHtml: renderMarkdown(dataset.description),
    challenges: listChallengesUsingDataset(dataset.id, now),
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? pageMeta(matches, { literal: data.dataset.title }) : pageMeta(matches, 'error.notFound.title');

export default function DatasetPage() {
  const { dataset, descriptionHtml, challenges } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useFormatters();

  return (
    <article className="mx-auto max-w-page px-4 py-10">
      <header className="border-b border-slate-200 pb-6">
        {dataset.status !== 'published' ? <DatasetStatusBadge status={dataset.status} /> : null}
        <h1 className="mt-2 text-3xl font-bold leading-tight text-slate-900">{dataset.title}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {dataset.departmentName}
          {dataset.publishedAt ? ` · ${t('datasets.publishedAt', { date: format.date(dataset.publishedAt) })}` : ''}
          {` · ${t('datasets.updatedAt', { date: format.date(dataset.updatedAt) })}`}
        </p>
        {dataset.tags.length > 0 ? (
          <div className="mt-3 flex flex-wrap gap-1.5" aria-label={t('datasets.tags')}>
            {dataset.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </div>
        ) : null}
      </header>

      <div className="mt-8 grid gap-10 lg:grid-cols-3">
        <div className="min-w-0 space-y-10 lg:col-span-2">
          <div className="prose-jdz" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />

          <section aria-labelledby="resources">
            <h2 id="resources" className="text-xl font-semibold text-slate-900">
              {t('datasets.resources')}
            </h2>
            {dataset.resources.length === 0 ? <p className="mt-3 text-slate-700">{t('datasets.noResources')}</p> : null}
            <div className="mt-4 space-y-8">
              {dataset.resources.map((resource) => (
                <section key={resource.id} aria-labelledby={`resource-${resource.id}`} className="rounded-lg border border-slate-200 p-5">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 id={`resource-${resource.id}`} className="text-lg font-semibold text-slate-900">
                      {resource.name}
                    </h3>
                    <p className="text-sm text-slate-600">
                      <span className="mr-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold uppercase text-brand-800">{resource.format}</span>
                      {formatBytes(resource.byteSize, locale)}
                      {resource.rowCount !== null ? ` · ${t('datasets.rows', { count: format.number(resource.rowCount) })}` : ''}
                    </p>
                  </div>
                  {resource.description ? <p className="mt-2 text-sm text-slate-700">{resource.description}</p> : null}

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
                            {resource.columns.map((column) => (
                              <tr key={column.name} className="border-b border-slate-100">
                                <td className="py-1.5 pr-4 font-medium text-slate-900">
                                  {column.label || column.name}
                                  {dataset.keyColumns.some((k) => k.column === column.name) ? (
                                    <span className="ml-2 rounded bg-gold-100 px-1.5 text-xs text-gold-800">{t('datasets.keyColumns')}</span>
                                  ) : null}
                                </td>
                                <td className="py-1.5 pr-4 text-slate-700">{t(`columnType.${column.type}`)}</td>
                                <td className="py-1.5 text-slate-700">{column.description ?? ''}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    </details>
                  ) : null}

                  {resource.preview.length > 0 ? (
                    <div className="mt-4">
                      <h4 className="text-sm font-medium text-slate-800">{t('datasets.preview', { count: resource.preview.length })}</h4>
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
                </section>
              ))}
            </div>
          </section>
        </div>

        <aside className="space-y-8">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">{t('datasets.department')}</dt>
              <dd className="font-medium text-slate-900">{dataset.departmentName}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t('datasets.licence')}</dt>
              <dd className="font-medium text-slate-900">{t(`licence.${dataset.licence}`)}</dd>
            </div>
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
                      <a href={`mailto:${dataset.contactEmail}`}>{dataset.contactEmail}</a>
                    </>
                  ) : null}
                </dd>
              </div>
            ) : null}
            {dataset.keyColumns.length > 0 ? (
              <div>
                <dt className="text-slate-600">{t('datasets.keyColumns')}</dt>
                <dd className="font-medium text-slate-900">{dataset.keyColumns.map((k) => k.column).join('、')}</dd>
                <dd className="mt-1 text-xs text-slate-600">{t('datasets.keyColumnsHelp')}</dd>
              </div>
            ) : null}
          </dl>

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

function formatCell(value: string | number | null | undefined, type: string, yes: string, no: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'boolean') return value ? yes : no;
  return String(value);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
