/**
 * Scans every cell of an import as the rows stream past (one pass, constant memory per column)
 * and judges each column at the end. A column is flagged for a detector when a meaningful share
 * of its non-empty values match, or when its header says what it is (姓名, 住址) and values are
 * present. Look-alike codes are kept out at column level too: a column whose values are mostly
 * valid 统一社会信用代码 is never an ID column, and 13-19-digit columns count as bank cards only
 * when nearly all of them pass the Luhn check (random serial numbers pass one time in ten).
 */
import type { PrivacyDetector } from '../../../db/schema';
import {
  bankCardDigits,
  findEmbedded,
  headerHint,
  isAmbiguousNameHeader,
  isEmail,
  isIPv4,
  isIPv6,
  isLandline,
  isMobile,
  isPlate,
  isResidentId,
  isValidUscc,
  looksLikeAddress,
  looksLikePersonName,
  luhnValid,
  type HintedDetector,
} from './detectors';
import { maskEmbedded, maskForDetector } from './masking';

export interface PrivacyFinding {
  column: string;
  detector: PrivacyDetector;
  /** Values that matched (whole value, or containing such a value inside free text). */
  matched: number;
  nonEmpty: number;
  share: number;
  basis: 'values' | 'header' | 'both';
  /** Up to three matching values, masked. */
  examples: string[];
}

/** Share of non-empty values from which a column counts as holding this kind of value. */
export const MIN_SHARE: Record<PrivacyDetector, number> = {
  idCard: 0.05,
  mobile: 0.05,
  landline: 0.1,
  email: 0.05,
  ipv4: 0.1,
  ipv6: 0.1,
  bankCard: 0.05,
  plate: 0.1,
  // Surname-first words and place names look alike; only a clear majority counts without a header.
  name: 0.6,
  address: 0.3,
};
/** Personal values inside free text are flagged from this share (and at least this many). */
export const MIN_EMBEDDED_SHARE = 0.001;
export const MIN_EMBEDDED_COUNT = 2;
/** Of the 13-19-digit values shaped like cards, the share that must pass Luhn. */
export const BANK_LUHN_SHARE = 0.8;
/** A column with this share of valid 统一社会信用代码 is an organisation code column. */
const USCC_SHARE = 0.5;
/** Names repeat less than categories: a name column needs this many distinct values per value seen. */
const NAME_MIN_DISTINCT_RATIO = 0.2;
const DISTINCT_TRACK_LIMIT = 5000;
/** Under a bare "name" header, the share of values that must look like personal names. */
const AMBIGUOUS_NAME_SHARE = 0.3;
const EXAMPLES = 3;

class ColumnState {
  nonEmpty = 0;
  readonly counts = new Map<PrivacyDetector, number>();
  readonly embedded = new Map<PrivacyDetector, number>();
  readonly examples = new Map<PrivacyDetector, string[]>();
  cardShaped = 0;
  cardLuhn = 0;
  uscc = 0;
  readonly distinct = new Set<string>();
  distinctSaturated = false;
  readonly ambiguousName: boolean;

  constructor(
    readonly name: string,
    readonly hint: HintedDetector | null,
  ) {
    this.ambiguousName = isAmbiguousNameHeader(name);
  }

  count(detector: PrivacyDetector, value: string, embedded = false): void {
    const map = embedded ? this.embedded : this.counts;
    map.set(detector, (map.get(detector) ?? 0) + 1);
    let list = this.examples.get(detector);
    if (!list) this.examples.set(detector, (list = []));
    if (list.length < EXAMPLES) {
      const masked = embedded ? maskEmbedded(value) : maskForDetector(value, detector);
      if (!list.includes(masked)) list.push(masked);
    }
  }

  trackDistinct(value: string): void {
    if (this.distinctSaturated) return;
    this.distinct.add(value);
    if (this.distinct.size >= DISTINCT_TRACK_LIMIT) this.distinctSaturated = true;
  }
}

const NUMERIC_LOOKING = /^[\d\s\-+.:,/()（）]+$/;

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export class PrivacyScanner {
  private readonly columns: ColumnState[];

  constructor(headers: readonly string[]) {
    this.columns = headers.map((h) => new ColumnState(h, headerHint(h)));
  }

  observe(rows: readonly (readonly (string | number | null | undefined)[])[]): void {
    const columns = this.columns;
    for (const row of rows) {
      for (let c = 0; c < columns.length; c += 1) {
        const cell = row[c];
        if (cell === null || cell === undefined) continue;
        const value = typeof cell === 'string' ? cell.trim() : String(cell);
        if (value === '') continue;
        this.observeCell(columns[c] as ColumnState, value);
      }
    }
  }

  private observeCell(state: ColumnState, value: string): void {
    state.nonEmpty += 1;
    const length = value.length;
    const first = value.charCodeAt(0);
    // Cheap dispatch on shape first: most cells of most tables are short numbers or words.
    if (length <= 24 && (isAsciiDigit(first) || first === 43 /* + */ || first === 40 /* ( */ || first === 0xff08)) {
      if (length === 18 || length === 15) {
        if (isResidentId(value)) return state.count('idCard', value);
      }
      if (length === 18 && isValidUscc(value)) {
        state.uscc += 1;
        return;
      }
      if (isMobile(value)) return state.count('mobile', value);
      if (first === 48 /* 0 */ || first === 43 || first === 40 || first === 0xff08) {
        if (isLandline(value)) return state.count('landline', value);
      }
      const card = bankCardDigits(value);
      if (card !== null) {
        state.cardShaped += 1;
        if (luhnValid(card)) {
          state.cardLuhn += 1;
          state.count('bankCard', value);
        }
        return;
      }
      if (value.includes('.') && isIPv4(value)) return state.count('ipv4', value);
      if (value.includes(':') && isIPv6(value)) return state.count('ipv6', value);
      // Numbers, amounts, dates and times: nothing below can match them.
      if (NUMERIC_LOOKING.test(value)) return;
    } else if (length === 18 && isValidUscc(value)) {
      state.uscc += 1;
      return;
    }
    if (value.includes('@') && isEmail(value)) return state.count('email', value);
    if (value.includes(':') && isIPv6(value)) return state.count('ipv6', value);
    if (length <= 10 && isPlate(value)) return state.count('plate', value);
    if (length <= 12 && looksLikePersonName(value)) {
      state.trackDistinct(value);
      return state.count('name', value);
    }
    if (length >= 6 && looksLikeAddress(value)) return state.count('address', value);
    if (length >= 11) {
      const seen = new Set<PrivacyDetector>();
      for (const match of findEmbedded(value)) seen.add(match.detector);
      for (const detector of seen) state.count(detector, value, true);
    }
  }

  findings(): PrivacyFinding[] {
    const out: PrivacyFinding[] = [];
    for (const state of this.columns) {
      if (state.nonEmpty === 0) continue;
      const flagged = new Map<PrivacyDetector, { matched: number; basis: PrivacyFinding['basis'] }>();
      const usccColumn = state.uscc / state.nonEmpty >= USCC_SHARE;
      for (const [detector, matched] of state.counts) {
        if (matched / state.nonEmpty < MIN_SHARE[detector]) continue;
        if (detector === 'idCard' && usccColumn) continue;
        if (detector === 'bankCard' && state.cardLuhn / state.cardShaped < BANK_LUHN_SHARE) continue;
        if (detector === 'name') {
          const distinctRatio = state.distinct.size / Math.min(matched, DISTINCT_TRACK_LIMIT);
          if (!state.distinctSaturated && distinctRatio < NAME_MIN_DISTINCT_RATIO) continue;
        }
        flagged.set(detector, { matched, basis: 'values' });
      }
      for (const [detector, matched] of state.embedded) {
        if (flagged.has(detector)) continue;
        if (matched < MIN_EMBEDDED_COUNT || matched / state.nonEmpty < MIN_EMBEDDED_SHARE) continue;
        flagged.set(detector, { matched, basis: 'values' });
      }
      if (state.hint && !(state.ambiguousName && (state.counts.get('name') ?? 0) / state.nonEmpty < AMBIGUOUS_NAME_SHARE)) {
        const existing = flagged.get(state.hint);
        if (existing) existing.basis = 'both';
        else if (!usccColumn) flagged.set(state.hint, { matched: (state.counts.get(state.hint) ?? 0) + (state.embedded.get(state.hint) ?? 0), basis: 'header' });
      }
      for (const [detector, { matched, basis }] of flagged) {
        out.push({
          column: state.name,
          detector,
          matched,
          nonEmpty: state.nonEmpty,
          share: Math.round((matched / state.nonEmpty) * 10000) / 10000,
          basis,
          examples: state.examples.get(detector) ?? [],
        });
      }
    }
    return out;
  }
}
