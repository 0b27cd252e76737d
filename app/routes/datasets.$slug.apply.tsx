/**
 * /datasets/:slug/apply — apply to read a conditional dataset (有条件开放), or, for an official of
 * another department, conditionally shared data (有条件共享); and, for a challenge that opens the
 * dataset to its entrants, take that access by accepting the agreement.
 */
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { acceptEntrantAccess, applyForAccess } from '~/actions/access.server';
import { ApplicationForm } from '~/components/application-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { applicationKindsFor } from '~/lib/access';
import { applicationSchema } from '~/lib/validation/access';
import { challengesLinkingDataset, currentAgreement, entriesOfUserInChallenge, servedResourcesOf } from '~/models/access-grants.server';
import { getDatasetForViewer } from '~/models/datasets.server';
import { formRefusal, webActor } from '~/services/actors.server';
import { renderMarkdown } from '~/services/markdown.server';
import { requireUser } from '~/services/session.server';

async function load(request: Request, slug: string) {
  const user = await requireUser(request);
  const dataset = await getDatasetForViewer({ slug, viewer: user });
  if (!dataset) throw new Response('Not Found', { status: 404 });
  return { user, dataset };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, dataset } = await load(request, params.slug ?? '');
  const now = new Date();
  const agreement = await currentAgreement(dataset.id);
  const kinds = agreement ? applicationKindsFor(dataset, user) : [];
  const challenges = dataset.accessLevel === 'conditional' || kinds.length > 0 ? await challengesLinkingDataset(dataset.id) : [];
  const url = new URL(request.url);
  return {
    dataset: { slug: dataset.slug, title: dataset.title, rows: dataset.rows, openConditions: dataset.openConditions, sharingConditions: dataset.sharingConditions, accessLevel: dataset.accessLevel },
    kinds,
    emailVerified: user.emailVerified,
    departmentName: user.departmentName,
    agreementHtml: agreement ? renderMarkdown(agreement.body) : '',
    agreementVersion: agreement?.version ?? 0,
    resources: await servedResourcesOf(dataset.id),
    challenges: challenges.map((c) => ({ slug: c.slug, title: c.title })),
    // Challenges that open the data to entrants right now (between opening and the deadline).
    entrantChallenges: dataset.accessLevel === 'conditional' && agreement ? challenges.filter((c) => c.entrantAccess && now >= c.opensAt && now < c.closesAt).map((c) => ({ slug: c.slug, title: c.title, judgingEndsAt: c.judgingEndsAt })) : [],
    entries: (await Promise.all(challenges.map(async (c) => (await entriesOfUserInChallenge(user.id, c.id)).map((e) => ({ ...e, challengeTitle: c.title }))))).flat(),
    defaults: { challenge: url.searchParams.get('challenge') ?? undefined, entry: url.searchParams.get('entry') ?? undefined },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, dataset } = await load(request, params.slug ?? '');
  const form = await request.formData();
  const actor = webActor(user, context);
  if (form.get('intent') === 'entrant') {
    const accepted = await acceptEntrantAccess(actor, dataset.id, String(form.get('challenge') ?? ''));
    if (!accepted.ok) return { entrantError: accepted.problem.message, result: null };
    return redirect(`/datasets/${dataset.slug}`);
  }
  const submission = parseWithZod(form, { schema: applicationSchema });
  if (submission.status !== 'success') return { result: submission.reply(), entrantError: null };
  const applied = await applyForAccess(actor, dataset.id, submission.value);
  if (!applied.ok) return { ...formRefusal(submission, applied.problem), entrantError: null };
  return redirect('/account/applications?applied=1');
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => (data ? pageMeta(matches, { literal: data.dataset.title }) : errorPageMeta(matches, error));

export default function ApplyPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();
  const { dataset } = data;
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('apply.title', { dataset: dataset.title })}</h1>
      {dataset.rows !== 'none' ? <p className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">{t('access.sharedWithYou')}</p> : null}
      {data.entrantChallenges.map((challenge) => (
        <section key={challenge.slug} aria-labelledby={`entrant-${challenge.slug}`} className="mt-6 rounded-md border border-gold-300 bg-gold-50 p-4 text-sm">
          <h2 id={`entrant-${challenge.slug}`} className="font-semibold text-slate-900">
            {t('apply.entrantTitle')}
          </h2>
          <p className="mt-1 text-slate-800">{t('apply.entrantBody', { challenge: challenge.title, date: format.date(challenge.judgingEndsAt) })}</p>
          <div className="prose-jdz mt-2 max-h-60 overflow-y-auto" tabIndex={0} dangerouslySetInnerHTML={{ __html: data.agreementHtml }} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="entrant" />
            <input type="hidden" name="challenge" value={challenge.slug} />
            <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
              {t('apply.entrantAccept')}
            </button>
          </Form>
        </section>
      ))}
      {actionData?.entrantError ? <ErrorList errors={[actionData.entrantError]} /> : null}
      {!data.emailVerified ? (
        <p className="mt-6 rounded-md border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900">{t('apply.unverified')}</p>
      ) : data.kinds.length === 0 ? (
        <p className="mt-6 text-slate-700">{t('apply.notApplicable')}</p>
      ) : (
        <>
          <p className="mt-4 text-slate-700">{t('apply.intro')}</p>
          {dataset.openConditions && data.kinds.includes('person') ? (
            <div className="mt-4 text-sm">
              <h2 className="font-semibold text-slate-900">{t('access.openConditions')}</h2>
              <p className="mt-1 whitespace-pre-line text-slate-700">{dataset.openConditions}</p>
            </div>
          ) : null}
          {dataset.sharingConditions && data.kinds.includes('department') ? (
            <div className="mt-4 text-sm">
              <h2 className="font-semibold text-slate-900">{t('access.sharingConditions')}</h2>
              <p className="mt-1 whitespace-pre-line text-slate-700">{dataset.sharingConditions}</p>
            </div>
          ) : null}
          <div className="mt-8">
            <ApplicationForm
              lastResult={actionData?.result}
              kinds={data.kinds}
              resources={data.resources}
              challenges={data.challenges}
              entries={data.entries}
              agreementHtml={data.agreementHtml}
              agreementVersion={data.agreementVersion}
              departmentName={data.departmentName}
              defaults={data.defaults}
            />
          </div>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
