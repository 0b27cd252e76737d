/**
 * A plain-language summary of a served table, from its profile: how many rows, over which dates,
 * the main categories and their most common value, the ranges of its numbers. Returned as parts
 * with message keys and raw values, so the page words and formats them in the reader's language.
 */
import type { DatastoreColumn } from './vocabulary';

export type SummaryPart =
  | { key: 'summary.rows'; rows: number; columns: number }
  | { key: 'summary.dates'; column: string; from: string; to: string }
  | { key: 'summary.categories'; column: string; distinct: number; approximate: boolean; top: string; count: number }
  | { key: 'summary.numbers'; column: string; min: number; max: number }
  | { key: 'summary.emptyColumns'; columns: string[] };

/** Categories mentioned at most, and numeric ranges: a summary is two or three sentences, not a report. */
const MAX_CATEGORY_PARTS = 2;
const MAX_NUMBER_PARTS = 2;
/** A text column with more different values than this is names or codes, not categories. */
const MAX_CATEGORY_DISTINCT = 1000;

const nameOf = (column: DatastoreColumn) => column.label || column.name;

export function summarise(columns: readonly DatastoreColumn[], rowCount: number): SummaryPart[] {
  const parts: SummaryPart[] = [{ key: 'summary.rows', rows: rowCount, columns: columns.length }];
  if (rowCount === 0) return parts;
  const filled = columns.filter((c) => c.profile && c.profile.empty < rowCount);

  const date = filled.find((c) => c.type === 'date' && typeof c.profile?.min === 'string' && typeof c.profile.max === 'string');
  if (date?.profile) parts.push({ key: 'summary.dates', column: nameOf(date), from: String(date.profile.min), to: String(date.profile.max) });

  // "Most common" says nothing when the first value is no more common than the second.
  const hasLeader = (p: NonNullable<DatastoreColumn['profile']>) => p.top.length > 0 && (p.top.length === 1 || (p.top[1]?.count ?? 0) < (p.top[0]?.count ?? 0));
  const categories = filled.filter((c) => c.type === 'text' && c.profile && c.profile.distinct >= 2 && c.profile.distinct <= MAX_CATEGORY_DISTINCT && c.profile.distinct < rowCount - c.profile.empty && hasLeader(c.profile));
  for (const column of categories.slice(0, MAX_CATEGORY_PARTS)) {
    const profile = column.profile as NonNullable<DatastoreColumn['profile']>;
    const top = profile.top[0] as { value: string | number; count: number };
    parts.push({ key: 'summary.categories', column: nameOf(column), distinct: profile.distinct, approximate: Boolean(profile.distinctApproximate), top: String(top.value), count: top.count });
  }

  const numbers = filled.filter((c) => (c.type === 'integer' || c.type === 'decimal') && typeof c.profile?.min === 'number' && typeof c.profile.max === 'number' && c.profile.min !== c.profile.max);
  for (const column of numbers.slice(0, MAX_NUMBER_PARTS)) {
    parts.push({ key: 'summary.numbers', column: nameOf(column), min: column.profile?.min as number, max: column.profile?.max as number });
  }

  const empty = columns.filter((c) => c.profile && c.profile.empty >= rowCount).map(nameOf);
  if (empty.length > 0) parts.push({ key: 'summary.emptyColumns', columns: empty });
  return parts;
}
