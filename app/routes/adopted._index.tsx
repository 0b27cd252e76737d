/** 成果转化: every idea being evaluated, piloted or in service, across challenges, with the headline counts. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdoptionStageBadge, OutcomeList } from '~/components/adoption';
import { FilterBar, FilterSelect } from '~/components/filter-bar';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { ADOPTION_STAGES } from '~/lib/vocabulary';
import { adoptionYears, listAdoptions } from '~/models/adoptions.server';
import { listDepartments } from '~/models/departments.server';
import { headlineFor, readAdoptionFilter } from '~/services/adoptions.server';
import { readPage } from '~/services/form-helpers.server';

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { filter, values } = await readAdoptionFilter(url.searchParams);
  const page = readPage(url);
  const { total, adoptions } = await listAdoptions(filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    values,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    adoptions,
    headline: await headlineFor(filter),
    departments: (await listDepartments()).map((d) => ({ slug: d.slug, name: d.name })),
    years: await adoptionYears(),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'adopted.title');

export default function AdoptedPage() {
  const { values, page, pages, total, adoptions, headline, departments, years } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('adopted.title')} intro={t('adopted.intro')} />
      <p className="mt-4 rounded-lg bg-emerald-50 p-4 text-lg font-medium text-slate-900">
        {t('adopted.headline', {
          awarded: format.number(headline.awarded),
          in_service: format.number(headline.byStage.in_service),
          piloting: format.number(headline.byStage.piloting),
          evaluating: format.number(headline.byStage.evaluating),
          not_adopted: format.number(headline.byStage.not_adopted),
        })}
        {headline.unreported > 0 ? <span className="block text-sm font-normal text-slate-700">{t('adopted.unreported', { count: format.number(headline.unreported) })}</span> : null}
      </p>
      <FilterBar submitLabel={t('adopted.filter.submit')}>
        <FilterSelect id="department" label={t('adopted.filter.department')} value={values.department} anyLabel={t('adopted.filter.all')} options={departments.map((d) => ({ value: d.slug, label: d.name }))} />
        <FilterSelect id="stage" label={t('adopted.filter.stage')} value={values.stage} anyLabel={t('adopted.filter.listed')} options={ADOPTION_STAGES.map((s) => ({ value: s, label: t(`adoption.stage.${s}`) }))} />
        <FilterSelect id="year" label={t('adopted.filter.year')} value={values.year} anyLabel={t('adopted.filter.all')} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
      </FilterBar>
      <p className="mt-6 flex flex-wrap justify-between gap-3 text-sm text-slate-700">
        <span>{t('adopted.count', { count: format.number(total) })}</span>
        <a href="/adopted.atom" type="application/atom+xml">
          {t('adopted.feed')}
        </a>
      </p>
      {adoptions.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('adopted.empty')}</p>
      ) : (
        <ul className="mt-4 space-y-4">
          {adoptions.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 p-5">
              <article aria-labelledby={`adoption-${a.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <h2 id={`adoption-${a.id}`} className="text-lg font-semibold">
                    <Link to={`/entries/${a.entry.id}#adoption`} className="text-slate-900 hover:text-brand-700">
                      {a.entry.title}
                    </Link>
                  </h2>
                  <AdoptionStageBadge stage={a.stage} />
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  <Link to={`/challenges/${a.challenge.slug}/results`} className="underline">{a.challenge.title}</Link> · {a.department.name}
                  {a.adoptedBy.length > 0 ? ` · ${t('adoption.adoptedBy', { names: a.adoptedBy.map((d) => d.name).join('、') })}` : ''} · {t('adopted.updated', { date: format.date(a.lastUpdateAt) })}
                </p>
                <OutcomeList outcomes={a.outcomes} />
                {a.link ? (
                  <p className="mt-2 text-sm">
                    <a href={a.link} rel="noopener noreferrer nofollow" target="_blank">
                      {t('adoption.link')}
                    </a>
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} />
    </div>
  );
}
