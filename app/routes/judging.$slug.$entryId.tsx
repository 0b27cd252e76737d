/**
 * A judge reviews one entry: the entry (without the team under blind judging), one score per
 * criterion, a private note for the organisers and feedback for the team; or declares a conflict.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { EntryContent } from '~/components/entry-content';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList } from '~/components/forms';
import { useFormatters, useLocale, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { formatBytes } from '~/lib/format';
import type { MessageKey } from '~/lib/i18n';
import { parseReview, REVIEW_LIMITS, scoreField, type ReviewErrors, type ReviewValues } from '~/lib/validation/review';
import { declareConflict, saveReview, type ConflictProblem, type ReviewProblem } from '~/actions/judging.server';
import { getReviewForJudge } from '~/models/judging.server';
import { getEntryForViewer } from '~/models/submissions.server';
import { webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { renderMarkdown } from '~/services/markdown.server';
import { requireUser } from '~/services/session.server';

const CONFLICT_REASON_MAX = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const entryId = requireIdParam(params.entryId);
  const review = await getReviewForJudge(user, params.slug ?? '', entryId, now);
  // The entry is loaded through the same access rules as everywhere else: a judge of a blind
  // challenge gets no team names, members or e-mails in this payload at all.
  const entry = review ? await getEntryForViewer(entryId, user, now) : undefined;
  if (!review || !entry) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  return {
    review,
    entry: { id: entry.id, title: entry.title, kind: entry.kind, summary: entry.summary, links: entry.links, datasets: entry.datasets, attachments: entry.attachments, teamName: entry.teamName, members: entry.members.map((m) => ({ id: m.id, name: m.name })) },
    bodyHtml: renderMarkdown(entry.body),
    saved: url.searchParams.get('saved') === '1',
  };
}

type ActionData =
  | { kind: 'invalid'; errors: ReviewErrors; values: ReviewValues }
  | { kind: 'problem'; problem: ReviewProblem | ConflictProblem; values?: ReviewValues; reason?: string }
  | { kind: 'conflictInvalid'; reason: string; error: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireUser(request);
  const now = new Date();
  const slug = params.slug ?? '';
  const entryId = requireIdParam(params.entryId);
  const form = await request.formData();
  const intent = readIntent(form).name;
  const review = await getReviewForJudge(user, slug, entryId, now);
  if (!review) throw new Response('Not Found', { status: 404 });
  const actor = webActor(user, context);

  if (intent === 'conflict') {
    const reason = String(form.get('reason') ?? '').trim();
    if (!reason) return { kind: 'conflictInvalid', reason, error: 'errors.review.conflictReasonRequired' };
    if (reason.length > CONFLICT_REASON_MAX) return { kind: 'conflictInvalid', reason, error: 'errors.review.conflictReasonTooLong' };
    const result = await declareConflict(actor, slug, entryId, reason, now);
    if (!result.ok) return { kind: 'problem', problem: result.problem.code, reason };
    return redirect(`/judging/${slug}?conflict=1`);
  }

  if (intent !== 'save' && intent !== 'complete') throw new Response('Bad Request', { status: 400 });
  const parsed = parseReview(form, review.criteria, intent === 'complete' ? 'complete' : 'draft');
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors, values: parsed.values };
  const saved = await saveReview(actor, slug, entryId, parsed.value, intent === 'complete', now);
  // Refused (judging just ended, or the entry was reassigned): what was typed comes back to the page.
  if (!saved.ok) return { kind: 'problem', problem: saved.problem.code, values: parsed.values };
  if (intent === 'complete') return redirect(review.nextEntryId ? `/judging/${slug}/${review.nextEntryId}` : `/judging/${slug}`);
  return redirect(`/judging/${slug}/${entryId}?saved=1`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => (data ? pageMeta(matches, { literal: data.entry.title || data.review.challenge.title }) : errorPageMeta(matches, error));

export default function ReviewPage() {
  const { review, entry, bodyHtml, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const format = useFormatters();
  const invalid = actionData?.kind === 'invalid' ? actionData : null;
  // Values to show instead of the stored review: after a refused save, exactly what was sent.
  const sent: ReviewValues | null = invalid?.values ?? (actionData?.kind === 'problem' ? (actionData.values ?? null) : null);
  const conflictInvalid = actionData?.kind === 'conflictInvalid' ? actionData : null;
  const problem: ReviewProblem | ConflictProblem | null = actionData?.kind === 'problem' ? (actionData.problem as ReviewProblem) : null;
  const { challenge, criteria } = review;
  const editable = review.editable;
  const scoreValue = (id: number) => (sent ? (sent[scoreField(id)] ?? '') : review.review?.scores[id] !== undefined ? String(review.review.scores[id]) : '');
  const busy = navigation.state === 'submitting';

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/judging/${challenge.slug}`}>← {challenge.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{entry.title || t('entry.untitled')}</h1>
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700">
          {t(`judging.state.${review.review ? review.review.status : 'none'}`)}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {t(`kind.${entry.kind}`)}
        {challenge.blindJudging ? ` · ${t('judging.blindNotice')}` : entry.teamName ? ` · ${entry.teamName}` : ''}
        {!challenge.blindJudging && entry.members.length > 0 ? ` · ${entry.members.map((m) => m.name).join('、')}` : ''}
      </p>

      {saved ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('judging.savedNotice')}
        </p>
      ) : null}
      {!editable ? (
        <p role="status" className="mt-4 rounded-md bg-slate-100 p-3 text-sm text-slate-800">
          {/* Results can come out before the judging period's end: then that, not a future "ended", is the reason. */}
          {challenge.phase === 'results' ? t('judging.readOnlyResults') : t('judging.readOnly', { time: format.dateTime(challenge.judgingEndsAt) })}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {t(`judging.problem.${problem}`)}
        </p>
      ) : null}

      <div className="mt-8 grid gap-10 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <EntryContent entry={entry} bodyHtml={bodyHtml} />
          {entry.attachments.length > 0 ? (
            <section className="mt-8" aria-labelledby="attachments">
              <h2 id="attachments" className="text-lg font-semibold text-slate-900">
                {t('entry.attachments')}
              </h2>
              <ul className="mt-2 space-y-1 text-sm">
                {entry.attachments.map((file) => (
                  <li key={file.id}>
                    <a href={`/entries/${entry.id}/attachments/${file.id}`} className="break-all">
                      {file.filename}
                    </a>{' '}
                    <span className="text-slate-600">{formatBytes(file.byteSize, locale)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <div className="lg:col-span-2">
          <Form method="post" className="space-y-5 rounded-lg border border-slate-200 bg-slate-50 p-5" aria-labelledby="review-title" noValidate>
            <h2 id="review-title" className="text-lg font-semibold text-slate-900">
              {t('judging.yourReview')}
            </h2>
            {criteria.map((criterion) => {
              const field = scoreField(criterion.id);
              const error = invalid?.errors[field];
              return (
                <div key={criterion.id}>
                  <label htmlFor={field} className="block text-sm font-medium text-slate-800">
                    {criterion.name} <span className="font-normal text-slate-600">{t('judging.scoreRange', { max: criterion.maxScore })}</span>
                  </label>
                  {criterion.description ? (
                    <p id={`${field}-hint`} className="mt-0.5 text-sm text-slate-600">
                      {criterion.description}
                    </p>
                  ) : null}
                  <input
                    id={field}
                    name={field}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={criterion.maxScore}
                    step={0.5}
                    defaultValue={scoreValue(criterion.id)}
                    readOnly={!editable}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={[criterion.description ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined}
                    className="mt-1 block w-28 rounded-md border border-slate-300 px-3 py-2"
                  />
                  <ErrorList id={`${field}-error`} errors={error ? [error] : undefined} />
                </div>
              );
            })}
            <div>
              <label htmlFor="feedback" className="block text-sm font-medium text-slate-800">
                {t('judging.feedback')}
              </label>
              <p id="feedback-hint" className="mt-0.5 text-sm text-slate-600">
                {t('judging.feedbackHint')}
              </p>
              <textarea
                id="feedback"
                name="feedback"
                rows={5}
                maxLength={REVIEW_LIMITS.feedback}
                defaultValue={sent ? sent.feedback : (review.review?.feedback ?? '')}
                readOnly={!editable}
                aria-invalid={invalid?.errors.feedback ? true : undefined}
                aria-describedby={invalid?.errors.feedback ? 'feedback-hint feedback-error' : 'feedback-hint'}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
              <ErrorList id="feedback-error" errors={invalid?.errors.feedback ? [invalid.errors.feedback] : undefined} />
            </div>
            <div>
              <label htmlFor="privateNote" className="block text-sm font-medium text-slate-800">
                {t('judging.privateNote')}
              </label>
              <p id="privateNote-hint" className="mt-0.5 text-sm text-slate-600">
                {t('judging.privateNoteHint')}
              </p>
              <textarea
                id="privateNote"
                name="privateNote"
                rows={3}
                maxLength={REVIEW_LIMITS.note}
                defaultValue={sent ? sent.privateNote : (review.review?.privateNote ?? '')}
                readOnly={!editable}
                aria-describedby="privateNote-hint"
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
              <ErrorList id="privateNote-error" errors={invalid?.errors.privateNote ? [invalid.errors.privateNote] : undefined} />
            </div>
            <div role="alert">
              <ErrorList errors={invalid?.errors.form ? [invalid.errors.form] : undefined} />
            </div>
            {editable ? (
              <div className="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="complete" disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
                  {t('judging.complete')}
                </button>
                <button type="submit" name="intent" value="save" disabled={busy} className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60">
                  {t('judging.saveDraft')}
                </button>
              </div>
            ) : null}
            {review.review ? <p className="text-xs text-slate-600">{t('judging.lastSaved', { time: format.dateTime(review.review.updatedAt) })}</p> : null}
          </Form>

          {editable ? (
            <details className="mt-6 rounded-lg border border-slate-200 p-4" open={Boolean(conflictInvalid)}>
              <summary className="cursor-pointer font-medium text-slate-900">{t('judging.declareConflict')}</summary>
              <Form method="post" className="mt-3 space-y-3">
                <p className="text-sm text-slate-700">{challenge.blindJudging ? t('judging.conflictExplainBlind') : t('judging.conflictExplain')}</p>
                <div>
                  <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
                    {t('judging.conflictReason')}
                  </label>
                  <textarea
                    id="reason"
                    name="reason"
                    rows={2}
                    maxLength={CONFLICT_REASON_MAX}
                    defaultValue={conflictInvalid?.reason ?? (actionData?.kind === 'problem' ? (actionData.reason ?? '') : '')}
                    aria-invalid={conflictInvalid ? true : undefined}
                    aria-describedby={conflictInvalid ? 'reason-error' : undefined}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                  />
                  <ErrorList id="reason-error" errors={conflictInvalid ? [conflictInvalid.error] : undefined} />
                </div>
                <button type="submit" name="intent" value="conflict" disabled={busy} className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50">
                  {t('judging.conflictSubmit')}
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
