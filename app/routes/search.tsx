/** Site search: challenges, datasets, data requests and public entries, grouped by kind, with highlighted snippets. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { highlightParts, SEARCH_KINDS, SEARCH_MAX_LENGTH, type SearchHit, type SearchKind } from '~/lib/search-query';
import { searchSite } from '~/models/search.server';

const PER_KIND = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH);
  const typeParam = url.searchParams.get('type');
  const type = SEARCH_KINDS.find((k) => k === typeParam) ?? null;
  const hits = q.trim() ? await searchSite(q, new Date()) : [];
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, hits.filter((h) => h.kind === k).length])) as Record<SearchKind, number>;
  const groups = SEARCH_KINDS.filter((k) => !type || k === type)
    .map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind).slice(0, type ? 100 : PER_KIND) }))
    .filter((g) => g.hits.length > 0);
  return { q, type, counts, total: hits.length, groups };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'search.title');

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded bg-gold-100 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li className="rounded-lg border border-slate-200 p-4">
      <Link to={hit.href} className="font-semibold">
        <Highlighted text={hit.title} />
      </Link>
      {hit.context ? <p className="text-sm text-slate-600">{hit.context}</p> : null}
      {hit.snippet ? (
        <p className="mt-1 text-sm text-slate-700">
          <Highlighted text={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

export default function SearchPage() {
  const { q, type, counts, total, groups } = useLoaderData<typeof loader>();
  const t = useT();
  const filterLink = (kind: SearchKind | null) => `/search?${new URLSearchParams({ q, ...(kind ? { type: kind } : {}) })}`;
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('search.title')} />
      <Form method="get" role="search" className="mt-6 flex max-w-xl gap-2">
        <label htmlFor="search-q" className="sr-only">
          {t('search.label')}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={q} maxLength={SEARCH_MAX_LENGTH} className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2" />
        {type ? <input type="hidden" name="type" value={type} /> : null}
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t('search.submit')}
        </button>
      </Form>
      {q.trim() ? (
        <>
          <p role="status" className="mt-4 text-sm text-slate-700">
            {total > 0 ? t('search.count', { count: total, q }) : t('search.none', { q })}
          </p>
          {total > 0 ? (
            <nav aria-label={t('search.filters')} className="mt-3 flex flex-wrap gap-2 text-sm">
              <Link to={filterLink(null)} aria-current={type === null ? 'page' : undefined} className="rounded-full border border-slate-300 px-3 py-1 no-underline">
                {t('search.all')}
              </Link>
              {SEARCH_KINDS.filter((k) => counts[k] > 0).map((k) => (
                <Link key={k} to={filterLink(k)} aria-current={type === k ? 'page' : undefined} className="rounded-full border border-slate-300 px-3 py-1 no-underline">
                  {t(`search.kind.${k}`)} ({counts[k]})
                </Link>
              ))}
            </nav>
          ) : null}
          {groups.map((group) => (
            <section key={group.kind} className="mt-8" aria-labelledby={`group-${group.kind}`}>
              <h2 id={`group-${group.kind}`} className="text-xl font-semibold text-slate-900">
                {t(`search.kind.${group.kind}`)}
              </h2>
              <ul className="mt-3 space-y-3">
                {group.hits.map((hit) => (
                  <Hit key={`${hit.kind}-${hit.id}`} hit={hit} />
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : (
        <p className="mt-4 text-slate-700">{t('search.hint')}</p>
      )}
    </div>
  );
}
