/** The audit log, for admins: every sensitive action with actor, time, IP and details; filterable, read-only. */
import { readPage } from '~/services/form-helpers.server';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { DataTable } from '~/components/data-table';
import { FilterBar, FilterInput } from '~/components/filter-bar';
import { readAuditFilters } from '~/services/audit-filters.server';
import { listAudit } from '~/models/audit.server';
import { requireRole } from '~/services/session.server';

const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const url = new URL(request.url);
  const { filters, query } = readAuditFilters(url);
  const page = readPage(url);
  const { rows, total } = await listAudit({ ...query, limit: PAGE, offset: (page - 1) * PAGE });
  return { rows: rows.map((r) => ({ ...r, details: r.details ? JSON.stringify(r.details) : '' })), total, page, pages: Math.max(1, Math.ceil(total / PAGE)), filters };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'audit.title');

export default function AuditPage() {
  const { rows, total, page, pages, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <FilterBar submitLabel={t('audit.filter')}>
        <FilterInput id="action" label={t('audit.action')} value={filters.action} placeholder={t('audit.actionExample')} describedBy="action-hint" />
        <FilterInput id="actor" label={t('audit.actor')} value={filters.actor} type="email" />
        <FilterInput id="since" label={t('audit.since')} value={filters.since} type="date" />
        <FilterInput id="until" label={t('audit.until')} value={filters.until} type="date" />
      </FilterBar>
      <p id="action-hint" className="mt-2 text-sm text-slate-600">
        {t('audit.actionHint')}
      </p>
      <p className="mt-4 flex flex-wrap gap-x-4 text-sm text-slate-700">
        <span>{t('audit.count', { count: format.number(total) })}</span>
        <a href={`/admin/audit.csv?${new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''))}`} download>
          {t('audit.exportCsv')}
        </a>
      </p>
      <DataTable
        rowKey={(row) => row.id}
        rows={rows}
        empty={t('audit.empty')}
        columns={[
          { header: t('audit.time'), cell: (row) => format.dateTime(row.createdAt), className: 'whitespace-nowrap' },
          { header: t('audit.action'), cell: (row) => row.action, className: 'font-mono' },
          { header: t('audit.actor'), cell: (row) => (row.actorEmail ? `${row.actorName} <${row.actorEmail}>` : t('audit.system')) },
          { header: t('audit.target'), cell: (row) => (row.targetType ? `${row.targetType} ${row.targetId ?? ''}` : '—') },
          { header: t('audit.ip'), cell: (row) => row.ip ?? '—' },
          { header: t('audit.details'), cell: (row) => row.details, className: 'max-w-md break-words font-mono text-xs' },
        ]}
      />
      <Pager page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
