/**
 * The organiser's results as a flat table for export (CSV/XLSX): the same columns as the page, in
 * the reader's language, one row per entry in rank order. Rows are turned into cells one at a time,
 * so an export of any size streams.
 */
import type { Translate } from './i18n';

export interface ExportableResultRow {
  rank: number | null;
  rankInterval: { low: number; high: number } | null;
  entryId: number;
  title: string;
  teamName: string;
  members: string[];
  reviewCount: number;
  expectedReviews: number;
  criterionMeans: Record<number, number | null>;
  rawMean: number | null;
  normalised: number | null;
  votes: number;
}

export type ExportCell = string | number | null;
export type ExportColumn = { name: string; type: 'integer' | 'decimal' | 'text' };

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export interface ResultsTableShape {
  t: Translate;
  criteria: { id: number; name: string; maxScore: number }[];
  awards: { entryId: number; label: string }[];
  peoplesChoice: boolean;
}

/** The columns, and a function turning one result row into its cells. */
export function resultsTable(shape: ResultsTableShape): { columns: ExportColumn[]; cells: (row: ExportableResultRow) => ExportCell[] } {
  const { t, criteria, peoplesChoice } = shape;
  const columns: ExportColumn[] = [
    { name: t('results.rank'), type: 'integer' },
    { name: t('results.rankLow'), type: 'integer' },
    { name: t('results.rankHigh'), type: 'integer' },
    { name: t('results.entryId'), type: 'integer' },
    { name: t('results.entry'), type: 'text' },
    { name: t('entry.field.teamName'), type: 'text' },
    { name: t('results.members'), type: 'text' },
    { name: t('results.reviews'), type: 'integer' },
    { name: t('results.expectedReviews'), type: 'integer' },
    ...criteria.map((c) => ({ name: `${c.name} (/${c.maxScore})`, type: 'decimal' as const })),
    { name: t('results.rawMean'), type: 'decimal' },
    { name: t('results.normalised'), type: 'decimal' },
    ...(peoplesChoice ? [{ name: t('results.votes'), type: 'integer' as const }] : []),
    { name: t('results.awards'), type: 'text' },
  ];
  const awardsByEntry = new Map<number, string[]>();
  for (const award of shape.awards) awardsByEntry.set(award.entryId, [...(awardsByEntry.get(award.entryId) ?? []), award.label]);
  const cells = (r: ExportableResultRow): ExportCell[] => [
    r.rank,
    r.rankInterval?.low ?? null,
    r.rankInterval?.high ?? null,
    r.entryId,
    r.title,
    r.teamName,
    r.members.join('、'),
    r.reviewCount,
    r.expectedReviews,
    ...criteria.map((c) => round(r.criterionMeans[c.id] ?? null, 2)),
    round(r.rawMean, 2),
    round(r.normalised, 3),
    ...(peoplesChoice ? [r.votes] : []),
    (awardsByEntry.get(r.entryId) ?? []).join('、'),
  ];
  return { columns, cells };
}
