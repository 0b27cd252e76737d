/**
 * Column type inference and value normalisation for imported tables.
 *
 * Import is one pass: each cell is stored at once in its "natural" form (a number only when the
 * text is a canonical number that converts back to exactly the same text, otherwise the text), and
 * each column's tracker narrows the candidate types. When the last row is in, the column type is
 * known and the few cells whose stored form does not fit it are rewritten with the normalisers
 * below. So no cell is ever lost: a column that ends up as text gets its numbers back as the very
 * text that was uploaded.
 */
import type { ColumnType } from './types';

export type StoredValue = string | number | null;

const CANONICAL_INTEGER = /^-?(0|[1-9]\d{0,14})$/;
// At most 15 significant digits, so the stored double prints back as the same text.
const CANONICAL_DECIMAL = /^-?(0|[1-9]\d*)\.\d*[1-9]$/;
const INTEGER = /^[+-]?(0|[1-9]\d{0,14}|[1-9]\d{0,2}(,\d{3}){1,4})$/;
const DECIMAL = /^[+-]?(\d+|\d{1,3}(,\d{3})+)?\.\d+$|^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/;
const DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TRUE_WORDS = new Set(['true', '是', 'yes']);
const FALSE_WORDS = new Set(['false', '否', 'no']);

/** Headers that name identifiers: codes stay text even when every value is digits. */
const CODE_HEADER = /(代码|编码|编号|号码|证号|卡号|电话|手机|邮编)$|(^|[\s_-])(id|code|no\.?|number|phone|zip)$/i;

function significantDigits(text: string): number {
  return text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
}

/** The cell as stored during import (before the column's type is known). */
export function storedValue(raw: string): StoredValue {
  const value = raw.trim();
  if (value === '') return null;
  if (CANONICAL_INTEGER.test(value) && value !== '-0') return Number(value);
  if (CANONICAL_DECIMAL.test(value) && significantDigits(value) <= 15) return Number(value);
  return value;
}

export function isIntegerText(value: string): boolean {
  if (!INTEGER.test(value)) return false;
  return Number.isSafeInteger(Number(value.replace(/,/g, '')));
}

export function isDecimalText(value: string): boolean {
  return DECIMAL.test(value) && Number.isFinite(Number(value.replace(/,/g, '')));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO form (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS) of a real calendar date, else null. */
export function normaliseDate(value: string): string | null {
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const day = Number(match[3] ?? match[5]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const date = `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (match[6] === undefined) return date;
  const hours = Number(match[6]);
  const minutes = Number(match[7]);
  const seconds = Number(match[8] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${date} ${String(hours).padStart(2, '0')}:${match[7]}:${String(seconds).padStart(2, '0')}`;
}

export function normaliseBoolean(value: string): 0 | 1 | null {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return null;
}

export function normaliseInteger(value: string): number | null {
  const text = value.trim();
  return isIntegerText(text) ? Number(text.replace(/,/g, '')) : null;
}

export function normaliseDecimal(value: string): number | null {
  const text = value.trim();
  return isIntegerText(text) || isDecimalText(text) ? Number(text.replace(/,/g, '')) : null;
}

/** Narrows a column's possible types as values arrive; constant memory per column. */
export class ColumnTypeTracker {
  private integer = true;
  private decimal = true;
  private date = true;
  private boolean = true;
  nonEmpty = 0;

  constructor(private readonly codeLike = false) {}

  static forHeader(header: string): ColumnTypeTracker {
    return new ColumnTypeTracker(CODE_HEADER.test(header.trim()));
  }

  observe(raw: string): void {
    const value = raw.trim();
    if (value === '') return;
    this.nonEmpty += 1;
    if (this.boolean) this.boolean = normaliseBoolean(value) !== null;
    if (this.integer) this.integer = isIntegerText(value) && !/^[+-]?0\d/.test(value);
    if (this.decimal) this.decimal = (isIntegerText(value) && !/^[+-]?0\d/.test(value)) || isDecimalText(value);
    if (this.date) this.date = normaliseDate(value) !== null;
  }

  result(): ColumnType {
    if (this.nonEmpty === 0) return 'text';
    if (this.boolean) return 'boolean';
    if (this.codeLike) return this.date ? 'date' : 'text';
    if (this.integer) return 'integer';
    if (this.decimal) return 'decimal';
    if (this.date) return 'date';
    return 'text';
  }
}
