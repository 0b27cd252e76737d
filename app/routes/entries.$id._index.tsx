/**
 * One entry. Team members edit it here (saved automatically, every save a revision; a teammate's
 * newer save is shown as a conflict instead of being overwritten), the owner submits, withdraws
 * and manages the team; everyone else who may see it gets a read-only view.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { EntryContent } from '~/components/entry-content';
import { TeamFeedback } from '~/components/team-feedback';
import { VoteButton } from '~/components/vote-button';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList } from '~/components/forms';
import { useFormatters, useLocale, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { useHydrated } from '~/components/use-hydrated';
import { formatBytes } from '~/lib/format';
import type { MessageKey } from '~/lib/i18n';
import type { Problem } from '~/lib/result';
import { emailField } from '~/lib/validation/auth';
import { ENTRY_LIMITS, entryDraftSchema, linkProblems, type EntryDraft, type SubmitProblem } from '~/lib/validation/entry';
import * as entryActions from '~/actions/entries.server';
import { answerAdoptionClaim } from '~/actions/adoptions.server';
import { AdoptionPanel } from '~/components/adoption';
import { adoptionOfEntry, adoptionTarget, adoptionTimeline, canKeepAdoption } from '~/models/adoptions.server';
import { publishedDatasetOptions } from '~/models/datasets.server';
import { getTeamFeedback } from '~/services/results.server';
import { voteContextForEntry } from '~/models/votes.server';
import { getEntryForViewer, MAX_ATTACHMENTS, saveEntry, type EntryFields } from '~/models/submissions.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { renderMarkdown } from '~/services/markdown.server';
import { entrySaveLimiter } from '~/services/rate-limit.server';
import { getUser, requireUser } from '~/services/session.server';
import { DiscussionSection } from '~/components/discussion';
import { resolveCommentTarget } from '~/models/comments.server';
import { discussionPosition, handleCommentIntent, isCommentIntent, loadDiscussion } from '~/services/discussion.server';
import { maxAttachmentBytes } from '~/services/uploads.server';
import { refusalResponse, webActor } from '~/services/actors.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const now = new Date();
  const entry = await getEntryForViewer(requireIdParam(params.id), viewer, now);
  if (!entry) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  const attachmentError = url.searchParams.get('attachmentError');
  return {
    entry,
    bodyHtml: renderMarkdown(entry.body),
    datasetOptions: entry.access.edit ? await publishedDatasetOptions() : [],
    attachmentError: attachmentError && ['tooLarge', 'unsupported', 'mismatch', 'missing', 'locked', 'tooMany', 'badName'].includes(attachmentError) ? attachmentError : null,
    attachmentLimits: { maxMb: Math.round(maxAttachmentBytes() / 1048576), maxCount: MAX_ATTACHMENTS },
    feedback: (await getTeamFeedback(entry.id, viewer, now)) ?? null,
    vote: entry.status === 'submitted' ? await voteContextForEntry(entry.id, viewer, now) : null,
    flash: url.searchParams.get('submitted') ? 'submitted' : url.searchParams.get('saved') ? 'saved' : null,
    discussion: await discussionFor(entry.id, viewer, now, url),
    adoption: await adoptionFor(entry.id, viewer),
  };
}

/** The entry's adoption record with its latest updates, and whether the viewer may report on it. */
async function adoptionFor(entryId: number, viewer: Awaited<ReturnType<typeof getUser>>) {
  const record = await adoptionOfEntry(entryId);
  const target = viewer && (viewer.role === 'official' || viewer.role === 'admin') ? await adoptionTarget(entryId) : undefined;
  const canReport = target !== undefined && canKeepAdoption(viewer, target) ? target.challengeSlug : null;
  if (!record) return canReport ? { entryId, record: null, updates: [], reportAt: canReport } : null;
  return { entryId, record, updates: await adoptionTimeline(record.id, ENTRY_PAGE_UPDATES), reportAt: canReport };
}

/** The entry page shows the newest updates; the department's record page shows them all. */
const ENTRY_PAGE_UPDATES = 20;

/** Public entries have a public discussion; drafts and entries still private to the team do not. */
async function discussionFor(entryId: number, viewer: Awaited<ReturnType<typeof getUser>>, now: Date, url: URL) {
  const target = await resolveCommentTarget('submission', entryId, viewer, now);
  return target ? await loadDiscussion(target, viewer, now, discussionPosition(url)) : null;
}

type FieldErrors = Partial<Record<keyof EntryDraft | 'email' | 'form', MessageKey[]>>;
type ActionData =
  | { kind: 'saved'; version: number; savedAt: string; warnings: FieldErrors }
  | { kind: 'invalid'; errors: FieldErrors; values: Record<string, string | string[]> }
  | { kind: 'conflict'; theirs: EntryFields & { version: number; updatedAt: Date }; yours: Record<string, string | string[]> }
  | { kind: 'locked'; reason: string | null }
  | { kind: 'team'; errors?: FieldErrors; ok?: MessageKey };

function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of ['kind', 'title', 'teamName', 'summary', 'body', 'repository', 'demo', 'video']) values[key] = String(form.get(key) ?? '');
  values.datasets = form.getAll('datasets').map(String);
  return values;
}

function zodErrors(error: { issues: { path: (string | number)[]; message: string }[] }): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form') as keyof FieldErrors;
    (errors[field] ??= []).push(issue.message as MessageKey);
  }
  return errors;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const entryId = requireIdParam(params.id);
  const now = new Date();
  const form = await request.formData();
  const intent = readIntent(form);
  // The discussion of a public entry is open to everyone signed in.
  if (isCommentIntent(intent.name)) return await handleCommentIntent({ intent: intent.name, form, user, type: 'submission', targetId: entryId, request, context });
  return await entryAction({ user, entryId, now, form, intent, context });
}

async function entryAction({
  user,
  entryId,
  now,
  form,
  intent,
  context,
}: {
  user: Awaited<ReturnType<typeof requireUser>>;
  entryId: number;
  now: Date;
  form: FormData;
  intent: ReturnType<typeof readIntent>;
  context: ActionFunctionArgs['context'];
}): Promise<ActionData | Response> {
  // Only its team changes an entry; to anyone else it is not found, whatever the form says.
  const entry = await getEntryForViewer(entryId, user, now);
  if (!entry?.membership) throw new Response('Not Found', { status: 404 });
  // Background saves stay on the page (a redirect would navigate the fetcher's page away).
  const background = form.get('autosave') === '1';
  const actor = webActor(user, context);
  // A refusal because the entry can no longer change shows why; anything else is its error page.
  const lockedOr = (problem: Problem): ActionData => {
    if (problem.code !== 'locked') throw refusalResponse(problem);
    return { kind: 'locked', reason: (problem.details?.reason as string | undefined) ?? null };
  };

  if (intent.name === 'save' || intent.name === 'submit') {
    if (!(await entrySaveLimiter.attempt(`user:${user.id}`, now.getTime())).allowed) return { kind: 'invalid', errors: { form: ['entry.tooManySaves'] }, values: formValues(form) };
    const parsed = entryDraftSchema.safeParse({ ...Object.fromEntries(form), datasets: form.getAll('datasets') });
    if (!parsed.success) return { kind: 'invalid', errors: zodErrors(parsed.error), values: formValues(form) };
    const saved = await saveEntry(user, entryId, parsed.data, now);
    if (!saved) throw new Response('Not Found', { status: 404 });
    if (!saved.ok) {
      if (saved.problem === 'conflict') return { kind: 'conflict', theirs: saved.theirs, yours: formValues(form) };
      return { kind: 'locked', reason: saved.reason };
    }
    if (intent.name === 'submit') {
      // The draft above is kept; submitting waits until the address is verified.
      if (!user.emailVerified) return { kind: 'locked', reason: 'unverified' };
      const submitted = await entryActions.submitEntry(actor, entryId, now, { title: parsed.data.title, challengeTitle: entry.challenge.title });
      if (!submitted.ok) {
        const { problem } = submitted;
        if (problem.code === 'incomplete') {
          const errors: FieldErrors = {};
          for (const missing of problem.details?.problems as SubmitProblem[]) (errors[missing.field] ??= []).push(missing.message);
          return { kind: 'invalid', errors: { ...errors, form: ['entry.notSubmitted'] }, values: formValues(form) };
        }
        return lockedOr(problem);
      }
      return redirect(`/entries/${entryId}?submitted=1`);
    }
    // Links that will not work are kept (nothing is lost) but pointed out.
    const warnings: FieldErrors = {};
    for (const problem of linkProblems(parsed.data)) (warnings[problem.field] ??= []).push(problem.message);
    if (background || Object.keys(warnings).length > 0) return { kind: 'saved', version: saved.version, savedAt: now.toISOString(), warnings };
    return redirect(`/entries/${entryId}?saved=1`);
  }

  if (intent.name === 'withdraw') {
    const done = await entryActions.withdrawEntry(actor, entryId, now);
    if (!done.ok) return lockedOr(done.problem);
    return redirect(`/entries/${entryId}`);
  }

  if (intent.name === 'invite') {
    const email = emailField.safeParse(String(form.get('email') ?? ''));
    if (!email.success) return { kind: 'team', errors: { email: ['errors.email.invalid'] } };
    const result = await entryActions.inviteMember(actor, entryId, email.data, now, { name: entry.teamName || entry.title, challengeTitle: entry.challenge.title });
    if (!result.ok) {
      if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
      return { kind: 'team', errors: { email: [result.problem.message] } };
    }
    return { kind: 'team', ok: result.value.pending ? 'entry.invitedPending' : 'entry.invited' };
  }

  if (intent.name === 'remove-member' && intent.id !== null) {
    const removed = await entryActions.removeMember(actor, entryId, intent.id, now);
    if (!removed.ok) return lockedOr(removed.problem);
    return redirect(`/entries/${entryId}#team`);
  }

  if (intent.name === 'adoption-confirm' || intent.name === 'adoption-dispute') {
    const note = String(form.get('note') ?? '').trim().slice(0, 1000);
    const answered = await answerAdoptionClaim(actor, entryId, intent.name === 'adoption-confirm' ? 'confirmed' : 'disputed', note, now);
    if (!answered.ok) throw refusalResponse(answered.problem);
    return redirect(`/entries/${entryId}#adoption`);
  }

  if (intent.name === 'delete-attachment' && intent.id !== null) {
    const removed = await entryActions.deleteAttachment(actor, entryId, intent.id, now);
    if (!removed.ok) throw refusalResponse(removed.problem);
    return redirect(`/entries/${entryId}#attachments`);
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => (data ? pageMeta(matches, { literal: data.entry.title || data.entry.challenge.title }) : errorPageMeta(matches, error));

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return <ErrorList id={id} errors={errors} />;
}

function EntryEditor({ entry, datasetOptions, actionData }: { entry: ReturnType<typeof useLoaderData<typeof loader>>['entry']; datasetOptions: { slug: string; title: string; departmentName: string }[]; actionData?: ActionData }) {
  const t = useT();
  const format = useFormatters();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const autosave = useFetcher<ActionData>();
  const formRef = useRef<HTMLFormElement>(null);
  const [version, setVersion] = useState(entry.version);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const invalid = actionData?.kind === 'invalid' ? actionData : null;
  const conflict = autosave.data?.kind === 'conflict' ? autosave.data : actionData?.kind === 'conflict' ? actionData : null;
  const warnings = autosave.data?.kind === 'saved' ? autosave.data.warnings : actionData?.kind === 'saved' ? actionData.warnings : {};
  const errors: FieldErrors = { ...warnings, ...(invalid?.errors ?? {}), ...(autosave.data?.kind === 'invalid' ? autosave.data.errors : {}) };
  // What was sent comes back after a refused save, so nothing typed is lost even without JavaScript.
  const sent = invalid?.values ?? (actionData?.kind === 'conflict' ? actionData.yours : null);
  const value = (name: keyof EntryFields) => (sent ? String(sent[name] ?? '') : name === 'repository' || name === 'demo' || name === 'video' ? (entry.links[name] ?? '') : String(entry[name as 'title'] ?? ''));
  const chosen = new Set(sent ? (sent.datasets as string[]) : entry.datasets.map((d) => d.slug));

  useEffect(() => {
    if (autosave.state === 'idle' && autosave.data?.kind === 'saved') {
      setVersion(autosave.data.version);
      setSavedAt(autosave.data.savedAt);
      setDirty(false);
    }
  }, [autosave.state, autosave.data]);

  // Save a few seconds after typing stops; a conflict stops autosaving until it is resolved.
  useEffect(() => {
    if (!dirty || conflict || autosave.state !== 'idle') return;
    const timer = setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      data.set('intent', 'save');
      data.set('autosave', '1');
      autosave.submit(data, { method: 'post' });
    }, 2500);
    return () => clearTimeout(timer);
  }, [dirty, conflict, autosave]);

  const input = (name: keyof EntryFields, label: string, max: number, hint?: string) => (
    <div>
      <label htmlFor={`entry-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`entry-${name}`}
        name={name}
        defaultValue={value(name)}
        maxLength={max}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `entry-${name}-hint` : '', errors[name] ? `entry-${name}-error` : ''].filter(Boolean).join(' ') || undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {hint ? (
        <p id={`entry-${name}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`entry-${name}-error`} errors={errors[name]} />
    </div>
  );

  return (
    <>
      {conflict ? (
        <section role="alert" className="mb-6 rounded-lg border border-rose-300 bg-rose-50 p-4">
          <h2 className="font-semibold text-rose-900">{t('entry.conflictTitle')}</h2>
          <p className="mt-1 text-sm text-rose-900">{t('entry.conflictBody', { time: format.dateTime(conflict.theirs.updatedAt) })}</p>
          <div className="mt-3 grid gap-3 md:grid-cols-2">
            <div className="rounded-md bg-white p-3 text-sm">
              <p className="font-medium">{t('entry.theirVersion')}</p>
              <p className="mt-1 font-semibold">{conflict.theirs.title}</p>
              <p className="mt-1 whitespace-pre-line text-slate-700">{conflict.theirs.summary}</p>
              <p className="mt-1 line-clamp-6 whitespace-pre-line text-slate-700">{conflict.theirs.body}</p>
            </div>
            <div className="rounded-md bg-white p-3 text-sm">
              <p className="font-medium">{t('entry.yourVersion')}</p>
              <p className="mt-1 font-semibold">{String(conflict.yours.title ?? '')}</p>
              <p className="mt-1 whitespace-pre-line text-slate-700">{String(conflict.yours.summary ?? '')}</p>
              <p className="mt-1 line-clamp-6 whitespace-pre-line text-slate-700">{String(conflict.yours.body ?? '')}</p>
            </div>
          </div>
          <div className="mt-3 flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => {
                setVersion(conflict.theirs.version);
                setDirty(true);
              }}
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white"
            >
              {t('entry.keepMine')}
            </button>
            <a href={`/entries/${entry.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium no-underline">
              {t('entry.takeTheirs')}
            </a>
          </div>
        </section>
      ) : null}

      <Form method="post" ref={formRef} onChange={() => setDirty(true)} className="space-y-5">
        <input type="hidden" name="version" value={conflict && !dirty ? conflict.theirs.version : version} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('challenges.entryKinds')}</legend>
          <div className="mt-2 flex flex-wrap gap-6">
            {(['idea', 'prototype'] as const)
              .filter((kind) => (kind === 'idea' ? entry.challenge.allowIdeas : entry.challenge.allowPrototypes) || entry.kind === kind)
              .map((kind) => (
                <label key={kind} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="kind" value={kind} defaultChecked={(sent ? sent.kind : entry.kind) === kind} />
                  {t(`kind.${kind}`)}
                </label>
              ))}
          </div>
          <FieldError id="entry-kind-error" errors={errors.kind} />
        </fieldset>
        {input('title', t('entry.field.title'), ENTRY_LIMITS.title)}
        {input('teamName', t('entry.field.teamName'), ENTRY_LIMITS.teamName, t('entry.field.teamNameHint'))}
        <div>
          <label htmlFor="entry-summary" className="block text-sm font-medium text-slate-800">
            {t('entry.field.summary')}
          </label>
          <textarea id="entry-summary" name="summary" rows={2} maxLength={ENTRY_LIMITS.summary} defaultValue={value('summary')} aria-invalid={errors.summary ? true : undefined} aria-describedby={errors.summary ? 'entry-summary-error' : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          <FieldError id="entry-summary-error" errors={errors.summary} />
        </div>
        <div>
          <label htmlFor="entry-body" className="block text-sm font-medium text-slate-800">
            {t('entry.field.body')}
          </label>
          <textarea id="entry-body" name="body" rows={14} defaultValue={value('body')} aria-invalid={errors.body ? true : undefined} aria-describedby="entry-body-hint" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
          <p id="entry-body-hint" className="mt-1 text-sm text-slate-600">
            {t('manage.field.markdownHint')}
          </p>
          <FieldError id="entry-body-error" errors={errors.body} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          {input('repository', t('entry.field.repository'), ENTRY_LIMITS.link)}
          {input('demo', t('entry.field.demo'), ENTRY_LIMITS.link)}
          {input('video', t('entry.field.video'), ENTRY_LIMITS.link)}
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('entry.field.datasets')}</legend>
          <ul className="mt-2 max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-3">
            {datasetOptions.map((option) => (
              <li key={option.slug}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="datasets" value={option.slug} defaultChecked={chosen.has(option.slug)} className="mt-1" />
                  <span>
                    {option.title} <span className="text-slate-500">· {option.departmentName}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <FieldError id="entry-form-error" errors={errors.form} />
        <div className="flex flex-wrap items-center gap-3">
          <ActionButton intent="save" tone="secondary" disabled={navigation.state === 'submitting'}>
            {t('entry.save')}
          </ActionButton>
          {entry.access.submit ? (
            <ActionButton intent="submit" tone="primary" disabled={navigation.state === 'submitting'}>
              {t('entry.submit')}
            </ActionButton>
          ) : null}
          <span aria-live="polite" className="text-sm text-slate-600">
            {hydrated && autosave.state !== 'idle'
              ? t('entry.saving')
              : savedAt
                ? t('entry.savedAt', { time: format.dateTime(savedAt) })
                : dirty
                  ? t('entry.unsaved')
                  : ''}
          </span>
        </div>
      </Form>
    </>
  );
}

/** The adoption record, the department's link to report on it, and the team's confirm or dispute. */
function EntryAdoption({ adoption, teamMember }: { adoption: NonNullable<Awaited<ReturnType<typeof adoptionFor>>>; teamMember: boolean }) {
  const t = useT();
  const report = adoption.reportAt ? (
    <p className="mt-3">
      <Link to={`/manage/challenges/${adoption.reportAt}/adoption/${adoption.entryId}`}>{t('adoption.manage.keep')}</Link>
    </p>
  ) : null;
  if (!adoption.record) return <div className="mt-6">{report}</div>;
  const claimed = adoption.record.stage === 'piloting' || adoption.record.stage === 'in_service';
  return (
    <div className="mt-6">
      <AdoptionPanel record={adoption.record} updates={adoption.updates}>
        {report}
        {teamMember && claimed ? (
          <Form method="post" className="mt-4 space-y-2 border-t border-emerald-200 pt-4">
            <h3 className="text-sm font-semibold text-slate-900">{t('adoption.team.title')}</h3>
            <p className="text-sm text-slate-700">{t('adoption.team.intro')}</p>
            <label htmlFor="adoption-note" className="block text-sm font-medium text-slate-800">
              {t('adoption.team.note')}
            </label>
            <textarea id="adoption-note" name="note" rows={2} maxLength={1000} defaultValue={adoption.record.teamResponseNote} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="adoption-confirm" className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800">
                {t('adoption.team.confirm')}
              </button>
              <button type="submit" name="intent" value="adoption-dispute" className="rounded-md border border-slate-400 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
                {t('adoption.team.dispute')}
              </button>
            </div>
            <p className="text-xs text-slate-600">{t('adoption.team.discussHint')}</p>
          </Form>
        ) : null}
      </AdoptionPanel>
    </div>
  );
}

export default function EntryPage() {
  const { entry, bodyHtml, datasetOptions, attachmentError, attachmentLimits, flash, feedback, vote, discussion, adoption } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const format = useFormatters();
  const teamResult = actionData?.kind === 'team' ? actionData : null;
  const locked = actionData?.kind === 'locked' ? actionData : null;

  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/challenges/${entry.challenge.slug}`}>← {entry.challenge.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{entry.title || t('entry.untitled')}</h1>
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300">{t(`entry.status.${entry.status}`)}</span>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {t(`kind.${entry.kind}`)}
        {entry.teamName ? ` · ${entry.teamName}` : ''}
        {entry.submittedAt ? ` · ${t('entry.submittedAt', { time: format.dateTime(entry.submittedAt) })}` : ''}
        {entry.membership ? ` · ${t('entry.revisions', { count: entry.revisionCount })}` : ''}
      </p>

      {flash && entry.membership ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {flash === 'submitted' ? t('entry.submittedNotice', { time: format.dateTime(entry.submittedAt ?? entry.updatedAt) }) : t('entry.savedNotice')}
        </p>
      ) : null}
      {entry.membership && entry.access.lockedReason ? (
        <p role="status" className="mt-4 rounded-md bg-slate-100 p-3 text-sm text-slate-800">
          {t(`entry.locked.${entry.access.lockedReason}`, { time: format.dateTime(entry.challenge.closesAt) })}
        </p>
      ) : null}
      {locked ? (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {t(`entry.locked.${(locked.reason ?? 'deadlinePassed') as 'deadlinePassed'}`, { time: format.dateTime(entry.challenge.closesAt) })}
          {locked.reason === 'unverified' ? (
            <>
              {' '}
              <Link to={`/account/verify?${new URLSearchParams({ redirectTo: `/entries/${entry.id}` })}`}>{t('verify.title')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {entry.membership && entry.status === 'draft' && entry.access.edit ? (
        <p className="mt-4 rounded-md bg-gold-50 p-3 text-sm text-gold-800">{t('entry.draftNotice', { time: format.dateTime(entry.challenge.closesAt) })}</p>
      ) : null}

      {vote ? <VoteButton entryId={entry.id} vote={vote} ownEntry={entry.membership !== null} /> : null}
      {feedback ? <TeamFeedback feedback={feedback} /> : null}
      {adoption ? <EntryAdoption adoption={adoption} teamMember={entry.membership !== null} /> : null}

      <div className="mt-8">
        {entry.access.edit ? (
          <EntryEditor entry={entry} datasetOptions={datasetOptions} actionData={actionData} />
        ) : (
          <EntryContent entry={entry} bodyHtml={bodyHtml} />
        )}
      </div>

      {entry.access.withdraw ? (
        <ConfirmForm message={t('entry.confirmWithdraw')} className="mt-6">
          <ActionButton intent="withdraw" tone="danger">
            {t('entry.withdraw')}
          </ActionButton>
        </ConfirmForm>
      ) : null}

      <section id="attachments" className="mt-10" aria-labelledby="attachments-title">
        <h2 id="attachments-title" className="text-xl font-semibold text-slate-900">
          {t('entry.attachments')}
        </h2>
        {entry.attachments.length === 0 ? <p className="mt-2 text-sm text-slate-700">{t('entry.noAttachments')}</p> : null}
        {attachmentError ? (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {t(`entry.attachmentProblem.${attachmentError as 'tooLarge'}`, attachmentLimits)}
          </p>
        ) : null}
        <ul className="mt-3 space-y-2">
          {entry.attachments.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm">
              <a href={`/entries/${entry.id}/attachments/${file.id}`} className="break-all font-medium">
                {file.filename}
              </a>
              <span className="text-slate-600">{formatBytes(file.byteSize, locale)}</span>
              {entry.access.edit ? (
                <ConfirmForm message={t('entry.confirmDeleteAttachment', { name: file.filename })}>
                  <ActionButton intent="delete-attachment" value={String(file.id)} tone="danger">
                    {t('manage.deleteResource')}
                  </ActionButton>
                </ConfirmForm>
              ) : null}
            </li>
          ))}
        </ul>
        {entry.access.edit ? (
          <Form method="post" action={`/entries/${entry.id}/attachments`} encType="multipart/form-data" className="mt-4 flex flex-wrap items-end gap-3" reloadDocument>
            <div>
              <label htmlFor="attachment-file" className="block text-sm font-medium text-slate-800">
                {t('entry.addAttachment')}
              </label>
              <input id="attachment-file" name="file" type="file" required accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.zip" aria-describedby="attachment-hint" className="mt-1 block text-sm" />
              <p id="attachment-hint" className="mt-1 text-sm text-slate-600">
                {t('entry.attachmentHint', attachmentLimits)}
              </p>
            </div>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              {t('entry.upload')}
            </button>
          </Form>
        ) : null}
      </section>

      {entry.members.length > 0 ? (
        <section id="team" className="mt-10" aria-labelledby="team-title">
          <h2 id="team-title" className="text-xl font-semibold text-slate-900">
            {t('entry.team', { count: entry.members.filter((m) => m.status === 'active').length, limit: entry.challenge.teamSizeLimit })}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {entry.members.map((member) => (
              <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  <span className="font-medium text-slate-900">{member.name ?? member.email}</span>
                  {member.email && member.name ? <span className="text-slate-600"> · {member.email}</span> : null}
                  <span className="ml-2 text-slate-600">
                    {member.role === 'owner' ? t('entry.owner') : member.status === 'invited' ? t('entry.invitedStatus') : t('entry.member')}
                  </span>
                </span>
                {entry.access.manageTeam && member.role !== 'owner' ? (
                  <ConfirmForm message={t('entry.confirmRemoveMember', { name: member.name ?? member.email })}>
                    <ActionButton intent="remove-member" value={String(member.id)} tone="danger">
                      {member.status === 'invited' ? t('entry.cancelInvitation') : t('entry.removeMember')}
                    </ActionButton>
                  </ConfirmForm>
                ) : null}
              </li>
            ))}
          </ul>
          {entry.access.manageTeam ? (
            <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="intent" value="invite" />
              <div className="min-w-[16rem] flex-1">
                <label htmlFor="invite-email" className="block text-sm font-medium text-slate-800">
                  {t('entry.inviteEmail')}
                </label>
                <input
                  id="invite-email"
                  name="email"
                  type="email"
                  aria-invalid={teamResult?.errors?.email ? true : undefined}
                  aria-describedby={teamResult?.errors?.email ? 'invite-error' : undefined}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                />
              </div>
              <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
                {t('entry.invite')}
              </button>
            </Form>
          ) : null}
          <ErrorList id="invite-error" errors={teamResult?.errors?.email} />
          {teamResult?.ok ? (
            <p role="status" className="mt-2 text-sm text-emerald-800">
              {t(teamResult.ok)}
            </p>
          ) : null}
        </section>
      ) : null}

      {discussion ? <DiscussionSection discussion={discussion} actionData={actionData} intro={t('comments.intro.submission')} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
