/** /account/applications — my applications for conditional data, their decisions, and the access I hold. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { withdrawApplication } from '~/actions/access.server';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { listApplicationsOfApplicant, listGrantsOfUser } from '~/models/access-grants.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent, readPage } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = readPage(new URL(request.url));
  const { applications, total } = await listApplicationsOfApplicant(user.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const now = Date.now();
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    applications: applications.map((a) => ({ id: a.id, datasetSlug: a.datasetSlug, datasetTitle: a.datasetTitle, status: a.status, reason: a.decisionReason, createdAt: a.createdAt, decidedAt: a.decidedAt })),
    grants: (await listGrantsOfUser(user, { limit: PAGE_SIZE, offset: 0 })).map((g) => {
      const until = g.challengeJudgingEndsAt && g.challengeJudgingEndsAt < g.expiresAt ? g.challengeJudgingEndsAt : g.expiresAt;
      return { id: g.id, datasetSlug: g.datasetSlug, datasetTitle: g.datasetTitle, challengeTitle: g.challengeTitle, until, revokedAt: g.revokedAt, active: g.revokedAt === null && until.getTime() > now };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = readIntent(await request.formData());
  if (intent.name !== 'withdraw' || intent.id === null) throw new Response('Bad Request', { status: 400 });
  valueOrThrow(await withdrawApplication(webActor(user, context), intent.id));
  return redirect('/account/applications');
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'access.myApplications');

export default function MyApplicationsPage() {
  const { applications, grants, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('access.myApplications')} intro={t('myApplications.intro')} />
      {params.get('applied') ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('apply.submitted')}
        </p>
      ) : null}
      <section aria-labelledby="my-grants" className="mt-8">
        <h2 id="my-grants" className="text-xl font-semibold text-slate-900">
          {t('myApplications.grants')}
        </h2>
        <DataTable
          rows={grants}
          rowKey={(g) => g.id}
          empty={t('myApplications.noGrants')}
          columns={[
            { header: t('applications.dataset'), cell: (g) => <Link to={`/datasets/${g.datasetSlug}`}>{g.datasetTitle}</Link> },
            { header: t('grants.source'), cell: (g) => (g.challengeTitle ? t('grants.fromChallenge', { challenge: g.challengeTitle }) : t('grants.fromApplication')) },
            {
              header: t('grants.state'),
              cell: (g) =>
                g.active ? t('applications.grantUntil', { date: format.dateTime(g.until) }) : g.revokedAt ? t('applications.grantRevoked', { date: format.dateTime(g.revokedAt) }) : t('grants.expired'),
            },
          ]}
        />
        <p className="mt-2 text-sm text-slate-600">
          {t('myApplications.tokenHint')} <Link to="/account/tokens">{t('me.tokens')}</Link>
        </p>
      </section>
      <section aria-labelledby="my-applications" className="mt-10">
        <h2 id="my-applications" className="text-xl font-semibold text-slate-900">
          {t('myApplications.applications')}
        </h2>
        <DataTable
          rows={applications}
          rowKey={(a) => a.id}
          empty={t('myApplications.none')}
          columns={[
            { header: t('applications.dataset'), cell: (a) => <Link to={`/datasets/${a.datasetSlug}`}>{a.datasetTitle}</Link> },
            { header: t('applications.received'), cell: (a) => format.dateTime(a.createdAt) },
            {
              header: t('applications.status'),
              cell: (a) => (
                <>
                  {t(`applications.status.${a.status}`)}
                  {a.status === 'refused' && a.reason ? <span className="block whitespace-pre-line text-slate-600">{a.reason}</span> : null}
                </>
              ),
            },
            {
              header: '',
              cell: (a) =>
                a.status === 'pending' ? (
                  <Form method="post">
                    <button type="submit" name="intent" value={`withdraw:${a.id}`} className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50">
                      {t('myApplications.withdraw')}
                    </button>
                  </Form>
                ) : null,
            },
          ]}
        />
        <Pager page={page} pages={pages} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
