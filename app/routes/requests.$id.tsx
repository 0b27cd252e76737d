import { keepRetryAfter } from '~/lib/error-headers';
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { useHydrated } from '~/components/use-hydrated';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { RequestStatusBadge } from '~/components/request-status';
import { ANSWER_STATUSES, answerSchema, DECLINE_REASON_VALUES, type AnswerStatus } from '~/lib/validation/data-request';
import { answerDataRequest, toggleRequestVote } from '~/actions/data-requests.server';
import { getDataRequest } from '~/models/data-requests.server';
import { announceChallengeToRequests, linkRequestToChallenge } from '~/actions/challenge-requests.server';
import { canStartChallengeFrom, linkableChallenges, type LinkableChallenge } from '~/models/challenge-requests.server';
import type { MessageKey } from '~/lib/i18n';
import { refusalResponse, valueOrThrow, webActor } from '~/services/actors.server';
import { publishedDatasetOptions } from '~/models/datasets.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { throwRateLimited, voteLimiter } from '~/services/rate-limit.server';
import { getUser, requireUser, requireVerifiedEmail } from '~/services/session.server';
import { DiscussionSection } from '~/components/discussion';
import { FollowButton } from '~/components/follow-button';
import { resolveCommentTarget } from '~/models/comments.server';
import { isFollowing } from '~/models/follows.server';
import { discussionPosition, handleCommentIntent, isCommentIntent, loadDiscussion } from '~/services/discussion.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const found = await getDataRequest(requireIdParam(params.id), viewer);
  if (!found) throw new Response('Not Found', { status: 404 });
  const now = new Date();
  const target = await resolveCommentTarget('data_request', found.id, viewer, now);
  const startsChallenges = viewer !== null && canStartChallengeFrom(viewer, found);
  return {
    discussion: target ? await loadDiscussion(target, viewer, now, discussionPosition(new URL(request.url))) : null,
    following: await isFollowing(viewer?.id, 'data_request', found.id),
    request: found, datasets: found.canAnswer ? await publishedDatasetOptions() : [], today: new Date().toISOString().slice(0, 10),
    linkable: startsChallenges && viewer ? await linkableChallenges(viewer, found.id) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireIdParam(params.id);
  const form = await request.formData();
  const intent = readIntent(form);
  if (isCommentIntent(intent.name)) return await handleCommentIntent({ intent: intent.name, form, user, type: 'data_request', targetId: id, request, context });
  if (intent.name === 'vote') {
    requireVerifiedEmail(user, request);
    const limited = await voteLimiter.attempt(`user:${user.id}`, Date.now());
    if (!limited.allowed) throwRateLimited(limited.retryAfterMs);
    valueOrThrow(await toggleRequestVote(webActor(user, context), id));
    return redirect(`/requests/${id}`);
  }
  if (intent.name === 'link-challenge') {
    const challengeId = Number(form.get('challengeId'));
    const now = new Date();
    const linked = await linkRequestToChallenge(webActor(user, context), Number.isSafeInteger(challengeId) ? challengeId : 0, id, now);
    if (!linked.ok) {
      if (!linked.problem.field) throw refusalResponse(linked.problem);
      return { linkError: linked.problem.message };
    }
    await announceChallengeToRequests(challengeId, user.id, now);
    return redirect(`/requests/${id}#history`);
  }
  if (intent.name === 'answer') {
    const submission = parseWithZod(form, { schema: answerSchema(new Date()) });
    if (submission.status !== 'success') return { result: submission.reply() };
    const v = submission.value;
    const answered = await answerDataRequest(webActor(user, context), id, { status: v.status, note: v.note, datasetSlug: v.dataset, plannedFor: v.plannedFor, declineReason: v.declineReason });
    if (!answered.ok) {
      if (!answered.problem.field) throw refusalResponse(answered.problem);
      return { result: submission.reply({ fieldErrors: { [answered.problem.field]: [answered.problem.message] } }) };
    }
    return redirect(`/requests/${id}`);
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => (data ? pageMeta(matches, { literal: data.request.title }, data.request.description) : errorPageMeta(matches, error));

function AnswerForm({ datasets, lastResult }: { datasets: { slug: string; title: string; departmentName: string }[]; lastResult: Parameters<typeof useValidatedForm>[1]['lastResult'] }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(answerSchema(new Date()), { id: 'answer', lastResult });
  const [status, setStatus] = useState<AnswerStatus | ''>((fields.status.initialValue as AnswerStatus | undefined) ?? '');
  // Without JavaScript every field is shown; with it, only those the chosen outcome needs.
  const all = !useHydrated();
  const needsDataset = all || status === 'exists' || status === 'fulfilled' || status === 'released';
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="answer" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('requests.answer.outcome')}</legend>
        <div className="mt-2 space-y-2">
          {ANSWER_STATUSES.map((value) => (
            <label key={value} className="flex items-start gap-2 text-sm text-slate-800">
              <input type="radio" name={fields.status.name} value={value} defaultChecked={fields.status.initialValue === value} onChange={() => setStatus(value)} className="mt-1" />
              <span>
                <span className="font-medium">{t(`requests.status.${value}`)}</span> — {t(`requests.answer.help.${value}`)}
              </span>
            </label>
          ))}
        </div>
        <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
      </fieldset>
      {all || status === 'planned' || fields.plannedFor.errors ? (
        <FormField field={fields.plannedFor} type="text" label={t('requests.answer.plannedFor')} hint={t('requests.answer.plannedForHint')} />
      ) : null}
      {needsDataset || fields.dataset.errors ? (
        <SelectField
          field={fields.dataset}
          label={t('requests.answer.dataset')}
          placeholder={t('requests.answer.chooseDataset')}
          options={datasets.map((d) => ({ value: d.slug, label: `${d.title}（${d.departmentName}）` }))}
        />
      ) : null}
      {all || status === 'declined' || fields.declineReason.errors ? (
        <SelectField
          field={fields.declineReason}
          label={t('requests.answer.declineReason')}
          placeholder={t('requests.answer.chooseReason')}
          options={DECLINE_REASON_VALUES.map((r) => ({ value: r, label: t(`requests.decline.${r}`) }))}
        />
      ) : null}
      <TextareaField field={fields.note} label={t('requests.answer.note')} hint={t('requests.answer.noteHint')} rows={4} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="max-w-xs">
        <SubmitButton pending={navigation.state === 'submitting'}>{t('requests.answer.submit')}</SubmitButton>
      </div>
    </Form>
  );
}

/** For the department that may answer: start a challenge from the request, or link one it already runs. */
function ChallengeFromRequest({ requestId, linkable, error }: { requestId: number; linkable: LinkableChallenge[]; error?: MessageKey }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <section id="challenges" className="mt-10 rounded-lg border border-slate-200 p-5" aria-labelledby="challenges-title">
      <h2 id="challenges-title" className="text-lg font-semibold text-slate-900">
        {t('requests.challenge.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('requests.challenge.intro')}</p>
      <p className="mt-3">
        <Link to={`/manage/challenges/new?request=${requestId}`} className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-800">
          {t('requests.challenge.start')}
        </Link>
      </p>
      {linkable.length > 0 ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="link-challenge" />
          <div>
            <label htmlFor="challengeId" className="block text-sm font-medium text-slate-800">
              {t('requests.challenge.link')}
            </label>
            <select
              id="challengeId"
              name="challengeId"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'challengeId-error' : undefined}
              className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-3 py-2"
            >
              {linkable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}（{c.departmentName} · {t(`requests.challenge.status.${c.status === 'published' ? 'published' : 'draft'}`)}）
                </option>
              ))}
            </select>
            {error ? (
              <p id="challengeId-error" className="mt-1 text-sm text-red-700">
                {t(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={navigation.state === 'submitting'} className="rounded-md border border-brand-700 px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50">
            {t('requests.challenge.linkSubmit')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function DataRequestPage() {
  const { request, datasets, discussion, following, linkable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();

  return (
    <article className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to="/requests">← {t('requests.title')}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{request.title}</h1>
        <RequestStatusBadge status={request.status} />
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {t('requests.askedBy', { name: request.requesterName, date: format.date(request.createdAt) })}
        {request.departmentName ? ` · ${t('requests.departmentIs', { name: request.departmentName })}` : ''}
      </p>

      <div className="mt-6 flex flex-wrap items-center gap-4 rounded-lg bg-slate-50 p-4">
        <p className="text-lg font-semibold text-slate-900">{t('requests.votes', { count: request.voteCount })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="vote" />
          <button
            type="submit"
            aria-pressed={request.votedByViewer}
            className={`rounded-md px-4 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
              request.votedByViewer ? 'border border-brand-700 bg-white text-brand-800' : 'bg-brand-700 text-white hover:bg-brand-800'
            }`}
          >
            {request.votedByViewer ? t('requests.unvote') : t('requests.vote')}
          </button>
        </Form>
        <p className="text-sm text-slate-600">{t('requests.voteHelp')}</p>
        <FollowButton targetType="data_request" targetId={request.id} following={following} />
      </div>

      <section className="mt-8 space-y-4" aria-labelledby="what">
        <h2 id="what" className="text-lg font-semibold text-slate-900">
          {t('requests.field.description')}
        </h2>
        <p className="whitespace-pre-line text-slate-800">{request.description}</p>
        {request.purpose ? (
          <>
            <h2 className="text-lg font-semibold text-slate-900">{t('requests.field.purpose')}</h2>
            <p className="whitespace-pre-line text-slate-800">{request.purpose}</p>
          </>
        ) : null}
      </section>

      {request.status !== 'open' ? (
        <section className="mt-8 rounded-lg border border-slate-200 p-5" aria-labelledby="answer">
          <h2 id="answer" className="text-lg font-semibold text-slate-900">
            {t('requests.response')}
          </h2>
          <p className="mt-2 font-medium text-slate-900">
            {t(`requests.status.${request.status}`)}
            {request.status === 'planned' && request.plannedFor ? ` · ${t('requests.plannedFor', { date: request.plannedFor })}` : ''}
            {request.status === 'declined' && request.declineReason ? ` · ${t(`requests.decline.${request.declineReason}`)}` : ''}
          </p>
          {request.response ? <p className="mt-2 whitespace-pre-line text-slate-800">{request.response}</p> : null}
          {request.dataset ? (
            <p className="mt-2">
              <Link to={`/datasets/${request.dataset.slug}`}>{t('requests.linkedDataset', { title: request.dataset.title })}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold text-slate-900">
          {t('requests.history')}
        </h2>
        <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
          {request.events.map((event) => (
            <li key={event.id}>
              <p className="text-sm text-slate-600">
                <time dateTime={new Date(event.createdAt).toISOString()}>{format.dateTime(event.createdAt)}</time>
                {event.actorName ? ` · ${event.actorName}` : ''}
              </p>
              {event.kind === 'challenge' ? (
                <p className="font-medium text-slate-900">
                  {t('requests.event.challengeOpened')}
                  {event.challenge ? (
                    <>
                      {' '}
                      <Link to={`/challenges/${event.challenge.slug}`} className="underline">{event.challenge.title}</Link>
                    </>
                  ) : null}
                </p>
              ) : (
                <p className="font-medium text-slate-900">
                  {event.status === 'open' ? t('requests.event.asked') : t(`requests.status.${event.status}`)}
                  {event.plannedFor ? ` · ${t('requests.plannedFor', { date: event.plannedFor })}` : ''}
                  {event.declineReason ? ` · ${t(`requests.decline.${event.declineReason}`)}` : ''}
                </p>
              )}
              {event.note ? <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{event.note}</p> : null}
              {event.dataset ? (
                <p className="mt-1 text-sm">
                  <Link to={`/datasets/${event.dataset.slug}`}>{event.dataset.title}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {request.canAnswer ? (
        <section className="mt-10 rounded-lg border border-brand-200 bg-brand-50/40 p-5" aria-labelledby="respond">
          <h2 id="respond" className="text-lg font-semibold text-slate-900">
            {t('requests.answer.title')}
          </h2>
          <div className="mt-4">
            <AnswerForm datasets={datasets} lastResult={actionData && 'result' in actionData ? actionData.result : undefined} />
          </div>
        </section>
      ) : null}

      {linkable ? <ChallengeFromRequest requestId={request.id} linkable={linkable} error={actionData && 'linkError' in actionData ? actionData.linkError : undefined} /> : null}

      {discussion ? <DiscussionSection discussion={discussion} actionData={actionData} intro={t('comments.intro.data_request')} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const headers = keepRetryAfter;
