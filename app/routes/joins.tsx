/**
 * /joins — the join of two served tables on a shared key, previewed: how many rows of each side
 * found a partner, the first rows, and downloads or the API call for all of it. Reached from a
 * dataset's "joinable datasets"; the same parameters as /api/v1/joins.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { jsonCell } from '~/lib/json-cell';
import { parseJoinRequest, runJoin } from '~/services/joins.server';
import { getUser } from '~/services/session.server';

const PAGE_SIZE = 50;
const MAX_OFFSET = 100_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has('left') && !params.has('right')) return { state: 'empty' as const };
  const parsed = await parseJoinRequest(params, await getUser(request));
  if (!parsed.ok) return { state: 'problem' as const, problem: parsed.problem };
  const { left, right, spec } = parsed.request;
  const rawOffset = params.get('offset') ?? '';
  const offset = /^\d{1,9}$/.test(rawOffset) ? Math.min(Number(rawOffset), MAX_OFFSET) : 0;
  const outcome = await runJoin(parsed.request, { limit: PAGE_SIZE, offset });
  const side = (r: typeof left) => ({ id: r.id, name: r.name, rowCount: r.rowCount, dataset: { slug: r.dataset.slug, title: r.dataset.title }, columns: r.columns.map((c) => c.name) });
  return {
    state: 'joined' as const,
    left: side(left),
    right: side(right),
    on: spec.on,
    rightOn: spec.rightOn,
    how: spec.how,
    offset,
    outcome: outcome.refused ? outcome : { ...outcome, rows: outcome.rows.map((row) => outcome.fields.map((f, i) => jsonCell(row[i], f.type))) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, 'join.title');

export default function JoinPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const location = useLocation();

  if (data.state === 'empty' || data.state === 'problem') {
    return (
      <div className="mx-auto max-w-page px-4 py-10">
        <h1 className="text-3xl font-bold text-slate-900">{t('join.title')}</h1>
        <p className="mt-3 max-w-3xl text-slate-700">{t('join.intro')}</p>
        {data.state === 'problem' ? (
          <p role="alert" className="mt-4 text-rose-700">
            {t(`join.problem.${data.problem.code}`)}
          </p>
        ) : null}
        <p className="mt-4">
          {t('join.start')} <Link to="/datasets">{t('join.browse')}</Link>
        </p>
      </div>
    );
  }

  const { left, right, on, rightOn, how, outcome, offset } = data;
  const params = new URLSearchParams(location.search);
  params.delete('offset');
  const apiQuery = new URLSearchParams({ left: String(left.id), right: String(right.id), on, ...(rightOn !== on ? { right_on: rightOn } : {}), how });
  const pageLink = (to: number) => {
    const next = new URLSearchParams(params);
    if (to > 0) next.set('offset', String(to));
    return `?${next}`;
  };
  const tableLink = (side: typeof left) => `/datasets/${side.dataset.slug}/resources/${side.id}`;
  const selectClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t('join.title')}</h1>
      <p className="mt-3 max-w-3xl text-slate-700">{t('join.intro')}</p>
      <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">{t('join.left')}</dt>
        <dd>
          <Link to={tableLink(left)}>{`${left.dataset.title} · ${left.name}`}</Link>
        </dd>
        <dt className="font-medium text-slate-700">{t('join.right')}</dt>
        <dd>
          <Link to={tableLink(right)}>{`${right.dataset.title} · ${right.name}`}</Link>
        </dd>
      </dl>

      <Form method="get" className="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-4">
        <input type="hidden" name="left" value={left.id} />
        <input type="hidden" name="right" value={right.id} />
        <div>
          <label htmlFor="join-on" className="block text-sm font-medium text-slate-800">
            {t('join.on')}
          </label>
          <select id="join-on" name="on" defaultValue={on} className={selectClass}>
            {left.columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="join-right-on" className="block text-sm font-medium text-slate-800">
            {t('join.rightOn')}
          </label>
          <select id="join-right-on" name="right_on" defaultValue={rightOn} className={selectClass}>
            {right.columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="join-how" className="block text-sm font-medium text-slate-800">
            {t('join.how')}
          </label>
          <select id="join-how" name="how" defaultValue={how} className={selectClass}>
            <option value="inner">{t('join.how.inner')}</option>
            <option value="left">{t('join.how.left')}</option>
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('join.submit')}
          </button>
        </div>
      </Form>

      {outcome.refused ? (
        <p role="alert" className="mt-6 max-w-3xl rounded-md bg-rose-50 p-4 text-rose-800">
          {outcome.refused === 'tooLarge'
            ? t('join.tooLarge', { total: format.number(outcome.total), max: format.number(outcome.max) })
            : t('join.refused', { columns: outcome.quasiIdentifiers.join(t('summary.separator')), k: outcome.k })}
        </p>
      ) : (
        <>
          <p className="mt-6 text-slate-800" aria-live="polite">
            {t('join.counts', {
              leftRows: format.number(left.rowCount),
              leftMatched: format.number(outcome.matched.left),
              rightRows: format.number(right.rowCount),
              rightMatched: format.number(outcome.matched.right),
              total: format.number(outcome.total),
            })}
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">{t('join.download')}</span>
            {(['csv', 'xlsx', 'json'] as const).map((kind) => (
              <a key={kind} href={`/api/v1/joins?${apiQuery}&format=${kind}`} className="rounded border border-slate-300 px-2 py-1 font-medium uppercase no-underline hover:bg-slate-50">
                {kind}
              </a>
            ))}
            <a href={`/api/v1/joins?${apiQuery}`} className="rounded border border-slate-300 px-2 py-1 font-medium no-underline hover:bg-slate-50">
              API
            </a>
          </div>
          {outcome.total === 0 ? (
            <p className="mt-4 text-slate-700">{t('join.noRows')}</p>
          ) : (
            <>
              <div className="mt-3 max-h-[70vh] overflow-auto rounded border border-slate-200" role="region" aria-label={t('join.rowsLabel')} tabIndex={0}>
                <table className="min-w-full text-left text-sm">
                  <thead className="sticky top-0 bg-slate-100 text-slate-800">
                    <tr>
                      {outcome.fields.map((f) => (
                        <th key={f.name} scope="col" className={`whitespace-nowrap px-3 py-2 font-medium ${f.side === 'right' ? 'bg-brand-50' : ''}`}>
                          {f.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.rows.map((row, r) => (
                      <tr key={r} className="border-t border-slate-100">
                        {row.map((cell, c) => (
                          <td key={c} className="whitespace-nowrap px-3 py-1.5 text-slate-800">
                            {cell === null ? '' : typeof cell === 'boolean' ? (cell ? t('common.yes') : t('common.no')) : String(cell)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav aria-label={t('preview.pages')} className="mt-4 flex items-center justify-between gap-3 text-sm">
                <span>{t('preview.showing', { from: format.number(offset + 1), to: format.number(Math.min(offset + outcome.rows.length, outcome.total)), total: format.number(outcome.total) })}</span>
                <span className="flex gap-4">
                  {offset > 0 ? (
                    <Link to={pageLink(Math.max(0, offset - PAGE_SIZE))} rel="prev">
                      ← {t('preview.previous')}
                    </Link>
                  ) : null}
                  {offset + outcome.rows.length < outcome.total && offset + PAGE_SIZE <= MAX_OFFSET ? (
                    <Link to={pageLink(offset + PAGE_SIZE)} rel="next">
                      {t('preview.next')} →
                    </Link>
                  ) : null}
                </span>
              </nav>
            </>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
