/**
 * The organiser's results: ranking with rank intervals, review progress and conflict flags, judge
 * agreement, exports, awards, and the deliberate publication of results. The ranking is the stored
 * snapshot, shown a page at a time; while it is being recomputed the page says so and reloads its
 * data until the new one is in.
 */
import { useEffect } from 'react';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useRevalidator } from '@remix-run/react';
import { AdoptionStageBadge } from '~/components/adoption';
import { challengeAdoptionRows } from '~/models/adoptions.server';
import { PhaseBadge } from '~/components/badges';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { Pager } from '~/components/page';
import type { MessageKey } from '~/lib/i18n';
import { agreementLevel, isOutlierJudge } from '~/lib/results-display';
import { parseAwards, type AwardRowErrors, type AwardRowValues } from '~/lib/validation/awards';
import { getManagedChallenge } from '~/models/challenge-management.server';
import { publishResults, saveAwards } from '~/actions/results.server';
import { AWARD_PICKER_SIZE, NOTES_PAGE_SIZE, type RankingFilter } from '~/models/results.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { getResultsForOrganiser } from '~/services/results.server';
import { getLocale } from '~/services/locale.server';
import { judgeAgreementChart, rankingChart } from '~/services/page-charts.server';
import { PageChart } from '~/components/chart-data-table';
import { readIntent } from '~/services/form-helpers.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';
import { AWARD_KINDS, type AdoptionStage } from '~/lib/vocabulary';

const BLANK_AWARD_ROWS = 3;
/** While the ranking is being recomputed, the page reloads its data this often. */
const RECHECK_MS = 5_000;

function pageParam(raw: string | null): number {
  return raw && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const search = new URL(request.url).searchParams;
  // "Report on another entry": the entry number typed in the adoption section.
  const entry = search.get('entry')?.trim();
  if (entry && /^\d{1,9}$/.test(entry)) throw redirect(`/manage/challenges/${encodeURIComponent(params.slug ?? '')}/adoption/${entry}`);
  const rawFilter = search.get('filter');
  const filter: RankingFilter = rawFilter === 'incomplete' || rawFilter === 'conflicts' ? rawFilter : 'all';
  const results = await getResultsForOrganiser(user, params.slug ?? '', new Date(), { filter, page: pageParam(search.get('page')), notesPage: pageParam(search.get('notes')) });
  if (!results) throw new Response('Not Found', { status: 404 });
  const locale = await getLocale(request);
  const charts = {
    ranking: rankingChart(results.rows, locale),
    agreement: judgeAgreementChart(results.judges.map((j) => ({ name: j.name, correlation: j.consensusCorrelation })), locale),
  };
  // Sent from here so the schema and model modules stay out of the browser bundle.
  const adoptionRows = results.challenge.resultsPublishedAt ? await challengeAdoptionRows(results.challenge.id) : null;
  return { ...results, charts, awardKinds: [...AWARD_KINDS], awardPickerSize: AWARD_PICKER_SIZE, notesPerPage: NOTES_PAGE_SIZE, adoptionRows };
}

type ActionData =
  | { form: 'awards'; rowErrors: AwardRowErrors; values: AwardRowValues[]; error?: MessageKey }
  | { form: 'awards'; saved: true }
  | { form: 'publish'; error: MessageKey; missing?: number };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireRole(request, ['official', 'admin']);
  const slug = params.slug ?? '';
  const now = new Date();
  // Another department's challenge is not found, whatever the form says.
  if (!(await getManagedChallenge(slug, user, now))) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const intent = readIntent(form).name;
  const actor = webActor(user, context);
  if (intent === 'awards') {
    const parsed = parseAwards(form);
    if (!parsed.ok) return { form: 'awards', rowErrors: parsed.errors, values: parsed.values, error: 'errors.awards.fixRows' };
    const result = await saveAwards(actor, slug, parsed.value, now);
    if (!result.ok) {
      if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
      return { form: 'awards', rowErrors: {}, values: parsed.values, error: result.problem.message };
    }
    return { form: 'awards', saved: true };
  }
  if (intent === 'publish') {
    requireRecentTwoFactor(user, request);
    const raw = String(form.get('confirmMissing') ?? '');
    const confirmed = form.get('acknowledge') === 'on' && /^\d+$/.test(raw) ? Number(raw) : null;
    const result = await publishResults(actor, slug, confirmed, now);
    if (!result.ok) {
      if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
      const missing = result.problem.details?.missing;
      return { form: 'publish', error: result.problem.message, missing: typeof missing === 'number' ? missing : undefined };
    }
    return redirect(`/challenges/${slug}/results`);
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.challenge.title }) : pageMeta(matches, 'manage.title'));

function signed(value: number | null, digits = 2): string {
  if (value === null) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

export default function ResultsAdminPage() {
  const data = useLoaderData<typeof loader>();
  const { challenge, criteria, rows, judges, agreement, awards, awardOptions, missingReviews, awardKinds, notes, paging, filter, status, computedAt, awardPickerSize, notesPerPage, charts, adoptionRows } = data;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const location = useLocation();
  const t = useT();
  const format = useFormatters();
  const judging = challenge.phase === 'judging';
  // A recomputation is under way in a worker: look again shortly (form input is kept).
  useEffect(() => {
    if (status === 'current') return;
    const timer = setTimeout(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, RECHECK_MS);
    return () => clearTimeout(timer);
  }, [status, computedAt, revalidator]);
  const awardsResult = actionData?.form === 'awards' ? actionData : null;
  const awardErrors = awardsResult && 'rowErrors' in awardsResult ? awardsResult : null;
  const publishError = actionData?.form === 'publish' ? actionData : null;
  const listed = new Set(awardOptions.map((o) => String(o.entryId)));
  // An award whose entry is not in the short list keeps its entry as a typed number.
  const awardRows: AwardRowValues[] = awardErrors
    ? awardErrors.values
    : [
        ...awards.map((a) => ({
          entryId: listed.has(String(a.entryId)) ? String(a.entryId) : '',
          entryNumber: listed.has(String(a.entryId)) ? '' : String(a.entryId),
          kind: a.kind,
          customName: a.customName ?? '',
        })),
        ...Array.from({ length: BLANK_AWARD_ROWS }, () => ({ entryId: '', entryNumber: '', kind: 'honourable', customName: '' })),
      ];
  const awardsByEntry = new Map<number, string[]>();
  for (const a of awards) awardsByEntry.set(a.entryId, [...(awardsByEntry.get(a.entryId) ?? []), a.kind === 'custom' && a.customName ? a.customName : t(`award.${a.kind}`)]);
  const rankText = (r: (typeof rows)[number]) => (r.rank === null ? '—' : String(r.rank));
  const intervalText = (r: (typeof rows)[number]) =>
    r.rankInterval === null ? '—' : r.rankInterval.low === r.rankInterval.high ? String(r.rankInterval.low) : `${r.rankInterval.low}–${r.rankInterval.high}`;
  const firstShown = (paging.page - 1) * paging.pageSize + 1;

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/challenges/${challenge.slug}`}>← {challenge.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{t('results.adminTitle')}</h1>
        <PhaseBadge phase={challenge.phase} />
      </div>
      {challenge.resultsPublishedAt ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('results.publishedOn', { time: format.dateTime(challenge.resultsPublishedAt) })} <Link to={`/challenges/${challenge.slug}/results`}>{t('results.viewPublic')}</Link>
        </p>
      ) : challenge.phase !== 'judging' ? (
        <p className="mt-4 text-slate-700">{t('results.notYet', { time: format.dateTime(challenge.closesAt) })}</p>
      ) : null}
      {status !== 'current' ? (
        <p role="status" className="mt-4 rounded-md bg-gold-50 p-3 text-sm text-gold-800">
          {status === 'stale' && computedAt ? t('results.snapshotStale', { time: format.dateTime(computedAt) }) : t('results.snapshotMissing')}{' '}
          <a href={`${location.pathname}${location.search}`}>{t('results.refresh')}</a>
        </p>
      ) : null}

      <section className="mt-8" aria-labelledby="method">
        <h2 id="method" className="sr-only">
          {t('results.methodTitle')}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t('results.method')}</p>
        <p className="mt-2 text-slate-900">
          {agreement.kendallW === null
            ? t('results.agreementUnknown')
            : t('results.agreement', { w: agreement.kendallW.toFixed(2), level: t(`results.agreementLevel.${agreementLevel(agreement.kendallW)}`), judges: agreement.judges })}
          {agreement.method === 'pairwise' ? <span className="text-sm text-slate-600"> {t('results.agreementPairwise')}</span> : null}
        </p>
      </section>

      <section className="mt-8" aria-labelledby="ranking">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="ranking" className="text-xl font-semibold text-slate-900">
            {t('results.ranking')}
          </h2>
          <div className="flex flex-wrap items-end gap-3">
            <Form method="get" className="flex items-end gap-2">
              <div>
                <label htmlFor="filter" className="block text-sm font-medium text-slate-800">
                  {t('results.filter')}
                </label>
                <select id="filter" name="filter" defaultValue={filter === 'all' ? '' : filter} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
                  <option value="">{t('results.filterAll')}</option>
                  <option value="incomplete">{t('results.filterIncomplete')}</option>
                  <option value="conflicts">{t('results.filterConflicts')}</option>
                </select>
              </div>
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
                {t('results.applyFilter')}
              </button>
            </Form>
            <a href={`/manage/challenges/${challenge.slug}/results/export/csv`} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium no-underline hover:bg-slate-50" download>
              {t('results.exportCsv')}
            </a>
            <a href={`/manage/challenges/${challenge.slug}/results/export/xlsx`} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium no-underline hover:bg-slate-50" download>
              {t('results.exportXlsx')}
            </a>
          </div>
        </div>
        {status === 'missing' ? null : rows.length === 0 ? (
          <p className="mt-3 text-slate-700">{t('results.noRows')}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.rank')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.rankInterval')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.entry')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.reviews')}
                  </th>
                  {criteria.map((c) => (
                    <th key={c.id} scope="col" className="py-2 pr-3 font-medium">
                      {c.name}
                      <span className="block text-xs font-normal">/{c.maxScore}</span>
                    </th>
                  ))}
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.rawMean')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('results.normalised')}
                  </th>
                  {challenge.peoplesChoice ? (
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t('results.votes')}
                    </th>
                  ) : null}
                  <th scope="col" className="py-2 font-medium">
                    {t('results.awards')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.entryId} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3 font-semibold tabular-nums">{rankText(r)}</td>
                    <td className="py-2 pr-3 tabular-nums">{intervalText(r)}</td>
                    <td className="py-2 pr-3">
                      <Link to={`/entries/${r.entryId}`} className="font-medium">
                        {r.title || t('entry.untitled')}
                      </Link>
                      <span className="block text-xs text-slate-600">{[t('results.entryNumber', { id: r.entryId }), r.teamName, r.members.join('、')].filter(Boolean).join(' · ')}</span>
                      {r.conflicts > 0 ? <span className="mt-1 inline-block rounded bg-slate-100 px-1.5 text-xs text-slate-700">{t('results.conflictFlag', { count: r.conflicts })}</span> : null}
                      {r.possibleConflicts > 0 ? <span className="ml-1 mt-1 inline-block rounded bg-gold-100 px-1.5 text-xs text-gold-800">{t('results.possibleConflictFlag', { count: r.possibleConflicts })}</span> : null}
                    </td>
                    <td className={`py-2 pr-3 tabular-nums ${r.reviewCount < r.expectedReviews ? 'font-semibold text-rose-700' : ''}`}>
                      {r.reviewCount}/{r.expectedReviews}
                    </td>
                    {criteria.map((c) => (
                      <td key={c.id} className="py-2 pr-3 tabular-nums">
                        {r.criterionMeans[c.id] === null || r.criterionMeans[c.id] === undefined ? '—' : (r.criterionMeans[c.id] as number).toFixed(1)}
                      </td>
                    ))}
                    <td className="py-2 pr-3 tabular-nums">{r.rawMean === null ? '—' : r.rawMean.toFixed(1)}</td>
                    <td className="py-2 pr-3 tabular-nums">{signed(r.normalised)}</td>
                    {challenge.peoplesChoice ? <td className="py-2 pr-3 tabular-nums">{r.votes}</td> : null}
                    <td className="py-2">{(awardsByEntry.get(r.entryId) ?? []).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length > 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {t('results.rankingRange', { from: firstShown, to: firstShown + rows.length - 1, total: paging.total })}
            {computedAt ? ` · ${t('results.snapshotComputedAt', { time: format.dateTime(computedAt) })}` : ''}
          </p>
        ) : null}
        <Pager page={paging.page} pages={paging.pages} anchor="ranking" />
        <p className="mt-2 text-xs text-slate-600">{t('results.intervalHint')}</p>
        {charts.ranking ? <PageChart chart={charts.ranking} note={`${t('pageChart.ranking.hint')}${paging.pages > 1 ? ` ${t('pageChart.ranking.pageNote')}` : ''}`} className="mt-6" /> : null}
      </section>

      <section className="mt-10" aria-labelledby="judges-agreement">
        <h2 id="judges-agreement" className="text-xl font-semibold text-slate-900">
          {t('results.judges')}
        </h2>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t('judgingAdmin.judge')}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t('results.judgeReviews')}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t('results.judgeMean')}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t('results.judgeCorrelation')}
                </th>
              </tr>
            </thead>
            <tbody>
              {judges.map((j) => (
                <tr key={j.judgeId} className="border-b border-slate-100">
                  <td className="py-2 pr-4">{j.name}</td>
                  <td className="py-2 pr-4 tabular-nums">{j.reviewCount}</td>
                  <td className="py-2 pr-4 tabular-nums">{j.meanTotal === null ? '—' : j.meanTotal.toFixed(1)}</td>
                  <td className="py-2 tabular-nums">
                    {j.consensusCorrelation === null ? '—' : j.consensusCorrelation.toFixed(2)}
                    {isOutlierJudge(j.consensusCorrelation) ? <span className="ml-2 rounded bg-gold-100 px-1.5 text-xs text-gold-800">{t('results.outlier')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-600">{t('results.judgesHint')}</p>
        {charts.agreement ? <PageChart chart={charts.agreement} className="mt-6" /> : null}
      </section>

      {notes.items.length > 0 || notes.page > 1 ? (
        <section className="mt-10" aria-labelledby="private-notes">
          <h2 id="private-notes" className="text-xl font-semibold text-slate-900">
            {t('results.privateNotes')}
          </h2>
          <p className="text-sm text-slate-700">
            {t('results.privateNotesHint')} {t('results.privateNotesOrder', { count: notesPerPage })}
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {notes.items.map((n) => (
              <li key={`${n.entryId}:${n.judgeId}`} className="rounded-md border border-slate-200 p-3">
                <p className="text-slate-600">
                  <Link to={`/entries/${n.entryId}`}>{n.entryTitle || t('entry.untitled')}</Link> · {n.judgeName} · {format.dateTime(n.updatedAt)}
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-900">{n.note}</p>
              </li>
            ))}
          </ul>
          <Pager page={notes.page} hasNext={notes.hasNext} param="notes" anchor="private-notes" />
        </section>
      ) : null}

      {judging ? (
        <>
          <section className="mt-10" aria-labelledby="awards-form">
            <h2 id="awards-form" className="text-xl font-semibold text-slate-900">
              {t('results.awards')}
            </h2>
            <p className="text-sm text-slate-700">
              {t('results.awardsHint')} {t('results.awardPickerHint', { count: awardPickerSize })}
            </p>
            {awardsResult && 'saved' in awardsResult ? (
              <p role="status" className="mt-2 rounded-md bg-emerald-50 p-2 text-sm text-emerald-900">
                {t('results.awardsSaved')}
              </p>
            ) : null}
            <Form method="post" className="mt-3 space-y-3">
              {awardRows.map((row, index) => {
                const errors = awardErrors?.rowErrors[index];
                return (
                  <fieldset key={index} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
                    <legend className="sr-only">{t('results.awardRow', { number: index + 1 })}</legend>
                    <div>
                      <label htmlFor={`award-${index}-entry`} className="block text-sm font-medium text-slate-800">
                        {t('results.awardEntry', { number: index + 1 })}
                      </label>
                      <select
                        id={`award-${index}-entry`}
                        name={`award[${index}].entryId`}
                        defaultValue={row.entryId}
                        aria-invalid={errors?.entryId ? true : undefined}
                        aria-describedby={errors?.entryId ? `award-${index}-entry-error` : undefined}
                        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                      >
                        <option value="">{t('results.noAward')}</option>
                        {awardOptions.map((r) => (
                          <option key={r.entryId} value={r.entryId}>
                            {r.rank !== null ? `${r.rank}. ` : ''}
                            {r.title || t('entry.untitled')}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`award-${index}-number`} className="mt-2 block text-xs text-slate-700">
                        <span className="sr-only">{t('results.awardRow', { number: index + 1 })} </span>
                        {t('results.awardEntryNumber')}
                      </label>
                      <input
                        id={`award-${index}-number`}
                        name={`award[${index}].entryNumber`}
                        defaultValue={row.entryNumber}
                        inputMode="numeric"
                        pattern="[0-9]*"
                        maxLength={12}
                        aria-invalid={errors?.entryId ? true : undefined}
                        aria-describedby={errors?.entryId ? `award-${index}-entry-error` : undefined}
                        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
                      />
                      <ErrorList id={`award-${index}-entry-error`} errors={errors?.entryId ? [errors.entryId] : undefined} />
                    </div>
                    <div>
                      <label htmlFor={`award-${index}-kind`} className="block text-sm font-medium text-slate-800">
                        {t('results.awardKind')}
                      </label>
                      <select id={`award-${index}-kind`} name={`award[${index}].kind`} defaultValue={row.kind} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
                        {awardKinds.map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`award.${kind}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <label htmlFor={`award-${index}-name`} className="block text-sm font-medium text-slate-800">
                        {t('results.awardCustomName')}
                      </label>
                      <input
                        id={`award-${index}-name`}
                        name={`award[${index}].customName`}
                        defaultValue={row.customName}
                        maxLength={40}
                        aria-invalid={errors?.customName ? true : undefined}
                        aria-describedby={errors?.customName ? `award-${index}-name-error` : undefined}
                        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                      />
                      <ErrorList id={`award-${index}-name-error`} errors={errors?.customName ? [errors.customName] : undefined} />
                    </div>
                  </fieldset>
                );
              })}
              <div role="alert">
                <ErrorList errors={awardErrors?.error ? [awardErrors.error] : undefined} />
              </div>
              <button type="submit" name="intent" value="awards" disabled={navigation.state === 'submitting'} className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50">
                {t('results.saveAwards')}
              </button>
            </Form>
          </section>

          <section className="mt-10 rounded-lg border border-slate-300 bg-slate-50 p-5" aria-labelledby="publish">
            <h2 id="publish" className="text-xl font-semibold text-slate-900">
              {t('results.publishTitle')}
            </h2>
            <p className="mt-1 text-sm text-slate-700">{t('results.publishExplain')}</p>
            <Form
              method="post"
              className="mt-3 space-y-3"
              onSubmit={(event) => {
                if (!window.confirm(t('results.confirmPublish'))) event.preventDefault();
              }}
            >
              {missingReviews > 0 ? (
                <div className="rounded-md bg-gold-50 p-3 text-sm text-gold-800">
                  <input type="hidden" name="confirmMissing" value={missingReviews} />
                  <label className="flex items-start gap-2">
                    <input type="checkbox" name="acknowledge" className="mt-1" aria-describedby={publishError ? 'publish-error' : undefined} />
                    <span>{t('results.acknowledgeMissing', { count: missingReviews })}</span>
                  </label>
                </div>
              ) : null}
              <p id="publish-error" role="alert" className="text-sm text-rose-700">
                {publishError ? t(publishError.error, { count: publishError.missing ?? missingReviews }) : null}
              </p>
              <button type="submit" name="intent" value="publish" disabled={navigation.state === 'submitting'} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
                {t('results.publish')}
              </button>
            </Form>
          </section>
        </>
      ) : null}
      {adoptionRows ? <AdoptionSection slug={challenge.slug} rows={adoptionRows} /> : null}
    </div>
  );
}

/** After the results: where each awarded idea (and any other with a record) stands, and the way to report on it. */
function AdoptionSection({ slug, rows }: { slug: string; rows: { entryId: number; entryTitle: string; awarded: boolean; stage: AdoptionStage | null; lastUpdateAt: Date | string | null }[] }) {
  const t = useT();
  const format = useFormatters();
  return (
    <section id="adoption" className="mt-10" aria-labelledby="adoption-title">
      <h2 id="adoption-title" className="text-xl font-semibold text-slate-900">
        {t('adoption.manage.section')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('adoption.manage.sectionIntro')}</p>
      <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200">
        {rows.map((row) => (
          <li key={row.entryId} className="flex flex-wrap items-center justify-between gap-3 p-3">
            <span>
              <Link to={`/entries/${row.entryId}`}>{row.entryTitle}</Link>
              <span className="ml-2 text-sm text-slate-600">
                {row.stage ? <AdoptionStageBadge stage={row.stage} /> : t('adoption.manage.none')}
                {row.lastUpdateAt ? ` · ${t('adopted.updated', { date: format.date(row.lastUpdateAt) })}` : ''}
              </span>
            </span>
            <Link to={`/manage/challenges/${slug}/adoption/${row.entryId}`} className="text-sm font-medium">
              {t('adoption.manage.keep')}
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="mt-3 flex flex-wrap items-end gap-2">
        <label htmlFor="adoption-entry" className="text-sm text-slate-800">
          {t('adoption.manage.other')}
        </label>
        <input id="adoption-entry" name="entry" inputMode="numeric" pattern="[0-9]*" required className="w-28 rounded-md border border-slate-300 px-2 py-1" />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm">
          {t('adoption.manage.otherSubmit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
