/**
 * /manage/datasets/:slug/grants — who may read the dataset on condition (approved applications,
 * challenge entrants, other departments), revocation, and the log of every read under a grant.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { revokeGrant } from '~/actions/access.server';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { Pager } from '~/components/page';
import { listGrantReads, listGrantsForDataset } from '~/models/access-grants.server';
import { getManagedDataset } from '~/models/datasets.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent, readPage } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

const PAGE_SIZE = 50;

async function load(request: Request, slug: string | undefined) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  return { user, dataset };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dataset } = await load(request, params.slug);
  const url = new URL(request.url);
  const grantPage = readPage(url, 'grants');
  const readPageNumber = readPage(url, 'reads');
  const { grants, total: grantTotal } = await listGrantsForDataset(dataset.id, { limit: PAGE_SIZE, offset: (grantPage - 1) * PAGE_SIZE });
  const { reads, total: readTotal } = await listGrantReads(dataset.id, { limit: PAGE_SIZE, offset: (readPageNumber - 1) * PAGE_SIZE });
  const now = Date.now();
  return {
    dataset: { slug: dataset.slug, title: dataset.title },
    grants: grants.map((g) => ({
      ...g,
      // In force: not revoked, not expired, and for entrants not past the end of judging.
      active: g.revokedAt === null && g.expiresAt.getTime() > now && (g.challengeJudgingEndsAt === null || g.challengeJudgingEndsAt.getTime() > now),
    })),
    grantPage,
    grantPages: Math.max(1, Math.ceil(grantTotal / PAGE_SIZE)),
    reads,
    readPage: readPageNumber,
    readPages: Math.max(1, Math.ceil(readTotal / PAGE_SIZE)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, dataset } = await load(request, params.slug);
  const intent = readIntent(await request.formData());
  if (intent.name !== 'revoke' || intent.id === null) throw new Response('Bad Request', { status: 400 });
  valueOrThrow(await revokeGrant(webActor(user, context), intent.id));
  return redirect(`/manage/datasets/${dataset.slug}/grants`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.dataset.title }) : pageMeta(matches, 'manage.title'));

export default function GrantsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/datasets/${data.dataset.slug}`}>← {data.dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('grants.link')}</h1>
      <section aria-labelledby="grants" className="mt-8">
        <h2 id="grants" className="text-xl font-semibold text-slate-900">
          {t('grants.title')}
        </h2>
        <DataTable
          rows={data.grants}
          rowKey={(g) => g.id}
          empty={t('grants.empty')}
          columns={[
            { header: t('grants.holder'), cell: (g) => (g.departmentName ? g.departmentName : g.userName ? `${g.userName} · ${g.userEmail ?? ''}` : t('grants.deletedAccount')) },
            {
              header: t('grants.source'),
              cell: (g) =>
                g.applicationId ? <Link to={`/manage/applications/${g.applicationId}`}>{t('grants.fromApplication')}</Link> : g.challengeTitle ? t('grants.fromChallenge', { challenge: g.challengeTitle }) : '',
            },
            { header: t('grants.period'), cell: (g) => `${format.date(g.startsAt)} – ${format.date(g.challengeJudgingEndsAt && g.challengeJudgingEndsAt < g.expiresAt ? g.challengeJudgingEndsAt : g.expiresAt)}` },
            { header: t('grants.reads'), cell: (g) => format.number(g.reads), className: 'tabular-nums' },
            {
              header: t('grants.state'),
              cell: (g) =>
                g.active ? (
                  <Form method="post">
                    <button type="submit" name="intent" value={`revoke:${g.id}`} className="rounded-md border border-rose-300 px-2 py-1 text-xs font-medium text-rose-800 hover:bg-rose-50">
                      {t('grants.revoke')}
                    </button>
                  </Form>
                ) : g.revokedAt ? (
                  t('applications.grantRevoked', { date: format.dateTime(g.revokedAt) })
                ) : (
                  t('grants.expired')
                ),
            },
          ]}
        />
        <Pager page={data.grantPage} pages={data.grantPages} param="grants" anchor="grants" />
      </section>
      <section aria-labelledby="reads" className="mt-12">
        <h2 id="reads" className="text-xl font-semibold text-slate-900">
          {t('grants.readLog')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('grants.readLogIntro')}</p>
        <DataTable
          rows={data.reads}
          rowKey={(r) => r.id}
          empty={t('grants.noReads')}
          columns={[
            { header: t('grants.when'), cell: (r) => format.dateTime(r.at) },
            { header: t('grants.who'), cell: (r) => (r.userName ? `${r.userName} · ${r.userEmail ?? ''}` : t('grants.deletedAccount')) },
            { header: t('grants.what'), cell: (r) => `${r.resourceName ?? ''} · ${t(`grants.kind.${r.kind}`)}` },
            { header: t('grants.rows'), cell: (r) => format.number(r.rowCount), className: 'tabular-nums' },
            { header: t('grants.query'), cell: (r) => <code className="break-all text-xs">{r.query}</code> },
          ]}
        />
        <Pager page={data.readPage} pages={data.readPages} param="reads" anchor="reads" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
