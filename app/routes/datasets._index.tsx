import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { DatasetCard } from '~/components/cards';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { listPublishedDatasets } from '~/models/datasets.server';

export async function loader() {
  return { datasets: listPublishedDatasets() };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'datasets.title');

export default function DatasetsPage() {
  const { datasets } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t('datasets.title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('datasets.intro')}</p>
      {datasets.length === 0 ? (
        <p className="mt-8 text-slate-700">{t('datasets.empty')}</p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {datasets.map((dataset) => (
            <li key={dataset.slug}>
              <DatasetCard dataset={dataset} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
