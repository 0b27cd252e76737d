import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DatasetStatusBadge, PhaseBadge } from '~/components/badges';
import { DataTable, type TableColumn } from '~/components/data-table';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { pageWindow } from '~/lib/paging';
import { readPage } from '~/services/form-helpers.server';
import { listChallengesForManager } from '~/models/challenges.server';
import { listDatasetsForManager } from '~/models/datasets.server';
import { requireRole } from '~/services/session.server';
import { countModerationQueue } from '~/models/comments.server';
import { inboxFor } from '~/models/inbox.server';
import { config } from '~/config.server';
import { Inbox } from '~/components/inbox';

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const now = new Date();
  const url = new URL(request.url);
  const challengePage = readPage(url, 'challenges');
  const datasetPage = readPage(url, 'datasets');
  const challengeList = await listChallengesForManager(user, now, pageWindow(challengePage, PAGE_SIZE));
  const datasetList = await listDatasetsForManager(user, pageWindow(datasetPage, PAGE_SIZE));
  const pages = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));
  return {
    viewer: { role: user.role, departmentName: user.departmentName, hasDepartment: user.departmentId !== null },
    datasets: datasetList.datasets,
    datasetPaging: { page: datasetPage, pages: pages(datasetList.total) },
    challenges: challengeList.challenges,
    challengePaging: { page: challengePage, pages: pages(challengeList.total) },
    moderationCount: await countModerationQueue(user),
    inbox: await inboxFor(user, now),
    answerDays: config().requestAnswerDays,
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'manage.title');

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ManagePage() {
  const { viewer, datasets, datasetPaging, challenges, challengePaging, moderationCount, inbox, answerDays } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const isAdmin = viewer.role === 'admin';

  function withDepartment<Row extends { departmentName: string }>(columns: TableColumn<Row>[]): TableColumn<Row>[] {
    if (!isAdmin) return columns;
    const [first, ...rest] = columns;
    return first ? [first, { header: t('manage.departmentColumn'), cell: (row) => row.departmentName }, ...rest] : columns;
  }

  const challengeColumns = withDepartment<Data['challenges'][number]>([
    { header: t('manage.name'), cell: (c) => <Link to={`/manage/challenges/${c.slug}`} className="font-medium">{c.title}</Link> },
    { header: t('manage.status'), cell: (c) => <PhaseBadge phase={c.phase} /> },
    { header: t('challenges.closesAt'), cell: (c) => format.date(c.closesAt) },
    { header: t('manage.updated'), cell: (c) => format.date(c.updatedAt) },
  ]);
  const datasetColumns = withDepartment<Data['datasets'][number]>([
    { header: t('manage.name'), cell: (d) => <Link to={`/manage/datasets/${d.slug}`} className="font-medium">{d.title}</Link> },
    { header: t('manage.status'), cell: (d) => <DatasetStatusBadge status={d.status} /> },
    { header: t('manage.updated'), cell: (d) => format.date(d.updatedAt) },
  ]);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader
        title={t('manage.title')}
        intro={
          isAdmin
            ? t('manage.introAdmin')
            : viewer.hasDepartment
              ? t('manage.intro', { department: viewer.departmentName ?? '' })
              : t('manage.noDepartment')
        }
      />
      <p className="mt-4 text-sm">
        <Link to="/manage/moderation">{t('manage.moderationLink', { count: moderationCount })}</Link> · <Link to="/manage/applications">{t('applications.link')}</Link> · <Link to="/manage/sharing">{t('sharing.link')}</Link> · <Link to="/account/tokens">{t('nav.tokens')}</Link> ·{' '}
        <Link to="/api">{t('nav.api')}</Link>
        {isAdmin ? (
          <>
            {' · '}
            <Link to="/admin/audit">{t('audit.title')}</Link> · <Link to="/admin/outbox">{t('outbox.title')}</Link> · <Link to="/admin/system">{t('system.title')}</Link>
          </>
        ) : null}
      </p>

      {inbox ? <Inbox inbox={inbox} moderationCount={moderationCount} answerDays={answerDays} /> : null}

      <section className="mt-10" aria-labelledby="manage-challenges">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="manage-challenges" className="text-xl font-semibold text-slate-900">
            {t('manage.challenges')}
          </h2>
          {viewer.hasDepartment || isAdmin ? (
            <Link to="/manage/challenges/new" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-800">
              {t('manage.newChallenge')}
            </Link>
          ) : null}
        </div>
        <DataTable columns={challengeColumns} rows={challenges} rowKey={(c) => c.id} empty={t('manage.noChallenges')} />
        <Pager {...challengePaging} param="challenges" anchor="manage-challenges" />
      </section>
      <section className="mt-10" aria-labelledby="manage-datasets">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="manage-datasets" className="text-xl font-semibold text-slate-900">
            {t('manage.datasets')}
          </h2>
          {viewer.hasDepartment || isAdmin ? (
            <span className="flex flex-wrap items-baseline gap-3">
              <Link to="/manage/catalogue" className="text-sm font-medium">
                {t('catalogue.link')}
              </Link>
              <Link to="/manage/datasets/new" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-800">
                {t('manage.newDataset')}
              </Link>
            </span>
          ) : null}
        </div>
        <DataTable columns={datasetColumns} rows={datasets} rowKey={(d) => d.id} empty={t('manage.noDatasets')} />
        <Pager {...datasetPaging} param="datasets" anchor="manage-datasets" />
      </section>
    </div>
  );
}
