/** The judge's dashboard: every challenge they judge, with progress and what is left to do. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { ProgressBar } from '~/components/progress-bar';
import { listJudgingFor } from '~/models/judging.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { challenges: await listJudgingFor(user, new Date()) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'judging.title');

export default function JudgingDashboard() {
  const { challenges } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('judging.title')} intro={t('judging.intro')} />
      {challenges.length === 0 ? (
        <p className="mt-8 text-slate-700">{t('judging.none')}</p>
      ) : (
        <ul className="mt-8 space-y-4">
          {challenges.map((c) => (
            <li key={c.slug} className="rounded-lg border border-slate-200 p-5">
              <div className="flex flex-wrap items-center gap-3">
                <PhaseBadge phase={c.phase} />
                <Link to={`/judging/${c.slug}`} className="text-lg font-semibold">
                  {c.title}
                </Link>
              </div>
              {c.phase === 'upcoming' || c.phase === 'open' ? (
                <p className="mt-2 text-sm text-slate-700">{t('judging.startsAt', { time: format.dateTime(c.closesAt) })}</p>
              ) : (
                <>
                  <p className="mt-2 text-sm text-slate-700">
                    {t('judging.progress', { done: c.completed, total: c.assigned })}
                    {c.open ? ` · ${t('judging.endsAt', { time: format.dateTime(c.judgingEndsAt) })}` : ` · ${t('judging.closed')}`}
                  </p>
                  <ProgressBar value={c.completed} max={c.assigned} label={t('judging.progress', { done: c.completed, total: c.assigned })} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
