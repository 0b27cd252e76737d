import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { listDataRequests } from '~/models/data-requests.server';

export async function loader() {
  return { requests: listDataRequests() };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'requests.title');

const STATUS_STYLES = {
  open: 'bg-slate-100 text-slate-700 ring-slate-300',
  planned: 'bg-sky-50 text-sky-800 ring-sky-200',
  exists: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  released: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  declined: 'bg-rose-50 text-rose-800 ring-rose-200',
  fulfilled: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
} as const;

export default function DataRequestsPage() {
  const { requests } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('requests.title')} intro={t('requests.intro')} />
      {requests.length === 0 ? (
        <p className="mt-8 text-slate-700">{t('requests.empty')}</p>
      ) : (
        <ul className="mt-8 space-y-4">
          {requests.map((request) => (
            <li key={request.id} className="rounded-lg border border-slate-200 p-5">
              <article aria-labelledby={`request-${request.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <h2 id={`request-${request.id}`} className="text-lg font-semibold text-slate-900">
                    {request.title}
                  </h2>
                  <span
                    className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS_STYLES[request.status]}`}
                  >
                    {t(`requests.status.${request.status}`)}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {t('requests.askedBy', { name: request.requesterName, date: format.date(request.createdAt) })}
                  {request.departmentName ? ` · ${t('requests.departmentIs', { name: request.departmentName })}` : ''}
                  {` · ${t('requests.votes', { count: request.voteCount })}`}
                </p>
                {request.description ? <p className="mt-3 whitespace-pre-line text-slate-800">{request.description}</p> : null}
                {request.response || request.fulfilledDataset ? (
                  <div className="mt-4 rounded-md bg-slate-50 p-4 text-sm">
                    <p className="font-medium text-slate-900">{t('requests.response')}</p>
                    {request.response ? <p className="mt-1 whitespace-pre-line text-slate-800">{request.response}</p> : null}
                    {request.fulfilledDataset ? (
                      <p className="mt-2">
                        <Link to={`/datasets/${request.fulfilledDataset.slug}`}>
                          {t('requests.fulfilledBy', { title: request.fulfilledDataset.title })}
                        </Link>
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
