/**
 * The public results of a challenge: the awards with the winning entries on top, the most-voted
 * entries and every entry a page at a time, from the published results snapshot. Before the
 * organisers publish, this page does not exist (404), so nothing leaks early.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { Pager } from '~/components/page';
import { MOST_VOTED_SHOWN } from '~/models/results.server';
import { adoptionStagesOf } from '~/models/adoptions.server';
import { AdoptionStageBadge } from '~/components/adoption';
import { getPublicResults } from '~/services/results.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get('page');
  const results = await getPublicResults(params.slug ?? '', new Date(), raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1);
  if (!results) throw new Response('Not Found', { status: 404 });
  return { ...results, mostVotedShown: MOST_VOTED_SHOWN, adoptionStages: await adoptionStagesOf(results.challenge.id) };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  data ? pageMeta(matches, { literal: data.challenge.title }, data.challenge.summary) : errorPageMeta(matches, error);

export default function PublicResultsPage() {
  const { challenge, awards, entries, mostVoted, mostVotedShown, entryCount, paging, status, adoptionStages } = useLoaderData<typeof loader>();
  const t = useT();
  const stageOf = new Map(adoptionStages.map((a) => [a.entryId, a.stage]));
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/challenges/${challenge.slug}`}>← {challenge.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('results.publicTitle', { title: challenge.title })}</h1>
      {challenge.resultsPublishedAt ? <p className="mt-2 text-sm text-slate-600">{t('results.publishedOn', { time: format.dateTime(challenge.resultsPublishedAt) })}</p> : null}

      <section className="mt-8" aria-labelledby="winners">
        <h2 id="winners" className="text-xl font-semibold text-slate-900">
          {t('results.winners')}
        </h2>
        {awards.length === 0 ? (
          <p className="mt-2 text-slate-700">{t('results.noAwards')}</p>
        ) : (
          <ol className="mt-4 space-y-4">
            {awards.map((award, index) => (
              <li key={index} className="rounded-lg border border-gold-300 bg-gold-50 p-5">
                <p className="font-semibold text-gold-800">{award.kind === 'custom' && award.customName ? award.customName : t(`award.${award.kind}`)}</p>
                <Link to={`/entries/${award.entry.id}`} className="mt-1 block text-lg font-semibold">
                  {award.entry.title || t('entry.untitled')}
                </Link>
                <p className="text-sm text-slate-700">
                  {t(`kind.${award.entry.kind}`)}
                  {award.entry.teamName ? ` · ${award.entry.teamName}` : ''}
                  {award.entry.members.length > 0 ? ` · ${award.entry.members.join('、')}` : ''}
                </p>
                <p className="mt-2 text-slate-800">{award.entry.summary}</p>
                {stageOf.has(award.entry.id) ? (
                  <p className="mt-2 text-sm">
                    <Link to={`/entries/${award.entry.id}#adoption`} className="underline">{t('adoption.title')}</Link> <AdoptionStageBadge stage={stageOf.get(award.entry.id) ?? 'evaluating'} />
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {challenge.peoplesChoice ? (
        <section className="mt-10" aria-labelledby="peoples-choice">
          <h2 id="peoples-choice" className="text-xl font-semibold text-slate-900">
            {t('results.peoplesChoiceVotes')}
          </h2>
          {entryCount > mostVotedShown ? <p className="text-sm text-slate-600">{t('results.mostVoted', { count: mostVotedShown })}</p> : null}
          <ol className="mt-3 space-y-2">
            {mostVoted.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 pb-2">
                <Link to={`/entries/${entry.id}`}>{entry.title || t('entry.untitled')}</Link>
                <span className="tabular-nums text-slate-800">{t('results.voteCount', { count: entry.votes ?? 0 })}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section className="mt-10" aria-labelledby="all-entries">
        <h2 id="all-entries" className="text-xl font-semibold text-slate-900">
          {t('results.allEntries', { count: entryCount })}
        </h2>
        {status === 'missing' ? (
          <p role="status" className="mt-2 text-slate-700">
            {t('results.snapshotMissing')}
          </p>
        ) : null}
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded-lg border border-slate-200 p-4">
              <p className="text-xs text-slate-600">{t(`kind.${entry.kind}`)}</p>
              <Link to={`/entries/${entry.id}`} className="mt-1 block font-medium">
                {entry.title || t('entry.untitled')}
              </Link>
              {entry.teamName ? <p className="text-sm text-slate-600">{entry.teamName}</p> : null}
              <p className="mt-1 line-clamp-2 text-sm text-slate-700">{entry.summary}</p>
              {entry.votes !== null ? <p className="mt-1 text-sm tabular-nums text-slate-600">{t('results.voteCount', { count: entry.votes })}</p> : null}
            </li>
          ))}
        </ul>
        <Pager page={paging.page} pages={paging.pages} anchor="all-entries" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
