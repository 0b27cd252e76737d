import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { readPage } from '~/services/form-helpers.server';
import { Link, useLoaderData } from '@remix-run/react';
import { DatasetGrid } from '~/components/cards';
import { FilterBar, FilterSearch, FilterSelect } from '~/components/filter-bar';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { DATASET_SORTS, type DatasetSort } from '~/lib/validation/dataset';
import { datasetFacets, searchPublishedDatasets } from '~/models/datasets.server';
import { ACCESS_LEVELS, DATASET_THEMES } from '~/lib/vocabulary';
import { getUser } from '~/services/session.server';
import { memoised } from '~/services/memo.server';

const PAGE_SIZE = 24;
const facets = memoised(60_000, datasetFacets);

function readSearch(url: URL) {
  const get = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const sort = DATASET_SORTS.find((s) => s === url.searchParams.get('sort')) as DatasetSort | undefined;
  const page = readPage(url);
  const access = ACCESS_LEVELS.find((l) => l === url.searchParams.get('access'));
  const theme = DATASET_THEMES.find((th) => th === url.searchParams.get('theme'));
  return { q: get('q')?.slice(0, 200), department: get('department'), theme, tag: get('tag'), format: get('format'), licence: get('licence'), access, sort: sort ?? 'recent', page };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const search = readSearch(new URL(request.url));
  // Officials also find the closed datasets other departments share with them.
  const viewer = await getUser(request);
  const { datasets, total } = await searchPublishedDatasets({ ...search, viewer, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE });
  return { search, datasets, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), facets: await facets() };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'datasets.title');

export default function DatasetsPage() {
  const { search, datasets, total, pages, facets } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const filtered = Boolean(search.q || search.department || search.theme || search.tag || search.format || search.licence || search.access);

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('datasets.title')} intro={t('datasets.intro')} />
      <FilterBar
        label={t('datasets.search')}
        after={
          filtered ? (
            <Link to="/datasets" className="py-2 text-sm">
              {t('datasets.clearFilters')}
            </Link>
          ) : null
        }
      >
        <FilterSearch label={t('datasets.search')} value={search.q} placeholder={t('datasets.searchPlaceholder')} />
        <FilterSelect id="department" label={t('datasets.filterDepartment')} value={search.department} anyLabel={t('datasets.any')} options={facets.departments.map((d) => ({ value: d.slug, label: `${d.name} (${d.count})` }))} />
        <FilterSelect id="theme" label={t('datasets.theme')} value={search.theme} anyLabel={t('datasets.anyTheme')} options={facets.themes.map((th) => ({ value: th.theme, label: `${t(`theme.${th.theme}`)} (${th.count})` }))} />
        <FilterSelect id="tag" label={t('datasets.filterTag')} value={search.tag} anyLabel={t('datasets.any')} options={facets.tags.map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.count})` }))} />
        <FilterSelect id="format" label={t('datasets.filterFormat')} value={search.format} anyLabel={t('datasets.any')} options={facets.formats.map((f) => ({ value: f, label: f.toUpperCase() }))} />
        <FilterSelect id="licence" label={t('datasets.filterLicence')} value={search.licence} anyLabel={t('datasets.any')} options={facets.licences.map((l) => ({ value: l, label: t(`licence.${l}`) }))} />
        <FilterSelect
          id="access"
          label={t('access.openLevel')}
          value={search.access}
          anyLabel={t('datasets.any')}
          options={facets.accessLevels.map((l) => ({ value: l.level, label: `${t(`access.level.${l.level}`)} (${l.count})` }))}
        />
        <FilterSelect id="sort" label={t('datasets.sortBy')} value={search.sort} options={DATASET_SORTS.map((sort) => ({ value: sort, label: t(`datasets.sort.${sort}`) }))} />
      </FilterBar>
      <p className="mt-6 text-sm text-slate-700" aria-live="polite">
        {t('datasets.found', { count: format.number(total) })}
      </p>
      <DatasetGrid datasets={datasets} empty={t('datasets.empty')} className="mt-4" />
      <Pager page={search.page} pages={pages} />
    </div>
  );
}
