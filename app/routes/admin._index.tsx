/** The admin console's overview: the numbers a county leader asks for, and what needs the admin. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DataTable, type TableColumn } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { config } from '~/config.server';
import { dateToZonedLocal, zonedLocalToDate } from '~/lib/zoned-time';
import { siteOverview } from '~/models/overview.server';
import { mailConfigured } from '~/services/mail/transport.server';
import { requireRole } from '~/services/session.server';
import { flushUsage } from '~/services/usage.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const now = new Date();
  const { timeZone } = config();
  const monthStartDay = `${dateToZonedLocal(now, timeZone).slice(0, 7)}-01`;
  const monthStart = zonedLocalToDate(`${monthStartDay}T00:00`, timeZone) ?? now;
  // This process's counts of the last minute first, so the figures include them.
  await flushUsage();
  return { overview: await siteOverview(monthStart, monthStartDay, now), mailConfigured: mailConfigured() };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.overview.title');

type AnswerRow = ReturnType<typeof useLoaderData<typeof loader>>['overview']['answerTimes'][number];

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900">{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-600">{detail}</dd> : null}
    </div>
  );
}

export default function AdminOverviewPage() {
  const { overview, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const columns: TableColumn<AnswerRow>[] = [
    { header: t('admin.people.department'), cell: (r) => r.departmentName ?? t('admin.overview.noDepartment') },
    { header: t('admin.overview.answered'), cell: (r) => format.number(r.answered) },
    { header: t('admin.overview.medianDays'), cell: (r) => format.number(r.medianDays) },
  ];
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('admin.overview.title')} intro={t('admin.overview.intro')} />
      {!withMail ? (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          {t('admin.overview.noMail')} <Link to="/admin/outbox">{t('outbox.title')}</Link>
        </p>
      ) : null}
      <dl className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label={t('admin.overview.datasets')} value={format.number(overview.datasetsPublished)} detail={t('admin.overview.thisMonth', { count: format.number(overview.datasetsPublishedSince) })} />
        <Figure
          label={t('admin.overview.requests')}
          value={format.number(overview.requestsReceived)}
          detail={t('admin.overview.requestsDetail', { answered: format.number(overview.requestsAnswered), waiting: format.number(overview.requestsWaiting) })}
        />
        <Figure label={t('admin.overview.challenges')} value={format.number(overview.challengesPublished)} detail={t('admin.overview.entries', { count: format.number(overview.entriesSubmitted) })} />
        <Figure label={t('admin.overview.activeUsers')} value={format.number(overview.activeUsers)} detail={t('admin.overview.activeUsersDetail')} />
        <Figure label={t('admin.overview.downloads')} value={format.number(overview.downloadsSince)} detail={t('admin.overview.sinceMonthStart')} />
        <Figure label={t('admin.overview.apiCalls')} value={format.number(overview.apiCallsSince)} detail={t('admin.overview.sinceMonthStart')} />
      </dl>
      <p className="mt-6 text-sm">
        <a href="/admin/catalogue.xlsx" download>
          {t('catalogue.exportAll')}
        </a>{' '}
        · <Link to="/manage/catalogue">{t('catalogue.link')}</Link>
      </p>
      <section aria-labelledby="answer-times" className="mt-10">
        <h2 id="answer-times" className="text-xl font-semibold text-slate-900">
          {t('admin.overview.answerTimes')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('admin.overview.answerTimesHint')}</p>
        <DataTable columns={columns} rows={overview.answerTimes} rowKey={(r) => r.departmentId ?? 0} empty={t('admin.overview.noAnswers')} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
