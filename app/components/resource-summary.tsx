/** A resource's plain-language summary: the department's own words, or sentences worded from its profile. */
import type { SummaryPart } from '~/lib/resource-summary';
import { useFormatters, useT } from './i18n';

/** The summary's sentences in the reader's language, as one string. */
export function useSummaryText(parts: readonly SummaryPart[]): string {
  const t = useT();
  const format = useFormatters();
  const count = (n: number, approximate = false) => (approximate ? t('summary.about', { count: format.number(n) }) : format.number(n));
  // Dates by their day: a date-only string is read as UTC midnight, the same day in every zone we format in.
  const day = (value: string) => format.date(value.slice(0, 10));
  const sentences = parts.map((part) => {
    switch (part.key) {
      case 'summary.rows':
        return t(part.key, { rows: format.number(part.rows), columns: format.number(part.columns) });
      case 'summary.dates':
        return t(part.key, { column: part.column, from: day(part.from), to: day(part.to) });
      case 'summary.categories':
        return t(part.key, { column: part.column, distinct: count(part.distinct, part.approximate), top: part.top, count: format.number(part.count) });
      case 'summary.numbers':
        return t(part.key, { column: part.column, min: format.number(part.min), max: format.number(part.max) });
      case 'summary.emptyColumns':
        return t(part.key, { columns: part.columns.join(t('summary.separator')) });
    }
  });
  // Chinese sentences follow each other directly; English ones after a space.
  return sentences.reduce((first, second) => (first ? t('summary.twoSentences', { first, second }) : second), '');
}

/** The summary above a resource's table, saying who wrote it. */
export function ResourceSummary({ written, parts }: { written: string; parts: readonly SummaryPart[] }) {
  const t = useT();
  const generated = useSummaryText(parts);
  return (
    <section aria-labelledby="summary" className="mt-4 max-w-3xl rounded-lg bg-brand-50 p-4 text-slate-800">
      <h2 id="summary" className="text-sm font-semibold text-slate-900">
        {t('summary.title')}
      </h2>
      <p className="mt-1 whitespace-pre-line">{written || generated}</p>
      <p className="mt-1 text-xs text-slate-600">{written ? t('summary.byDepartment') : t('summary.generated')}</p>
    </section>
  );
}
