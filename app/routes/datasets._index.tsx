import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { DatasetGrid } from '~/components/cards';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
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
      <PageHeader title={t('datasets.title')} intro={t('datasets.intro')} />
      <DatasetGrid datasets={datasets} empty={t('datasets.empty')} className="mt-8" />
    </div>
  );
}
