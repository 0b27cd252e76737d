import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ChallengeGrid, DatasetGrid } from '~/components/cards';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { SectionHeading } from '~/components/page';
import { countPublicChallenges, countSubmittedEntries, listPublicChallenges } from '~/models/challenges.server';
import { countPublishedDatasets, listPublishedDatasets } from '~/models/datasets.server';
import { memoised } from '~/services/memo.server';
import { MapFigure, MapLegend } from '~/components/map-view';
import { latestFeaturedMaps } from '~/models/featured-maps.server';
import { getLocale } from '~/services/locale.server';
import { oneMapPage } from '~/services/one-map.server';
import { PageChart } from '~/components/chart-data-table';
import { siteActivityChart } from '~/services/page-charts.server';

const siteStats = memoised(60_000, async () => ({
  datasets: await countPublishedDatasets(),
  challenges: await countPublicChallenges(),
  entries: await countSubmittedEntries(),
}));

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const featured = (await latestFeaturedMaps(1))[0];
  // Drawn as the public sees it: a featured map never shows a layer that is not public.
  const locale = await getLocale(request);
  const page = featured ? await oneMapPage(new URLSearchParams(featured.query), null, locale) : null;
  // Its points open on /map, where the popup and the zoom work.
  const featuredMap = featured && page ? { title: featured.title, query: featured.query, map: { ...page.map, markers: page.map.markers.map((m) => ({ ...m, href: `/map${m.href}` })) }, legend: page.layers.map((l) => l.legend) } : null;
  return {
    featuredMap,
    now,
    openChallenges: (await listPublicChallenges({ now, phase: 'open', limit: 6 })).challenges,
    recentDatasets: await listPublishedDatasets({ limit: 6 }),
    stats: await siteStats(),
    activityChart: await siteActivityChart(locale),
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, 'app.tagline');

export default function HomePage() {
  const { now, openChallenges, recentDatasets, stats, featuredMap, activityChart } = useLoaderData<typeof loader>();
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
        <SectionHeading id="open-challenges" title={t('home.openChallenges')} link={{ to: '/challenges', label: t('home.allChallenges') }} />
        <ChallengeGrid challenges={openChallenges} now={now} empty={t('home.noOpenChallenges')} className="mt-6" />
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

      {featuredMap ? (
        <section className="mx-auto max-w-page px-4 py-6" aria-labelledby="featured-map">
          <SectionHeading id="featured-map" title={`${t('oneMap.home.heading')}：${featuredMap.title}`} link={{ to: `/map?${featuredMap.query}`, label: t('oneMap.home.open') }} />
          <MapFigure map={featuredMap.map} controls={null} />
          <MapLegend items={featuredMap.legend} />
        </section>
      ) : null}

      <section className="mx-auto max-w-page px-4 py-10" aria-labelledby="recent-datasets">
        <SectionHeading id="recent-datasets" title={t('home.recentDatasets')} link={{ to: '/datasets', label: t('home.allDatasets') }} />
        <DatasetGrid datasets={recentDatasets} empty={t('home.noDatasets')} className="mt-6" />
      </section>

      <section className="mx-auto max-w-page px-4 pb-12" aria-labelledby="activity">
        <h2 id="activity" className="text-2xl font-bold text-slate-900">
          {t('pageChart.activity.heading')}
        </h2>
        <PageChart chart={activityChart} className="mt-6" />
      </section>
    </>
  );
}
