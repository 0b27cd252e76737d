import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { readPage } from '~/services/form-helpers.server';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { DatasetGrid } from '~/components/cards';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { DATASET_SORTS, type DatasetSort } from '~/lib/validation/dataset';
import { datasetFacets, searchPublishedDatasets } from '~/models/datasets.server';
import { memoised } from '~/services/memo.server';

const PAGE_SIZE = 24;
const facets = memoised(60_000, datasetFacets);

function readSearch(url: URL) {
  const get = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const sort = DATASET_SORTS.find((s) => s === url.searchParams.get('sort')) as DatasetSort | undefined;
  const page = readPage(url);
  return { q: get('q')?.slice(0, 200), department: get('department'), tag: get('tag'), format: get('format'), licence: get('licence'), sort: sort ?? 'recent', page };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const search = readSearch(new URL(request.url));
  const { datasets, total } = searchPublishedDatasets({ ...search, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE });
  return { search, datasets, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), facets: facets() };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'datasets.title');

function FilterSelect({ id, label, value, options, anyLabel }: { id: string; label: string; value?: string; options: { value: string; label: string }[]; anyLabel: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ''} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function DatasetsPage() {
  const { search, datasets, total, pages, facets } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const filtered = Boolean(search.q || search.department || search.tag || search.format || search.licence);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('datasets.title')} intro={t('datasets.intro')} />
      <Form method="get" className="mt-6 rounded-lg border border-slate-200 bg-slate-50 p-4" aria-label={t('datasets.search')}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
          <div className="sm:col-span-2">
            <label htmlFor="q" className="block text-sm font-medium text-slate-800">
              {t('datasets.search')}
            </label>
            <input id="q" name="q" type="search" defaultValue={search.q ?? ''} placeholder={t('datasets.searchPlaceholder')} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <FilterSelect id="department" label={t('datasets.filterDepartment')} value={search.department} anyLabel={t('datasets.any')} options={facets.departments.map((d) => ({ value: d.slug, label: `${d.name} (${d.count})` }))} />
          <FilterSelect id="tag" label={t('datasets.filterTag')} value={search.tag} anyLabel={t('datasets.any')} options={facets.tags.map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.count})` }))} />
          <FilterSelect id="format" label={t('datasets.filterFormat')} value={search.format} anyLabel={t('datasets.any')} options={facets.formats.map((f) => ({ value: f, label: f.toUpperCase() }))} />
          <FilterSelect id="licence" label={t('datasets.filterLicence')} value={search.licence} anyLabel={t('datasets.any')} options={facets.licences.map((l) => ({ value: l, label: t(`licence.${l}`) }))} />
        </div>
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="sort" className="block text-sm font-medium text-slate-800">
              {t('datasets.sortBy')}
            </label>
            <select id="sort" name="sort" defaultValue={search.sort} className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
              {DATASET_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`datasets.sort.${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('datasets.applyFilters')}
          </button>
          {filtered ? (
            <Link to="/datasets" className="py-2 text-sm">
              {t('datasets.clearFilters')}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="mt-6 text-sm text-slate-700" aria-live="polite">
        {t('datasets.found', { count: format.number(total) })}
      </p>
      <DatasetGrid datasets={datasets} empty={t('datasets.empty')} className="mt-4" />
      <Pager page={search.page} pages={pages} />
    </div>
  );
}
