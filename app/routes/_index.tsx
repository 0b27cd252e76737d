import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ChallengeCard, DatasetCard } from '~/components/cards';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { countPublicChallenges, countSubmittedEntries, listPublicChallenges } from '~/models/challenges.server';
import { countPublishedDatasets, listPublishedDatasets } from '~/models/datasets.server';

export async function loader(_: LoaderFunctionArgs) {
  const now = new Date();
  return {
    now,
    openChallenges: listPublicChallenges({ now, phase: 'open', limit: 6 }),
    recentDatasets: listPublishedDatasets({ limit: 6 }),
    stats: {
      datasets: countPublishedDatasets(),
      challenges: countPublicChallenges(),
      entries: countSubmittedEntries(),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, 'app.tagline');

export default function HomePage() {
  const { now, openChallenges, recentDatasets, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();

  return (
    <>
      <section className="border-b border-gold-100 bg-gradient-to-b from-gold-50 to-white">
        <div className="mx-auto max-w-page px-4 py-12 sm:py-16">
          <h1 className="max-w-3xl text-3xl font-bold leading-tight text-slate-900 sm:text-4xl">{t('home.heroTitle')}</h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-700">{t('home.heroBody')}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link to="/challenges" className="rounded-md bg-brand-700 px-5 py-2.5 font-medium text-white no-underline hover:bg-brand-800">
              {t('home.browseChallenges')}
            </Link>
            <Link
              to="/datasets"
              className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 no-underline hover:bg-slate-50"
            >
              {t('home.browseDatasets')}
            </Link>
          </div>
          <dl className="mt-10 grid max-w-xl grid-cols-3 gap-4">
            {(
              [
                ['home.stats.datasets', stats.datasets],
                ['home.stats.challenges', stats.challenges],
                ['home.stats.entries', stats.entries],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt className="text-sm text-slate-600">{t(label)}</dt>
                <dd className="text-2xl font-bold text-slate-900">{format.number(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <section className="mx-auto max-w-page px-4 py-10" aria-labelledby="open-challenges">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="open-challenges" className="text-2xl font-bold text-slate-900">
            {t('home.openChallenges')}
          </h2>
          <Link to="/challenges" className="text-sm font-medium">
            {t('home.allChallenges')} →
          </Link>
        </div>
        {openChallenges.length === 0 ? (
          <p className="mt-4 text-slate-700">{t('home.noOpenChallenges')}</p>
        ) : (
          <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {openChallenges.map((challenge) => (
              <li key={challenge.slug}>
                <ChallengeCard challenge={challenge} now={now} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="mx-auto max-w-page px-4 py-6" aria-labelledby="how">
        <h2 id="how" className="text-2xl font-bold text-slate-900">
          {t('home.howTitle')}
        </h2>
        <ol className="mt-6 grid gap-4 sm:grid-cols-3">
          {([1, 2, 3] as const).map((step) => (
            <li key={step} className="rounded-lg bg-slate-50 p-5">
              <span className="flex h-8 w-8 items-center justify-center rounded-full bg-gold-400 font-bold text-slate-900">{step}</span>
              <h3 className="mt-3 font-semibold text-slate-900">{t(`home.how.${step}.title`)}</h3>
              <p className="mt-1 text-sm text-slate-700">{t(`home.how.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="mx-auto max-w-page px-4 py-10" aria-labelledby="recent-datasets">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="recent-datasets" className="text-2xl font-bold text-slate-900">
            {t('home.recentDatasets')}
          </h2>
          <Link to="/datasets" className="text-sm font-medium">
            {t('home.allDatasets')} →
          </Link>
        </div>
        {recentDatasets.length === 0 ? (
          <p className="mt-4 text-slate-700">{t('home.noDatasets')}</p>
        ) : (
          <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {recentDatasets.map((dataset) => (
              <li key={dataset.slug}>
                <DatasetCard dataset={dataset} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
