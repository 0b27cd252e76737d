/**
 * The organiser's judging page: how reviews are shared out (every judge on every entry, or N per
 * entry balanced by load), each judge's progress, recorded conflicts and possible ones detected
 * from e-mail domains.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { ProgressBar } from '~/components/progress-bar';
import type { MessageKey } from '~/lib/i18n';
import { getManagedChallenge } from '~/models/challenge-management.server';
import { recordConflict, removeConflict, setAssignmentMode } from '~/actions/judging.server';
import { getJudgingOverview, MAX_JUDGES_PER_ENTRY } from '~/models/judging.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const overview = await getJudgingOverview(user, params.slug ?? '', new Date());
  if (!overview) throw new Response('Not Found', { status: 404 });
  return { ...overview, maxJudgesPerEntry: MAX_JUDGES_PER_ENTRY };
}

type ActionData = { form: 'mode' | 'conflict'; error: MessageKey; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireRole(request, ['official', 'admin']);
  const slug = params.slug ?? '';
  const now = new Date();
  // Another department's challenge is not found, whatever the form says.
  if (!(await getManagedChallenge(slug, user, now))) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const intent = readIntent(form);
  const actor = webActor(user, context);
  switch (intent.name) {
    case 'mode': {
      const mode = form.get('mode') === 'per_entry' ? 'per_entry' : 'all';
      const raw = String(form.get('judgesPerEntry') ?? '');
      const perEntry = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : null;
      const result = await setAssignmentMode(actor, slug, mode, mode === 'per_entry' ? perEntry : null, now);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        // Both problems show beside the number of judges, the one field of the form.
        return { form: 'mode', error: result.problem.message, values: { mode, judgesPerEntry: raw } };
      }
      return redirect(`/manage/challenges/${slug}/judging`);
    }
    case 'record-conflict': {
      // The entry may be typed by hand (large challenges), so a wrong number is an error to show, not a 400.
      const entryId = Number(String(form.get('entryId') ?? '').trim());
      const judgeId = Number(form.get('judgeId'));
      const reason = String(form.get('reason') ?? '').trim().slice(0, 500);
      if (!Number.isSafeInteger(entryId) || entryId <= 0 || !Number.isSafeInteger(judgeId)) return { form: 'conflict', error: 'judgingAdmin.conflictProblem' };
      const result = await recordConflict(actor, slug, entryId, judgeId, reason, now);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        return { form: 'conflict', error: 'judgingAdmin.conflictProblem' };
      }
      return redirect(`/manage/challenges/${slug}/judging#conflicts`);
    }
    case 'remove-conflict': {
      if (intent.id === null) return { form: 'conflict', error: 'judgingAdmin.conflictProblem' };
      const result = await removeConflict(actor, slug, intent.id, now);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        return { form: 'conflict', error: 'judgingAdmin.conflictProblem' };
      }
      return redirect(`/manage/challenges/${slug}/judging#conflicts`);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.challenge.title }) : pageMeta(matches, 'manage.title'));

export default function JudgingAdminPage() {
  const { challenge, assignmentLocked, judges, entryCount, entries, totals, conflicts, possibleConflicts, possibleConflictCount, shortfall, shortfallCount, maxJudgesPerEntry } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const modeError = actionData?.form === 'mode' ? actionData : null;
  const conflictError = actionData?.form === 'conflict' ? actionData.error : null;
  const mode = modeError?.values?.mode ?? challenge.assignmentMode;
  const locked = challenge.phase === 'results';
  const judgesWithAccounts = judges.filter((j) => j.userId !== null);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/challenges/${challenge.slug}`}>← {challenge.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{t('judgingAdmin.title')}</h1>
        <PhaseBadge phase={challenge.phase} />
      </div>
      <p className="mt-2 text-sm text-slate-700">
        {t('judgingAdmin.timeline', { closes: format.dateTime(challenge.closesAt), ends: format.dateTime(challenge.judgingEndsAt) })}
        {challenge.blindJudging ? ` · ${t('judging.blind')}` : ''}
      </p>
      {challenge.phase === 'judging' || challenge.phase === 'results' ? (
        <>
          <p className="mt-4 text-slate-800">{t('judgingAdmin.totals', { done: totals.completed, total: totals.pairs, entries: entryCount })}</p>
          <ProgressBar value={totals.completed} max={totals.pairs} label={t('judgingAdmin.totals', { done: totals.completed, total: totals.pairs, entries: entryCount })} />
        </>
      ) : null}
      <p className="mt-3">
        <Link to={`/manage/challenges/${challenge.slug}/results`}>{t('manage.resultsLink')}</Link>
      </p>

      <section className="mt-10" aria-labelledby="assignment">
        <h2 id="assignment" className="text-xl font-semibold text-slate-900">
          {t('judgingAdmin.assignment')}
        </h2>
        <Form method="post" className="mt-3 space-y-3 rounded-lg border border-slate-200 p-4">
          <fieldset className="space-y-2" disabled={assignmentLocked}>
            <legend className="sr-only">{t('judgingAdmin.assignment')}</legend>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value="all" defaultChecked={mode === 'all'} className="mt-1" />
              <span>{t('judgingAdmin.modeAll')}</span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value="per_entry" defaultChecked={mode === 'per_entry'} className="mt-1" />
              <span>{t('judgingAdmin.modePerEntry')}</span>
            </label>
            <div className="pl-6">
              <label htmlFor="judgesPerEntry" className="block text-sm font-medium text-slate-800">
                {t('judgingAdmin.judgesPerEntry')}
              </label>
              <input
                id="judgesPerEntry"
                name="judgesPerEntry"
                type="number"
                min={1}
                max={maxJudgesPerEntry}
                defaultValue={modeError?.values?.judgesPerEntry ?? challenge.judgesPerEntry ?? 3}
                aria-invalid={modeError ? true : undefined}
                aria-describedby={modeError ? 'mode-error' : 'judgesPerEntry-hint'}
                className="mt-1 block w-24 rounded-md border border-slate-300 px-3 py-2"
              />
              <p id="judgesPerEntry-hint" className="mt-1 text-sm text-slate-600">
                {t('judgingAdmin.judgesPerEntryHint')}
              </p>
              <ErrorList id="mode-error" errors={modeError ? [modeError.error] : undefined} />
            </div>
          </fieldset>
          {!assignmentLocked ? (
            <ActionButton intent="mode" tone="primary" disabled={navigation.state === 'submitting'}>
              {t('judgingAdmin.saveMode')}
            </ActionButton>
          ) : null}
        </Form>
        {shortfallCount > 0 ? (
          <div role="status" className="mt-3 rounded-md bg-gold-50 p-3 text-sm text-gold-800">
            <p>{t('judgingAdmin.shortfall', { count: shortfallCount })}</p>
            <ul className="mt-1 list-disc pl-5">
              {shortfall.map((s) => (
                <li key={s.entryId}>
                  {s.entryTitle || t('entry.untitled')} — {t('judgingAdmin.missingJudges', { count: s.missing })}
                </li>
              ))}
            </ul>
            {shortfallCount > shortfall.length ? <p className="mt-1">{t('judgingAdmin.moreShortfall', { count: shortfallCount - shortfall.length })}</p> : null}
          </div>
        ) : null}
      </section>

      <section className="mt-10" aria-labelledby="judges-progress">
        <h2 id="judges-progress" className="text-xl font-semibold text-slate-900">
          {t('judgingAdmin.judges')}
        </h2>
        <DataTable
          rows={judges}
          rowKey={(j) => j.email}
          empty={
            <>
              {t('judgingAdmin.noJudges')} <Link to={`/manage/challenges/${challenge.slug}#judges`}>{t('manage.inviteJudge')}</Link>
            </>
          }
          columns={[
            {
              header: t('judgingAdmin.judge'),
              cell: (j) => (
                <>
                  {j.name ?? j.email}
                  {j.userId === null ? <span className="ml-2 text-slate-600">{t('manage.judgePending')}</span> : null}
                </>
              ),
            },
            { header: t('judgingAdmin.load'), cell: (j) => t('judging.progress', { done: j.completed, total: j.assigned }), className: 'tabular-nums' },
          ]}
        />
      </section>

      <section className="mt-10" aria-labelledby="conflicts-title" id="conflicts">
        <h2 id="conflicts-title" className="text-xl font-semibold text-slate-900">
          {t('judgingAdmin.conflicts')}
        </h2>
        {conflictError ? (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {t(conflictError)}
          </p>
        ) : null}
        {conflicts.length === 0 ? <p className="mt-2 text-slate-700">{t('judgingAdmin.noConflicts')}</p> : null}
        <ul className="mt-3 space-y-2 text-sm">
          {conflicts.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3">
              <span>
                <span className="font-medium text-slate-900">{c.judgeName}</span> × {c.entryTitle || t('entry.untitled')}
                <span className="text-slate-600">
                  {' '}
                  ({t(`judging.conflictSource.${c.source}`)}, {format.dateTime(c.createdAt)})
                </span>
                {c.reason ? <span className="block text-slate-700">{c.reason}</span> : null}
              </span>
              {!locked ? (
                <ConfirmForm message={t('judgingAdmin.confirmRemoveConflict')}>
                  <ActionButton intent="remove-conflict" value={String(c.id)} tone="danger">
                    {t('judgingAdmin.removeConflict')}
                  </ActionButton>
                </ConfirmForm>
              ) : null}
            </li>
          ))}
        </ul>

        {possibleConflicts.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold text-slate-900">{t('judgingAdmin.possibleConflicts')}</h3>
            <p className="text-sm text-slate-700">{t('judgingAdmin.possibleConflictsHint')}</p>
            {possibleConflictCount > possibleConflicts.length ? (
              <p className="text-sm text-slate-700">{t('judgingAdmin.morePossibleConflicts', { shown: possibleConflicts.length, count: possibleConflictCount })}</p>
            ) : null}
            <ul className="mt-2 space-y-2 text-sm">
              {possibleConflicts.map((p) => (
                <li key={`${p.entryId}:${p.judgeId}`} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-gold-300 bg-gold-50 p-3">
                  <span>
                    <span className="font-medium text-slate-900">{p.judgeName}</span> × {p.entryTitle || t('entry.untitled')} <span className="text-slate-700">（@{p.domain}）</span>
                  </span>
                  {!locked ? (
                    <Form method="post">
                      <input type="hidden" name="entryId" value={p.entryId} />
                      <input type="hidden" name="judgeId" value={p.judgeId} />
                      <input type="hidden" name="reason" value={t('judgingAdmin.sameDomainReason', { domain: p.domain })} />
                      <ActionButton intent="record-conflict">{t('judgingAdmin.confirmConflict')}</ActionButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {!locked && judgesWithAccounts.length > 0 && entryCount > 0 ? (
          <details className="mt-6 rounded-lg border border-slate-200 p-4">
            <summary className="cursor-pointer font-medium text-slate-900">{t('judgingAdmin.recordConflict')}</summary>
            <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor="conflict-judge" className="block text-sm font-medium text-slate-800">
                  {t('judgingAdmin.judge')}
                </label>
                <select id="conflict-judge" name="judgeId" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
                  {judgesWithAccounts.map((j) => (
                    <option key={j.userId} value={j.userId ?? ''}>
                      {j.name ?? j.email}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                {entries ? (
                  <>
                    <label htmlFor="conflict-entry" className="block text-sm font-medium text-slate-800">
                      {t('judgingAdmin.entry')}
                    </label>
                    <select id="conflict-entry" name="entryId" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
                      {entries.map((e) => (
                        <option key={e.id} value={e.id}>
                          {e.title || t('entry.untitled')}
                        </option>
                      ))}
                    </select>
                  </>
                ) : (
                  <>
                    <label htmlFor="conflict-entry" className="block text-sm font-medium text-slate-800">
                      {t('judgingAdmin.entryNumber')}
                    </label>
                    <input
                      id="conflict-entry"
                      name="entryId"
                      required
                      inputMode="numeric"
                      pattern="[0-9]+"
                      aria-describedby="conflict-entry-hint"
                      className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                    />
                    <p id="conflict-entry-hint" className="mt-1 text-xs text-slate-600">
                      {t('judgingAdmin.entryNumberHint')}
                    </p>
                  </>
                )}
              </div>
              <div className="sm:col-span-2">
                <label htmlFor="conflict-reason" className="block text-sm font-medium text-slate-800">
                  {t('judging.conflictReason')}
                </label>
                <input id="conflict-reason" name="reason" maxLength={500} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
              </div>
              <div>
                <ActionButton intent="record-conflict">{t('judgingAdmin.recordConflict')}</ActionButton>
              </div>
            </Form>
          </details>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
