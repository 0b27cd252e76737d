import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ChallengeForm } from '~/components/challenge-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { updateChallenge } from '~/actions/challenges.server';
import { getManagedChallenge } from '~/models/challenge-management.server';
import { publishedDatasetOptions } from '~/models/datasets.server';
import { formDefaults, parseChallengeForm, problemErrors } from '~/services/challenge-form.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const challenge = await getManagedChallenge(params.slug ?? '', user, new Date());
  if (!challenge) throw new Response('Not Found', { status: 404 });
  return {
    challenge: { slug: challenge.slug, title: challenge.settings.title, status: challenge.status, phase: challenge.phase },
    defaults: formDefaults(challenge.settings, challenge.slug),
    datasetOptions: await publishedDatasetOptions(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const now = new Date();
  const challenge = await getManagedChallenge(params.slug ?? '', user, now);
  if (!challenge) throw new Response('Not Found', { status: 404 });
  const { submission, input } = parseChallengeForm(await request.formData());
  if (!input) return { result: submission.reply() };
  const result = await updateChallenge(webActor(user, context), challenge.id, input, now);
  if (result.ok) return redirect(`/manage/challenges/${result.value.slug}`);
  const { problem } = result;
  if (problem.code === 'changeRefused') return { result: submission.reply({ fieldErrors: problemErrors(problem.details?.problems as Parameters<typeof problemErrors>[0]) }) };
  if (problem.field) return { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] } }) };
  throw refusalResponse(problem);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.challenge.title }) : pageMeta(matches, 'manage.title'));

export default function EditChallengePage() {
  const { challenge, defaults, datasetOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const published = challenge.status === 'published';
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/challenges/${challenge.slug}`}>← {challenge.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('manage.editChallenge')}</h1>
      {published ? <p className="mt-2 rounded-md bg-gold-50 p-3 text-sm text-gold-800">{t('manage.editPublishedNotice')}</p> : null}
      <div className="mt-8">
        <ChallengeForm
          lastResult={actionData?.result}
          defaults={defaults}
          datasetOptions={datasetOptions}
          slugEditable={!published}
          submitLabel={t('manage.save')}
          frozen={{ opensAt: published && challenge.phase !== 'upcoming', criteria: challenge.phase === 'judging' || challenge.phase === 'results' }}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
