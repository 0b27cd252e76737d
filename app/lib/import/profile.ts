/** Shapes a column's most frequent raw values into the typed values the table stores. */
import { normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger } from './infer';
import type { ColumnType } from './types';

function typed(value: string, type: ColumnType): string | number {
  switch (type) {
    case 'integer':
      return normaliseInteger(value) ?? value;
    case 'decimal':
      return normaliseDecimal(value) ?? value;
    case 'date':
      return normaliseDate(value) ?? value;
    case 'boolean':
      return normaliseBoolean(value) ?? value;
    case 'text':
      return value;
  }
}

/** Merges spellings of the same value (是 and true, 1,000 and 1000) and keeps the most common. */
export function topValues(raw: readonly { value: string; count: number }[], type: ColumnType, limit: number): { value: string | number; count: number }[] {
  const merged = new Map<string | number, number>();
  for (const { value, count } of raw) {
    const key = typed(value, type);
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  return [...merged]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
}
