/** A judge's queue for one challenge: entries to review (unreviewed first) and declared conflicts. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { Pager } from '~/components/page';
import { ProgressBar } from '~/components/progress-bar';
import { judgeQueue } from '~/models/judging.server';
import { readPage } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const queue = await judgeQueue(user, params.slug ?? '', new Date(), readPage(new URL(request.url)));
  if (!queue) throw new Response('Not Found', { status: 404 });
  return queue;
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) => (data ? pageMeta(matches, { literal: data.challenge.title }) : errorPageMeta(matches, error));

const STATE_STYLES = {
  none: 'bg-gold-100 text-gold-800',
  draft: 'bg-sky-100 text-sky-900',
  completed: 'bg-emerald-100 text-emerald-900',
} as const;

export default function JudgeQueue() {
  const { challenge, open, entries, counts, total, page, pages, conflicts } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const [searchParams] = useSearchParams();
  const done = counts.completed;
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to="/judging">← {t('judging.title')}</Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <PhaseBadge phase={challenge.phase} />
        {challenge.blindJudging ? <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700">{t('judging.blind')}</span> : null}
      </div>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{challenge.title}</h1>
      {searchParams.get('conflict') === '1' ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('judging.conflictRecorded')}
        </p>
      ) : null}
      {challenge.phase === 'upcoming' || challenge.phase === 'open' ? (
        <p className="mt-4 text-slate-700">{t('judging.startsAt', { time: format.dateTime(challenge.closesAt) })}</p>
      ) : (
        <>
          <p className="mt-4 text-slate-700">
            {t('judging.progress', { done, total })} · {open ? t('judging.endsAt', { time: format.dateTime(challenge.judgingEndsAt) }) : t('judging.closed')}
          </p>
          <ProgressBar value={done} max={total} label={t('judging.progress', { done, total })} />
          <p className="mt-2">
            <Link to={`/challenges/${challenge.slug}#criteria`} className="text-sm">
              {t('judging.readRubric')}
            </Link>
          </p>
        </>
      )}

      {entries.length > 0 ? (
        <section className="mt-8" aria-labelledby="queue">
          <h2 id="queue" className="text-xl font-semibold text-slate-900">
            {t('judging.queue')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('judging.queueCounts', { none: counts.none, draft: counts.draft, completed: counts.completed })}</p>
          <ul className="mt-3 space-y-3">
            {entries.map((entry) => (
              <li key={entry.id} className="rounded-lg border border-slate-200 p-4">
                <div className="flex flex-wrap items-center gap-3">
                  <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATE_STYLES[entry.state]}`}>{t(`judging.state.${entry.state}`)}</span>
                  <span className="text-xs text-slate-600">{t(`kind.${entry.kind}`)}</span>
                </div>
                <Link to={`/judging/${challenge.slug}/${entry.id}`} className="mt-1 block font-medium">
                  {entry.title || t('entry.untitled')}
                </Link>
                {entry.teamName ? <p className="text-sm text-slate-600">{entry.teamName}</p> : null}
                <p className="mt-1 line-clamp-2 text-sm text-slate-700">{entry.summary}</p>
              </li>
            ))}
          </ul>
          <Pager page={page} pages={pages} anchor="queue" />
        </section>
      ) : challenge.phase === 'judging' || challenge.phase === 'results' ? (
        <p className="mt-8 text-slate-700">{t('judging.nothingAssigned')}</p>
      ) : null}

      {conflicts.length > 0 ? (
        <section className="mt-10" aria-labelledby="conflicts">
          <h2 id="conflicts" className="text-xl font-semibold text-slate-900">
            {t('judging.myConflicts')}
          </h2>
          <ul className="mt-3 space-y-2 text-sm">
            {conflicts.map((c) => (
              <li key={c.entryId}>
                <span className="font-medium text-slate-900">{c.title || t('entry.untitled')}</span>
                {c.reason ? <span className="text-slate-700"> — {c.reason}</span> : null}
                <span className="text-slate-600"> ({t(`judging.conflictSource.${c.source}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
