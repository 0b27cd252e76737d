/**
 * Scans every cell of an import as the rows stream past (one pass, constant memory per column)
 * and judges each column at the end. A column is flagged for a detector when a meaningful share
 * of its non-empty values match, or when its header says what it is (姓名, 住址) and values are
 * present. Look-alike codes are kept out at column level too: a column whose values are mostly
 * valid 统一社会信用代码 is never an ID column, and 13-19-digit columns count as bank cards only
 * when nearly all of them pass the Luhn check (random serial numbers pass one time in ten).
 */
import type { PrivacyDetector } from '~/lib/vocabulary';
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
  type EmbeddedDetector,
  type HintedDetector,
} from './detectors';
import { maskForDetector } from './masking';

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

function embeddedExample(text: string, detector: PrivacyDetector): string | null {
  const match = findEmbedded(text).find((m) => m.detector === detector);
  return match ? `…${maskForDetector(text.slice(match.start, match.end), detector)}…` : null;
}

/** What one cell is, decided once per distinct value of a column. */
type Classification =
  | null
  | { kind: 'whole'; detector: PrivacyDetector }
  | { kind: 'embedded'; detectors: readonly EmbeddedDetector[] }
  | { kind: 'uscc' }
  | { kind: 'version' }
  | { kind: 'card'; luhn: boolean };

/**
 * Distinct short values remembered per column, so categorical columns (区县, 是否) are classified
 * once per value; bounded so 500 wide columns of unique values stay within a few megabytes.
 */
const MEMO_LIMIT = 1024;
const MEMO_MAX_LENGTH = 40;
/** Values after which a column that rarely repeats stops using the memo. */
const MEMO_TRIAL = 5000;

class ColumnState {
  nonEmpty = 0;
  readonly counts = new Map<PrivacyDetector, number>();
  readonly embedded = new Map<PrivacyDetector, number>();
  readonly examples = new Map<PrivacyDetector, string[]>();
  cardShaped = 0;
  cardLuhn = 0;
  uscc = 0;
  legacyId = 0;
  /** Values like 3.9.10: a column of software versions, whose four-part ones look like IPv4. */
  versions = 0;
  bareLandline = 0;
  readonly distinct = new Set<string>();
  distinctSaturated = false;
  readonly ambiguousName: boolean;
  readonly memo = new Map<string, Classification>();
  memoActive = true;
  memoHits = 0;

  constructor(
    readonly name: string,
    readonly hint: HintedDetector | null,
  ) {
    this.ambiguousName = isAmbiguousNameHeader(name);
  }

  observe(value: string): void {
    this.nonEmpty += 1;
    let found: Classification | undefined;
    if (this.memoActive) {
      found = this.memo.get(value);
      if (found !== undefined) this.memoHits += 1;
      // A column of mostly unique values (ids, notes) gains nothing from the memo but its hashing.
      else if (this.nonEmpty >= MEMO_TRIAL && this.memoHits < this.nonEmpty / 2) this.memoActive = false;
    }
    if (found === undefined) {
      found = classify(value);
      if (this.memoActive && this.memo.size < MEMO_LIMIT && value.length <= MEMO_MAX_LENGTH) this.memo.set(value, found);
    }
    if (found === null) return;
    switch (found.kind) {
      case 'whole':
        if (found.detector === 'name') this.trackDistinct(value);
        if (found.detector === 'idCard' && value.length === 15) this.legacyId += 1;
        if (found.detector === 'landline' && /^0[3-9]\d{9,10}$/.test(value)) this.bareLandline += 1;
        this.count(found.detector, value, false);
        return;
      case 'embedded':
        for (const detector of found.detectors) this.count(detector, value, true);
        return;
      case 'uscc':
        this.uscc += 1;
        return;
      case 'version':
        this.versions += 1;
        return;
      case 'card':
        this.cardShaped += 1;
        if (found.luhn) {
          this.cardLuhn += 1;
          this.count('bankCard', value, false);
        }
        return;
    }
  }

  private count(detector: PrivacyDetector, value: string, embedded: boolean): void {
    const map = embedded ? this.embedded : this.counts;
    map.set(detector, (map.get(detector) ?? 0) + 1);
    let list = this.examples.get(detector);
    if (!list) this.examples.set(detector, (list = []));
    if (list.length < EXAMPLES) {
      // From free text only the detected value is kept (masked): the rest of a note may name people.
      const masked = embedded ? embeddedExample(value, detector) : maskForDetector(value, detector);
      if (masked && !list.includes(masked)) list.push(masked);
    }
  }

  private trackDistinct(value: string): void {
    if (this.distinctSaturated) return;
    this.distinct.add(value);
    if (this.distinct.size >= DISTINCT_TRACK_LIMIT) this.distinctSaturated = true;
  }
}

const WHOLE: Record<PrivacyDetector, Classification> = Object.fromEntries(
  (['idCard', 'mobile', 'landline', 'email', 'ipv4', 'ipv6', 'bankCard', 'plate', 'name', 'address'] as const).map((d) => [d, { kind: 'whole', detector: d }]),
) as Record<PrivacyDetector, Classification>;
const USCC: Classification = { kind: 'uscc' };
const VERSION: Classification = { kind: 'version' };
const CARD_LUHN: Classification = { kind: 'card', luhn: true };
const CARD_OTHER: Classification = { kind: 'card', luhn: false };

/**
 * Classifies one trimmed, non-empty value. A single pass over its characters first tells what it
 * could be at all, so the common cells (counts, amounts, dates, short words, notes without long
 * digit runs) are settled without running any pattern.
 */
export function classify(value: string): Classification {
  const length = value.length;
  let digits = 0;
  let run = 0;
  let longestRun = 0;
  let cjk = 0;
  let at = false;
  let colon = false;
  let dots = 0;
  let letters = 0;
  for (let i = 0; i < length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits += 1;
      run += 1;
      if (run > longestRun) longestRun = run;
      continue;
    }
    run = 0;
    if (code >= 0x4e00 && code <= 0x9fff) cjk += 1;
    else if (code === 64) at = true;
    else if (code === 58) colon = true;
    else if (code === 46) dots += 1;
    else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters += 1;
  }

  if (digits >= 7 && cjk === 0 && !at) {
    // Numbers: ID, USCC, phones, cards, IP addresses.
    if ((length === 18 || length === 15) && isResidentId(value)) return WHOLE.idCard;
    if (length === 18 && isValidUscc(value)) return USCC;
    if (digits >= 11 && isMobile(value)) return WHOLE.mobile;
    if (digits >= 9 && isLandline(value)) return WHOLE.landline;
    if (digits >= 13) {
      const card = bankCardDigits(value);
      if (card !== null) return luhnValid(card) ? CARD_LUHN : CARD_OTHER;
    }
    if (dots === 3 && isIPv4(value)) return WHOLE.ipv4;
  } else if (length === 18 && cjk === 0 && isValidUscc(value)) {
    return USCC;
  }
  if (dots === 3 && digits >= 4 && digits < 7 && isIPv4(value)) return WHOLE.ipv4;
  if (dots === 2 && digits + 2 === length) return VERSION;
  if (colon && (letters > 0 || digits > 0) && isIPv6(value)) return WHOLE.ipv6;
  if (at && isEmail(value)) return WHOLE.email;
  if (cjk > 0) {
    if (length >= 7 && length <= 10 && cjk <= 3 && isPlate(value)) return WHOLE.plate;
    if (digits === 0 && length <= 12 && looksLikePersonName(value)) return WHOLE.name;
    if (cjk >= 3 && length >= 6 && looksLikeAddress(value)) return WHOLE.address;
  }
  // Free text: only a long digit run or an @ can hide a personal value.
  if ((at || digits >= 11) && length >= 11 && (cjk > 0 || letters > 0 || length > 24)) {
    const found = new Set<EmbeddedDetector>();
    for (const match of findEmbedded(value)) found.add(match.detector);
    if (found.size > 0) return { kind: 'embedded', detectors: [...found] };
  }
  return null;
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
        (columns[c] as ColumnState).observe(value);
      }
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
        if (detector === 'idCard' && (matched - state.legacyId) / state.nonEmpty < MIN_SHARE.idCard && state.legacyId / state.nonEmpty < 0.5) continue;
        if (detector === 'ipv4' && (state.versions / state.nonEmpty >= 0.1 || /版本|version/i.test(state.name))) continue;
        if (detector === 'landline' && (matched - state.bareLandline) / state.nonEmpty < MIN_SHARE.landline / 2 && !/电话|座机|固话|传真|tel|phone|fax/i.test(state.name)) continue;
        if (detector === 'idCard' && usccColumn) continue;
        if (detector === 'bankCard' && state.cardLuhn / state.cardShaped < BANK_LUHN_SHARE) continue;
        if (detector === 'name') {
          const distinctRatio = state.distinct.size / Math.min(matched, DISTINCT_TRACK_LIMIT);
          if (!state.distinctSaturated && distinctRatio < NAME_MIN_DISTINCT_RATIO && !(state.distinct.size >= 15 && matched / state.nonEmpty >= 0.8)) continue;
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
