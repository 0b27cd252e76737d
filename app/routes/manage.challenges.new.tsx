import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ChallengeForm } from '~/components/challenge-form';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { createTranslator } from '~/lib/i18n';
import { suggestSlug } from '~/lib/validation/dataset';
import { createChallenge } from '~/actions/challenges.server';
import { requestForNewChallenge } from '~/actions/challenge-requests.server';
import { draftFromRequest } from '~/lib/challenge-from-request';
import type { ActingUser } from '~/lib/result';
import { isChallengeSlugTaken } from '~/models/challenge-management.server';
import { publishedDatasetOptions } from '~/models/datasets.server';
import { listDepartments } from '~/models/departments.server';
import { formDefaults, parseChallengeForm } from '~/services/challenge-form.server';
import { getLocale } from '~/services/locale.server';
import { refusalResponse, valueOrThrow, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

const DAY = 86_400_000;

/** `?request=ID` (or the form's `fromRequest`): the data request the new challenge answers, checked for this user. */
async function requestAnswered(user: ActingUser, value: string | null) {
  if (value === null || value === '') return null;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('Not Found', { status: 404 });
  return valueOrThrow(await requestForNewChallenge(user, id));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  if (user.role === 'official' && user.departmentId === null) throw new Response('Forbidden', { status: 403 });
  const t = createTranslator(await getLocale(request));
  const answers = await requestAnswered(user, new URL(request.url).searchParams.get('request'));
  const draft = answers
    ? draftFromRequest(answers, { need: t('challenge.fromRequest.needHeading'), purpose: t('challenge.fromRequest.purposeHeading') })
    : { title: '', summary: '', body: '' };
  // A sensible starting timeline: opens in a week, four weeks to enter, two to judge.
  const start = new Date(Math.ceil(Date.now() / DAY) * DAY + 7 * DAY + 1 * 3_600_000);
  const defaults = formDefaults(
    {
      ...draft,
      prizes: '',
      opensAt: start,
      closesAt: new Date(start.getTime() + 28 * DAY + 9 * 3_600_000),
      judgingEndsAt: new Date(start.getTime() + 42 * DAY + 9 * 3_600_000),
      allowIdeas: true,
      allowPrototypes: true,
      teamSizeLimit: 5,
      blindJudging: false,
      peoplesChoice: false,
      entriesPublic: false,
      // Four equally weighted criteria to start from, in the organiser's language.
      criteria: (['understanding', 'data', 'feasibility', 'novelty'] as const).map((criterion) => ({
        name: t(`challenge.defaultCriteria.${criterion}.name`),
        description: t(`challenge.defaultCriteria.${criterion}.description`),
        weight: 25,
        maxScore: 10,
      })),
      datasetSlugs: answers?.datasetSlug ? [answers.datasetSlug] : [],
    },
    '',
  );
  return {
    answers: answers ? { id: answers.id, title: answers.title } : null,
    defaults,
    datasetOptions: await publishedDatasetOptions(),
    departments: user.role === 'admin' ? (await listDepartments()).map((d) => ({ id: d.id, name: d.name })) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const form = await request.formData();
  const { submission, input } = parseChallengeForm(form);
  if (!input) return { result: submission.reply() };
  const fromRequest = form.get('fromRequest');
  const answers = await requestAnswered(user, typeof fromRequest === 'string' ? fromRequest : null);
  const departmentId = user.role === 'admin' ? Number(form.get('departmentId')) : user.departmentId;
  if (!departmentId || !Number.isInteger(departmentId)) return { result: submission.reply({ formErrors: ['errors.dataset.departmentRequired'] }) };
  let slug = input.slug;
  if (!slug) {
    do slug = suggestSlug(input.title).replace(/^dataset-/, 'challenge-');
    while (await isChallengeSlugTaken(slug));
  }
  const created = await createChallenge(webActor(user, context), departmentId, { ...input, slug }, answers ?? undefined);
  if (created.ok) return redirect(`/manage/challenges/${created.value.slug}`);
  const { problem } = created;
  if (problem.field) return { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] } }) };
  throw refusalResponse(problem);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'manage.newChallenge');

export default function NewChallengePage() {
  const { answers, defaults, datasetOptions, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <p className="text-sm">
        <Link to="/manage">← {t('manage.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('manage.newChallenge')}</h1>
      <p className="mt-2 text-slate-700">{t('manage.newChallengeIntro')}</p>
      {answers ? (
        <p className="mt-4 rounded-md border border-brand-200 bg-brand-50 p-3 text-slate-800">
          {t('challenge.fromRequest.newIntro')} <Link to={`/requests/${answers.id}`} className="underline">{answers.title}</Link>
        </p>
      ) : null}
      <div className="mt-8">
        <ChallengeForm
          hiddenFields={answers ? { fromRequest: String(answers.id) } : undefined}
          lastResult={actionData?.result}
          defaults={defaults}
          datasetOptions={datasetOptions}
          slugEditable
          departments={departments ?? undefined}
          submitLabel={t('manage.saveDraft')}
          frozen={{ opensAt: false, criteria: false }}
        />
      </div>
    </div>
  );
}
