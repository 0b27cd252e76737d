/**
 * The small chart beside each column of a served table's profile, and the rules that shape it:
 * histogram bins on round numbers, a time granularity that gives a readable number of periods,
 * and which kind of chart a column gets. The counts themselves are computed in SQL at import
 * (app/models/datastore-charts.server.ts); this module only decides and describes.
 */
import type { ColumnType } from '../import/types';

export type TimeGranularity = 'day' | 'week' | 'month' | 'year';

export type ProfileChart =
  /** Numbers: counts per bin [from, from + width); the last bin includes the maximum. */
  | { kind: 'histogram'; width: number; bins: { from: number; count: number }[] }
  /** Text: the most common values and how many rows hold any other value. */
  | { kind: 'categories'; top: { value: string | number; count: number }[]; other: number }
  /** Dates: rows per period, each period named by its first day (YYYY-MM-DD) or year (YYYY). */
  | { kind: 'timeline'; granularity: TimeGranularity; periods: { period: string; count: number }[] }
  /** Yes/no: how many of each. */
  | { kind: 'share'; yes: number; no: number };

/** Bars in a categorical chart before the rest are counted as "other". */
export const CATEGORY_BARS = 10;
/**
 * Added before rounding a value's bin down, so 0.3 with bins of 0.1 lands in [0.3, 0.4) and not,
 * by float noise ((0.3 - 0.1) / 0.1 = 1.9999999999999998), in [0.2, 0.3). The SQL uses it too.
 */
export const BIN_EPSILON = 1e-9;
/** Histograms aim for about this many bins. */
const TARGET_BINS = 12;

/**
 * Bins of a round width (1, 2 or 5 times a power of ten) starting on a multiple of it, about
 * TARGET_BINS of them, covering [min, max]. Integers never get a width below 1.
 */
export function histogramBins(min: number, max: number, integer: boolean): { start: number; width: number; count: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return { start: 0, width: 1, count: 0 };
  if (max === min) return { start: min, width: 1, count: 1 };
  const rough = (max - min) / TARGET_BINS;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((w) => w >= rough) ?? 10 * power;
  const width = integer ? Math.max(1, Math.round(step)) : step;
  const start = Math.floor(min / width) * width;
  const count = Math.floor((max - start) / width + BIN_EPSILON) + 1;
  return { start: roundOff(start), width: roundOff(width), count };
}

/** Removes the float noise of a product like 0.1 × 3 so labels read 0.3. */
function roundOff(value: number): number {
  return Number(value.toPrecision(12));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days, weeks, months or years, whichever gives at most about 100 periods over the span. */
export function timeGranularity(first: string, last: string): TimeGranularity {
  const span = (Date.parse(last.slice(0, 10)) - Date.parse(first.slice(0, 10))) / DAY_MS;
  if (!Number.isFinite(span) || span <= 92) return 'day';
  if (span <= 2 * 365) return 'week';
  if (span <= 10 * 365) return 'month';
  return 'year';
}

/**
 * Which chart a column gets: by type, and for text only when some value repeats (a column of
 * names or codes where every value is different has nothing to draw). Empty columns get none.
 */
export function chartKindFor(type: ColumnType, profile: { distinct: number; nonEmpty: number }): ProfileChart['kind'] | null {
  if (profile.nonEmpty === 0) return null;
  switch (type) {
    case 'integer':
    case 'decimal':
      return 'histogram';
    case 'date':
      return 'timeline';
    case 'boolean':
      return 'share';
    case 'text':
      return profile.distinct < profile.nonEmpty ? 'categories' : null;
  }
}

/** Fills the periods with no rows between the first and last, so a gap shows as a gap. */
export function fillPeriods(granularity: TimeGranularity, periods: readonly { period: string; count: number }[]): { period: string; count: number }[] {
  if (periods.length < 2 || periods.length > 400) return [...periods];
  const known = new Map(periods.map((p) => [p.period, p.count]));
  const out: { period: string; count: number }[] = [];
  let cursor = (periods[0] as { period: string }).period;
  const last = (periods[periods.length - 1] as { period: string }).period;
  for (let guard = 0; guard < 2000 && cursor <= last; guard += 1) {
    out.push({ period: cursor, count: known.get(cursor) ?? 0 });
    cursor = nextPeriod(granularity, cursor);
  }
  return out;
}

function nextPeriod(granularity: TimeGranularity, period: string): string {
  if (granularity === 'year') return String(Number(period) + 1);
  const date = new Date(`${period}T00:00:00Z`);
  if (granularity === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (granularity === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
