/**
 * /manage/sharing — sharing between departments: what this department shares and with whom, and
 * what other departments share with it (unconditionally, or by an approved application).
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { managedDepartmentScope } from '~/lib/access';
import { listSharedByDepartment, listSharedWithDepartment } from '~/models/access-grants.server';
import { readPage } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const scope = managedDepartmentScope(user);
  if (scope === null) throw new Response('Forbidden', { status: 403 });
  const url = new URL(request.url);
  const now = new Date();
  const byPage = readPage(url, 'ours');
  const withPage = readPage(url, 'theirs');
  const ours = await listSharedByDepartment(scope, now, { limit: PAGE_SIZE, offset: (byPage - 1) * PAGE_SIZE });
  const theirs = scope === 'all' ? { datasets: [], total: 0 } : await listSharedWithDepartment(scope, now, { limit: PAGE_SIZE, offset: (withPage - 1) * PAGE_SIZE });
  return {
    isAdmin: scope === 'all',
    ours: ours.datasets,
    byPage,
    byPages: Math.max(1, Math.ceil(ours.total / PAGE_SIZE)),
    theirs: theirs.datasets,
    withPage,
    withPages: Math.max(1, Math.ceil(theirs.total / PAGE_SIZE)),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'sharing.title');

export default function SharingPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('sharing.title')} intro={t('sharing.intro')} />
      <section aria-labelledby="shared-by" className="mt-8">
        <h2 id="shared-by" className="text-xl font-semibold text-slate-900">
          {t(data.isAdmin ? 'sharing.byAll' : 'sharing.byUs')}
        </h2>
        <DataTable
          rows={data.ours}
          rowKey={(d) => d.slug}
          empty={t('sharing.noneByUs')}
          columns={[
            { header: t('applications.dataset'), cell: (d) => <Link to={`/manage/datasets/${d.slug}`}>{d.title}</Link> },
            { header: t('access.sharingLevel'), cell: (d) => t(`access.sharing.${d.sharing}`) },
            { header: t('access.openLevel'), cell: (d) => t(`access.level.${d.accessLevel}`) },
            { header: t('sharing.withWhom'), cell: (d) => (d.sharing === 'shared' ? t('sharing.everyDepartment') : d.grantees || t('sharing.nobodyYet')) },
          ]}
        />
        <Pager page={data.byPage} pages={data.byPages} param="ours" anchor="shared-by" />
      </section>
      {data.isAdmin ? null : (
        <section aria-labelledby="shared-with" className="mt-12">
          <h2 id="shared-with" className="text-xl font-semibold text-slate-900">
            {t('sharing.withUs')}
          </h2>
          <DataTable
            rows={data.theirs}
            rowKey={(d) => d.slug}
            empty={t('sharing.noneWithUs')}
            columns={[
              { header: t('applications.dataset'), cell: (d) => <Link to={`/datasets/${d.slug}`}>{d.title}</Link> },
              { header: t('datasets.department'), cell: (d) => d.departmentName },
              { header: t('access.sharingLevel'), cell: (d) => t(`access.sharing.${d.sharing}`) },
            ]}
          />
          <Pager page={data.withPage} pages={data.withPages} param="theirs" anchor="shared-with" />
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
