/** The audit log, for admins: every sensitive action with actor, time, IP and details; filterable, read-only. */
import { readPage } from '~/services/form-helpers.server';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { FilterBar, FilterInput } from '~/components/filter-bar';
import { zonedLocalToDate } from '~/lib/zoned-time';
import { listAudit } from '~/models/audit.server';
import { config } from '~/config.server';
import { requireRole } from '~/services/session.server';

const PAGE = 100;

function day(raw: string | null, endOfDay: boolean): Date | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  return zonedLocalToDate(`${raw}T${endOfDay ? '23:59' : '00:00'}`, config().timeZone) ?? undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const url = new URL(request.url);
  const filters = {
    action: (url.searchParams.get('action') ?? '').trim().slice(0, 80),
    actor: (url.searchParams.get('actor') ?? '').trim().slice(0, 254),
    since: url.searchParams.get('since') ?? '',
    until: url.searchParams.get('until') ?? '',
  };
  const page = readPage(url);
  const { rows, total } = listAudit({
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    since: day(filters.since, false),
    until: day(filters.until, true),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
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
      <p className="mt-4 text-sm text-slate-700">{t('audit.count', { count: format.number(total) })}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <thead className="border-b border-slate-300 text-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-4">{t('audit.time')}</th>
              <th scope="col" className="py-2 pr-4">{t('audit.action')}</th>
              <th scope="col" className="py-2 pr-4">{t('audit.actor')}</th>
              <th scope="col" className="py-2 pr-4">{t('audit.target')}</th>
              <th scope="col" className="py-2 pr-4">{t('audit.ip')}</th>
              <th scope="col" className="py-2">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap py-2 pr-4">{format.dateTime(row.createdAt)}</td>
                <td className="py-2 pr-4 font-mono">{row.action}</td>
                <td className="py-2 pr-4">{row.actorEmail ? `${row.actorName} <${row.actorEmail}>` : t('audit.system')}</td>
                <td className="py-2 pr-4">{row.targetType ? `${row.targetType} ${row.targetId ?? ''}` : '—'}</td>
                <td className="py-2 pr-4">{row.ip ?? '—'}</td>
                <td className="max-w-md break-words py-2 font-mono text-xs">{row.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
