/**
 * The numbers a chart draws, as a table behind a disclosure: what screen readers read instead of
 * the picture, and what anyone can copy. Also the figure of a page chart, which pairs the two.
 */
import type { ChartTable } from '~/lib/charts/page-charts';
import type { PageChartView } from '~/lib/charts/views';
import { useFormatters, useT } from './i18n';

export function ChartDataTable({ title, table }: { title: string; table: ChartTable }) {
  const t = useT();
  const format = useFormatters();
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700">{t('chart.dataTable')}</summary>
      <div className="mt-2 max-h-80 overflow-auto" role="region" aria-label={t('chart.dataTableOf', { title })} tabIndex={0}>
        <table className="min-w-full text-left">
          <caption className="sr-only">{title}</caption>
          <thead className="bg-slate-100">
            <tr>
              {table.head.map((h, i) => (
                <th key={i} scope="col" className="px-3 py-1.5 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.body.map((row, r) => (
              <tr key={r} className="border-t border-slate-100">
                {row.map((cell, c) => (
                  <td key={c} className={`px-3 py-1 ${c > 0 || typeof cell === 'number' ? 'text-right tabular-nums' : ''}`}>
                    {cell === null ? '' : typeof cell === 'number' ? format.number(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** A chart of the platform's own figures, drawn on the server, with its numbers beside it. */
export function PageChart({ chart, note, className = '' }: { chart: PageChartView; note?: string; className?: string }) {
  return (
    <figure className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`}>
      {/* Drawn on the server by ECharts from counts; ECharts escaped every label. */}
      <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
      {note ? <figcaption className="mt-2 text-sm text-slate-700">{note}</figcaption> : null}
      <ChartDataTable title={chart.label} table={chart.table} />
    </figure>
  );
}
