import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { FilterBar, FilterSearch, FilterSelect } from '~/components/filter-bar';
import { ChallengeGrid } from '~/components/cards';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { PUBLIC_PHASES, type PublicPhase } from '~/lib/phase';
import { pageWindow } from '~/lib/paging';
import { listPublicChallenges } from '~/models/challenges.server';
import { readPage } from '~/services/form-helpers.server';
import { listDepartments } from '~/models/departments.server';

const PAGE_SIZE = 24;

function parsePhase(value: string | null): PublicPhase | undefined {
  return PUBLIC_PHASES.find((phase) => phase === value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const url = new URL(request.url);
  const phase = parsePhase(url.searchParams.get('phase'));
  const q = url.searchParams.get('q')?.trim().slice(0, 100) || undefined;
  const department = url.searchParams.get('department')?.trim() || undefined;
  const sort = url.searchParams.get('sort') === 'deadline' ? 'deadline' : 'phase';
  const page = readPage(url);
  const { challenges, total } = await listPublicChallenges({ now, phase, q, department, sort, ...pageWindow(page, PAGE_SIZE) });
  return {
    now,
    filters: { phase: phase ?? null, q: q ?? '', department: department ?? '', sort },
    challenges,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    departments: (await listDepartments()).map((d) => ({ slug: d.slug, name: d.name })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'challenges.title');

export default function ChallengesPage() {
  const { now, filters, challenges, departments, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const tabs: (PublicPhase | null)[] = [null, ...PUBLIC_PHASES];
  const tabLink = (tab: PublicPhase | null) => {
    const params = new URLSearchParams(location.search);
    params.delete('page');
    if (tab) params.set('phase', tab);
    else params.delete('phase');
    const text = params.toString();
    return text ? `?${text}` : '.';
  };

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('challenges.title')} intro={t('challenges.intro')} />
      <nav aria-label={t('challenges.filterByPhase')} className="mt-6 flex flex-wrap gap-2">
        {tabs.map((tab) => {
          const active = tab === filters.phase;
          return (
            <Link
              key={tab ?? 'all'}
              to={tabLink(tab)}
              aria-current={active ? 'page' : undefined}
              className={`rounded-full px-3 py-1 text-sm font-medium no-underline ring-1 ring-inset ${
                active ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
              }`}
            >
              {tab ? t(`phase.${tab}`) : t('phase.all')}
            </Link>
          );
        })}
      </nav>
      <FilterBar className="mt-4">
        {filters.phase ? <input type="hidden" name="phase" value={filters.phase} /> : null}
        <FilterSearch label={t('challenges.search')} value={filters.q} />
        <FilterSelect id="department" label={t('datasets.filterDepartment')} value={filters.department} anyLabel={t('datasets.any')} options={departments.map((d) => ({ value: d.slug, label: d.name }))} />
        <FilterSelect id="sort" label={t('datasets.sortBy')} value={filters.sort} options={[{ value: 'phase', label: t('challenges.sort.phase') }, { value: 'deadline', label: t('challenges.sort.deadline') }]} />
      </FilterBar>
      <ChallengeGrid challenges={challenges} now={now} empty={t('challenges.empty')} className="mt-8" />
      <Pager page={page} pages={pages} />
    </div>
  );
}
