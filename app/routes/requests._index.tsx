import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { readPage } from '~/services/form-helpers.server';
import { Link, useLoaderData } from '@remix-run/react';
import { FilterBar, FilterSelect } from '~/components/filter-bar';
import { useFormatters, useOptionalUser, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { RequestStatusBadge } from '~/components/request-status';
import { REQUEST_SORTS, REQUEST_STATUSES, type RequestSort, type RequestStatus } from '~/lib/validation/data-request';
import { listDataRequests } from '~/models/data-requests.server';
import { listDepartments } from '~/models/departments.server';
import { getUser } from '~/services/session.server';
import { PageChart } from '~/components/chart-data-table';
import { getLocale } from '~/services/locale.server';
import { requestsPerDepartmentChart } from '~/services/page-charts.server';

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getUser(request);
  const status = REQUEST_STATUSES.find((s) => s === url.searchParams.get('status')) as RequestStatus | undefined;
  const sort = (REQUEST_SORTS.find((s) => s === url.searchParams.get('sort')) ?? 'votes') as RequestSort;
  const department = url.searchParams.get('department')?.trim() || undefined;
  const page = readPage(url);
  const { requests, total } = await listDataRequests({ status, department, sort, viewerId: user?.id ?? null, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    now: new Date(),
    filters: { status: status ?? '', department: department ?? '', sort, page },
    requests,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    departments: (await listDepartments()).map((d) => ({ slug: d.slug, name: d.name })),
    // How the departments answer, under the first page of the list.
    answersChart: page === 1 ? await requestsPerDepartmentChart(await getLocale(request)) : null,
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'requests.title');

export default function DataRequestsPage() {
  const { now, filters, requests, total, pages, departments, answersChart } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const user = useOptionalUser();
  const waitingDays = (createdAt: Date) => Math.floor((new Date(now).getTime() - new Date(createdAt).getTime()) / 86_400_000);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <PageHeader title={t('requests.title')} intro={t('requests.intro')} />
        </div>
        <Link to={user ? '/requests/new' : `/login?${new URLSearchParams({ redirectTo: '/requests/new' })}`} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800">
          {t('requests.ask')}
        </Link>
      </div>

      <FilterBar>
        <FilterSelect id="status" label={t('requests.filterStatus')} value={filters.status} anyLabel={t('datasets.any')} options={REQUEST_STATUSES.map((status) => ({ value: status, label: t(`requests.status.${status}`) }))} />
        <FilterSelect id="department" label={t('datasets.filterDepartment')} value={filters.department} anyLabel={t('datasets.any')} options={departments.map((d) => ({ value: d.slug, label: d.name }))} />
        <FilterSelect id="sort" label={t('datasets.sortBy')} value={filters.sort} options={REQUEST_SORTS.map((sort) => ({ value: sort, label: t(`requests.sort.${sort}`) }))} />
      </FilterBar>

      <p className="mt-6 text-sm text-slate-700">{t('requests.found', { count: format.number(total) })}</p>
      {requests.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('requests.empty')}</p>
      ) : (
        <ul className="mt-4 space-y-4">
          {requests.map((request) => (
            <li key={request.id} className="rounded-lg border border-slate-200 p-5">
              <article aria-labelledby={`request-${request.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <h2 id={`request-${request.id}`} className="text-lg font-semibold">
                    <Link to={`/requests/${request.id}`} className="text-slate-900 hover:text-brand-700">
                      {request.title}
                    </Link>
                  </h2>
                  <RequestStatusBadge status={request.status} />
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {t('requests.askedBy', { name: request.requesterName, date: format.date(request.createdAt) })}
                  {request.departmentName ? ` · ${t('requests.departmentIs', { name: request.departmentName })}` : ''}
                  {` · ${t('requests.votes', { count: request.voteCount })}`}
                  {request.status === 'open' ? ` · ${t('requests.waitingDays', { days: waitingDays(request.createdAt) })}` : ''}
                </p>
                <p className="mt-2 line-clamp-2 text-slate-800">{request.description}</p>
                {request.dataset ? (
                  <p className="mt-2 text-sm">
                    <Link to={`/datasets/${request.dataset.slug}`}>{t('requests.linkedDataset', { title: request.dataset.title })}</Link>
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
      <Pager page={filters.page} pages={pages} />
      {answersChart ? (
        <section aria-label={answersChart.label} className="mt-10">
          <PageChart chart={answersChart} />
        </section>
      ) : null}
    </div>
  );
}
