/**
 * Masking keeps a configurable prefix and suffix of a value and hides the rest
 * (110101********1234, 138****5678). At least ~30% of a value (and one character) is always
 * hidden, however much the official asked to keep, so a short value is never published whole.
 */
import type { PrivacyDetector } from '~/lib/vocabulary';
import { findEmbedded } from './detectors';

export const MASK_CHAR = '*';

export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  const length = chars.length;
  if (length === 0) return value;
  const minMasked = Math.max(1, Math.ceil(length * 0.3));
  const allowed = length - minMasked;
  const start = Math.max(0, Math.min(keepStart, allowed));
  const end = Math.max(0, Math.min(keepEnd, allowed - start));
  return chars.slice(0, start).join('') + MASK_CHAR.repeat(length - start - end) + chars.slice(length - end).join('');
}

/** What each kind of value keeps by default: the region and last four of an ID, 138****5678, 张*. */
export const DEFAULT_MASK: Record<PrivacyDetector, { keepStart: number; keepEnd: number }> = {
  idCard: { keepStart: 6, keepEnd: 4 },
  mobile: { keepStart: 3, keepEnd: 4 },
  landline: { keepStart: 4, keepEnd: 4 },
  email: { keepStart: 2, keepEnd: 4 },
  ipv4: { keepStart: 4, keepEnd: 0 },
  ipv6: { keepStart: 5, keepEnd: 0 },
  bankCard: { keepStart: 6, keepEnd: 4 },
  plate: { keepStart: 2, keepEnd: 2 },
  name: { keepStart: 1, keepEnd: 0 },
  address: { keepStart: 6, keepEnd: 0 },
};

export function maskForDetector(value: string, detector: PrivacyDetector): string {
  const { keepStart, keepEnd } = DEFAULT_MASK[detector];
  return maskMiddle(value, keepStart, keepEnd);
}

/** Masks only the personal values found inside free text, leaving the rest of the note readable. */
export function maskEmbedded(text: string): string {
  const found = findEmbedded(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of found) {
    out += text.slice(at, match.start) + maskForDetector(text.slice(match.start, match.end), match.detector);
    at = match.end;
  }
  return out + text.slice(at);
}
