/** How a stored cell appears in JSON (APIs and JSON downloads): yes/no columns as true/false. */
import type { ColumnType } from './import/types';

export function jsonCell(value: string | number | null | undefined, type: ColumnType): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === '1';
  return value;
}

export function jsonRecord(row: Record<string, string | number | null>, columns: readonly { name: string; type: ColumnType }[]): Record<string, string | number | boolean | null> {
  const record: Record<string, string | number | boolean | null> = {};
  for (const column of columns) record[column.name] = jsonCell(row[column.name], column.type);
  return record;
}
