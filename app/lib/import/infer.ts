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
import { HyperLogLog } from '../hyperloglog';
import type { ColumnType } from './types';

export type StoredValue = string | number | null;

const INTEGER = /^[+-]?(0|[1-9]\d{0,14}|[1-9]\d{0,2}(,\d{3}){1,4})$/;
const DECIMAL = /^[+-]?(\d+|\d{1,3}(,\d{3})+)?\.\d+$|^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/;
const DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TRUE_WORDS = new Set(['true', '是', 'yes']);
const FALSE_WORDS = new Set(['false', '否', 'no']);

/** Headers that name identifiers: codes stay text even when every value is digits. */
const CODE_HEADER = /(代码|编码|编号|号码|证号|卡号|电话|手机|邮编)$|(^|[\s_-])(id|code|no\.?|number|phone|zip)$/i;

export function isIntegerText(value: string): boolean {
  if (!INTEGER.test(value)) return false;
  return Number.isSafeInteger(Number(value.replace(/,/g, '')));
}

export function isDecimalText(value: string): boolean {
  return DECIMAL.test(value) && Number.isFinite(Number(value.replace(/,/g, '')));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** Whether text is exactly a real YYYY-MM-DD date (the common case, checked without a regex). */
function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const d = [0, 1, 2, 3, 5, 6, 8, 9].map((i) => digitAt(text, i));
  if (d.some((x) => x < 0)) return false;
  const [y0 = 0, y1 = 0, y2 = 0, y3 = 0, m0 = 0, m1 = 0, d0 = 0, d1 = 0] = d;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** ISO form (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS) of a real calendar date, else null. */
export function normaliseDate(value: string): string | null {
  if (isIsoDate(value)) return value;
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

/** A cell as the import reads it: trimmed when it starts or ends with a space or control character. */
export function trimCell(raw: string): string {
  return raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
}

const NORMALISE: Record<ColumnType, (value: string) => StoredValue> = {
  integer: normaliseInteger,
  decimal: normaliseDecimal,
  date: normaliseDate,
  boolean: normaliseBoolean,
  text: (value) => value,
};

/**
 * A cell in its column's final type, exactly as the one-pass import leaves it once the column is
 * rewritten (the analyzer's stored value, then the rewrite below): for imports that know the types
 * before they write (PostgreSQL's typed columns, docs/decisions/012-postgresql.md).
 */
export function normaliseCell(type: ColumnType, raw: string): StoredValue {
  const value = trimCell(raw);
  if (value === '') return null;
  return NORMALISE[type](value) ?? value;
}

const enum Shape {
  Other,
  Integer,
  /** An integer of more than 15 digits: an identifier, not a quantity. */
  LongInteger,
  /** Digits with a leading zero (codes like 0012). */
  LeadingZero,
  Decimal,
  /** A decimal that does not print back the same (1.50, .5, more than 15 digits). */
  LooseDecimal,
}

/** The numeric shape of a trimmed value, by a single scan (this runs for every cell). */
function numericShape(value: string): Shape {
  const n = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && isDigit(value.charCodeAt(i))) i += 1;
  const whole = i - start;
  const leadingZero = whole > 1 && value.charCodeAt(start) === 48;
  if (i === n) {
    if (whole === 0) return Shape.Other;
    if (leadingZero) return Shape.LeadingZero;
    return whole <= 15 ? (value === '-0' ? Shape.LooseDecimal : Shape.Integer) : Shape.LongInteger;
  }
  if (value.charCodeAt(i) !== 46 || leadingZero) return Shape.Other;
  i += 1;
  const fraction = i;
  while (i < n && isDigit(value.charCodeAt(i))) i += 1;
  if (i !== n || i === fraction) return Shape.Other;
  if (whole === 0 || value.charCodeAt(n - 1) === 48) return Shape.LooseDecimal;
  // Significant digits: the whole part (unless it is 0) and the fraction without leading zeros.
  let significant = n - fraction;
  if (whole === 1 && value.charCodeAt(start) === 48) {
    let k = fraction;
    while (k < n && value.charCodeAt(k) === 48) k += 1;
    significant = n - k;
  } else {
    significant += whole;
  }
  return significant > 15 ? Shape.LooseDecimal : Shape.Decimal;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Distinct values are counted exactly up to this many, then estimated. */
const EXACT_DISTINCT_LIMIT = 10_000;

/**
 * Everything the import learns about one column while the rows stream past, in bounded memory:
 * which types are still possible, which stored cells will need rewriting once the type is known,
 * the range of values, and value frequencies for the profile.
 *
 * Yes/no words are stored as 1/0 at once while the column can still be boolean (each truth value
 * in the first spelling seen; other spellings as text). If a later value rules boolean out,
 * `onDemote` is told the two spellings so the cells already stored can be turned back into them.
 */
export class ColumnAnalyzer {
  private integer = true;
  private decimal = true;
  private date = true;
  private boolean = true;
  nonEmpty = 0;
  private storedNumbers = 0;
  private storedTexts = 0;
  private storedBooleans = 0;
  private nonIsoDates = 0;
  private trueSpelling: string | null = null;
  private falseSpelling: string | null = null;
  private minNumber: number | null = null;
  private maxNumber: number | null = null;
  private minText: string | null = null;
  private maxText: string | null = null;
  private rangeExact = true;
  /** Value → occurrences; boxed so a repeat costs one lookup. */
  private readonly counts = new Map<string, { n: number }>();
  private estimate: HyperLogLog | null = null;
  /** Called once when stored 1/0 cells must become their original words again. */
  onDemote: ((spellings: { true: string | null; false: string | null }) => void) | null = null;

  constructor(private readonly codeLike: boolean) {}

  static forHeader(header: string): ColumnAnalyzer {
    return new ColumnAnalyzer(CODE_HEADER.test(header.trim()));
  }

  /** Takes one cell; returns the value to store for it now. */
  add(raw: string): StoredValue {
    const value = trimCell(raw);
    if (value === '') return null;
    this.nonEmpty += 1;
    this.count(value);
    const shape = numericShape(value);
    if (shape === Shape.Integer || shape === Shape.Decimal) {
      if (this.boolean) this.ruleOutBoolean();
      this.date = false;
      if (shape === Shape.Decimal) this.integer = false;
      // Codes stay text whatever their digits, so store them as text from the start.
      return this.codeLike ? this.storeText(value) : this.storeNumber(Number(value));
    }
    if (shape === Shape.Other) {
      if (this.boolean) {
        // The usual case: the same two words over and over.
        if (value === this.trueSpelling || value === this.falseSpelling) {
          this.storedBooleans += 1;
          return this.storeNumber(value === this.trueSpelling ? 1 : 0);
        }
        const truth = value.length <= 5 ? normaliseBoolean(value) : null;
        if (truth !== null) {
          const word = value;
          if (truth === 1) this.trueSpelling ??= word;
          else this.falseSpelling ??= word;
          if (word === (truth === 1 ? this.trueSpelling : this.falseSpelling)) {
            this.storedBooleans += 1;
            return this.storeNumber(truth);
          }
          return this.storeText(value);
        }
        this.ruleOutBoolean();
      }
      if (this.integer) this.integer = isIntegerText(value) && !/^[+-]?0\d/.test(value);
      if (this.decimal) this.decimal = (isIntegerText(value) && !/^[+-]?0\d/.test(value)) || isDecimalText(value);
      if (this.date) {
        const iso = normaliseDate(value);
        if (iso === null) this.date = false;
        else if (iso !== value) this.nonIsoDates += 1;
      }
      return this.storeText(value);
    }
    // Loose decimals, long integers and leading zeros are kept exactly as written.
    if (this.boolean) this.ruleOutBoolean();
    this.date = false;
    this.integer = false;
    if (shape !== Shape.LooseDecimal) this.decimal = false;
    return this.storeText(value);
  }

  private storeNumber(value: number): number {
    this.storedNumbers += 1;
    if (this.minNumber === null || value < this.minNumber) this.minNumber = value;
    if (this.maxNumber === null || value > this.maxNumber) this.maxNumber = value;
    return value;
  }

  private storeText(value: string): string {
    this.storedTexts += 1;
    if (this.minText === null || value < this.minText) this.minText = value;
    if (this.maxText === null || value > this.maxText) this.maxText = value;
    return value;
  }

  private ruleOutBoolean(): void {
    this.boolean = false;
    if (this.storedBooleans > 0) {
      this.onDemote?.({ true: this.trueSpelling, false: this.falseSpelling });
      this.storedNumbers -= this.storedBooleans;
      this.storedTexts += this.storedBooleans;
      this.storedBooleans = 0;
      // The 1/0 cells became words: the tracked range no longer describes the table.
      this.rangeExact = false;
    }
  }

  private count(value: string): void {
    if (this.estimate !== null) {
      // Very varied column: only the estimate is kept up to date.
      this.estimate.add(value);
      return;
    }
    const known = this.counts.get(value);
    if (known !== undefined) {
      known.n += 1;
    } else if (this.counts.size < EXACT_DISTINCT_LIMIT) {
      this.counts.set(value, { n: 1 });
    } else {
      this.estimate = new HyperLogLog();
      for (const key of this.counts.keys()) this.estimate.add(key);
      this.estimate.add(value);
    }
  }

  type(): ColumnType {
    if (this.nonEmpty === 0) return 'text';
    if (this.boolean) return 'boolean';
    if (this.codeLike) return this.date ? 'date' : 'text';
    if (this.integer) return 'integer';
    if (this.decimal) return 'decimal';
    if (this.date) return 'date';
    return 'text';
  }

  /** Whether some stored cells do not match the final type and must be rewritten. */
  needsRewrite(type: ColumnType = this.type()): boolean {
    switch (type) {
      case 'integer':
      case 'decimal':
        return this.storedTexts > 0;
      case 'date':
        return this.nonIsoDates > 0;
      case 'boolean':
        return this.storedTexts > 0;
      case 'text':
        return this.storedNumbers > 0;
    }
  }

  /**
   * Smallest and largest stored value as SQLite orders them (numbers before text), or null when
   * rewriting cells may change them and the table must be asked instead.
   */
  range(): { min: string | number | null; max: string | number | null } | null {
    if (!this.rangeExact || this.needsRewrite()) return null;
    return { min: this.minNumber ?? this.minText, max: this.maxText ?? this.maxNumber };
  }

  /** Distinct non-empty values: exact, or an estimate for very varied columns. */
  distinct(): { count: number; approximate: boolean } {
    return this.estimate ? { count: Math.max(this.estimate.count(), this.counts.size), approximate: true } : { count: this.counts.size, approximate: false };
  }

  /** The most frequent values (occurring more than once), most frequent first. */
  top(limit: number): { value: string; count: number }[] {
    return [...this.counts]
      .filter(([, count]) => count.n > 1)
      .map(([value, count]) => ({ value, count: count.n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit);
  }
}
