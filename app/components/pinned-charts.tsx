/** The dataset page's "at a glance": charts its department pinned, each linking to its chart builder view. */
import { Form, Link } from '@remix-run/react';
import type { PinnedChartView } from '~/lib/charts/views';
import { useT } from './i18n';

export function PinnedCharts({ charts, canManage }: { charts: readonly PinnedChartView[]; canManage: boolean }) {
  const t = useT();
  const shown = charts.filter((c) => canManage || !c.broken);
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="at-a-glance">
      <h2 id="at-a-glance" className="text-xl font-semibold text-slate-900">
        {t('chart.atAGlance')}
      </h2>
      <ul className="mt-4 grid gap-6 xl:grid-cols-2">
        {shown.map((chart) => (
          <li key={chart.id} className="rounded-lg border border-slate-200 bg-white p-4">
            {chart.broken ? (
              <p className="text-sm text-amber-800">{t('chart.broken', { name: chart.resourceName })}</p>
            ) : (
              // Drawn on the server from the served table's counts; ECharts escaped the labels.
              <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
            )}
            <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="text-slate-600">{t('chart.fromResource', { name: chart.resourceName })}</span>
              <span className="flex items-center gap-3">
                <Link to={chart.href}>{t('chart.openInBuilder')}</Link>
                {canManage ? (
                  <Form method="post">
                    <button type="submit" name="intent" value={`unpin:${chart.id}`} aria-label={chart.broken ? t('chart.unpin') : t('chart.unpinOf', { title: chart.title })} className="text-rose-700 underline hover:text-rose-800">
                      {t('chart.unpin')}
                    </button>
                  </Form>
                ) : null}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
