/** People, for admins: everyone with an account, found by name, address, role or department; paged. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DataTable, type TableColumn } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { FilterBar, FilterInput, FilterSelect } from '~/components/filter-bar';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { PersonStatus } from '~/components/person-status';
import { ROLES } from '~/lib/vocabulary';
import { listDepartments } from '~/models/departments.server';
import { listPeople } from '~/models/users.server';
import { readPage } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

const PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const role = ROLES.find((r) => r === url.searchParams.get('role'));
  const departmentParam = url.searchParams.get('department') ?? '';
  const departmentId = /^\d{1,9}$/.test(departmentParam) ? Number(departmentParam) : undefined;
  const page = readPage(url);
  const { rows, total } = await listPeople({ q: q || undefined, role, departmentId, limit: PAGE, offset: (page - 1) * PAGE });
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    filters: { q, role: role ?? '', department: departmentId ? String(departmentId) : '' },
    departments: (await listDepartments()).map((d) => ({ value: String(d.id), label: d.name })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.people.title');

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number];

export default function PeoplePage() {
  const { rows, total, page, pages, filters, departments } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const columns: TableColumn<Row>[] = [
    {
      header: t('admin.people.name'),
      cell: (p) => (
        <Link to={`/admin/people/${p.id}`} className="font-medium">
          {p.name}
        </Link>
      ),
    },
    { header: t('admin.people.email'), cell: (p) => p.email, className: 'break-all' },
    { header: t('admin.people.role'), cell: (p) => t(`role.${p.role}`) },
    { header: t('admin.people.department'), cell: (p) => p.departmentName ?? '—' },
    { header: t('admin.people.status'), cell: (p) => <PersonStatus person={p} /> },
    { header: t('admin.people.created'), cell: (p) => format.date(p.createdAt) },
  ];
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <PageHeader title={t('admin.people.title')} intro={t('admin.people.intro')} />
        <Link to="/admin/people/invite" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-800">
          {t('admin.people.invite')}
        </Link>
      </div>
      <FilterBar submitLabel={t('admin.people.search')}>
        <FilterInput id="q" label={t('admin.people.query')} value={filters.q} />
        <FilterSelect id="role" label={t('admin.people.role')} value={filters.role} anyLabel={t('admin.people.anyRole')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <FilterSelect id="department" label={t('admin.people.department')} value={filters.department} anyLabel={t('admin.people.anyDepartment')} options={departments} />
      </FilterBar>
      <p className="mt-4 text-sm text-slate-700">{t('admin.people.count', { count: format.number(total) })}</p>
      <DataTable columns={columns} rows={rows} rowKey={(p) => p.id} empty={t('admin.people.none')} />
      <Pager page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
