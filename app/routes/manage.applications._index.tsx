/** /manage/applications — applications for the department's conditional data: pending first (oldest first), then decided. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { FilterBar, FilterSelect } from '~/components/filter-bar';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { managedDepartmentScope } from '~/lib/access';
import { APPLICATION_STATUSES, type ApplicationStatus } from '~/lib/vocabulary';
import { listApplicationsForDepartment } from '~/models/access-grants.server';
import { readPage } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const scope = managedDepartmentScope(user);
  if (scope === null) throw new Response('Forbidden', { status: 403 });
  const url = new URL(request.url);
  const status: ApplicationStatus | 'all' = APPLICATION_STATUSES.find((s) => s === url.searchParams.get('status')) ?? (url.searchParams.get('status') === 'all' ? 'all' : 'pending');
  const page = readPage(url);
  const { applications, total } = await listApplicationsForDepartment(scope, status, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    status,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    applications: applications.map((a) => ({
      id: a.id,
      datasetTitle: a.datasetTitle,
      applicant: a.applicantName,
      on: a.applicantKind === 'organisation' ? a.organisationName : a.applicantKind === 'department' ? (a.applicantDepartmentName ?? '') : '',
      kind: a.applicantKind,
      status: a.status,
      createdAt: a.createdAt,
    })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'applications.title');

export default function ApplicationsPage() {
  const { applications, status, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('applications.title')} intro={t('applications.intro')} />
      <FilterBar label={t('applications.filter')}>
        <FilterSelect
          id="status"
          label={t('applications.status')}
          value={status}
          options={[...APPLICATION_STATUSES, 'all' as const].map((s) => ({ value: s, label: t(`applications.status.${s}`) }))}
        />
      </FilterBar>
      <DataTable
        rows={applications}
        rowKey={(a) => a.id}
        empty={t('applications.empty')}
        columns={[
          { header: t('applications.dataset'), cell: (a) => <Link to={`/manage/applications/${a.id}`}>{a.datasetTitle}</Link> },
          { header: t('applications.applicant'), cell: (a) => (a.on ? t('applications.applicantFor', { person: a.applicant, on: a.on }) : a.applicant) },
          { header: t('applications.status'), cell: (a) => t(`applications.status.${a.status}`) },
          { header: t('applications.received'), cell: (a) => format.dateTime(a.createdAt) },
        ]}
      />
      <Pager page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
