/**
 * The awards form: rows of (entry, kind, custom name). Rows without an entry are ignored, so the
 * form can offer blank rows; a custom award needs a name. Kinds come from the schema's list. The
 * entry is picked from a short list (the top of the ranking) or typed as its number, which wins
 * when both are given; whether it belongs to the challenge is checked by the model.
 */
import { AWARD_KINDS, type AwardKind } from '~/lib/vocabulary';
import type { MessageKey } from '../i18n';

export const MAX_AWARDS = 30;
const CUSTOM_NAME_MAX = 40;

export interface AwardRowValues {
  entryId: string;
  /** The entry's number typed by hand, for entries outside the list. */
  entryNumber: string;
  kind: string;
  customName: string;
}

export type AwardRowErrors = Record<number, { entryId?: MessageKey; customName?: MessageKey }>;

export function parseAwards(form: {
  get(name: string): unknown;
}): { ok: true; value: { entryId: number; kind: AwardKind; customName: string | null }[]; values: AwardRowValues[] } | { ok: false; errors: AwardRowErrors; values: AwardRowValues[] } {
  const values: AwardRowValues[] = [];
  for (let i = 0; i < MAX_AWARDS + 10; i += 1) {
    const entryId = form.get(`award[${i}].entryId`);
    if (entryId === null || entryId === undefined) break;
    values.push({
      entryId: String(entryId),
      entryNumber: String(form.get(`award[${i}].entryNumber`) ?? '').trim(),
      kind: String(form.get(`award[${i}].kind`) ?? ''),
      customName: String(form.get(`award[${i}].customName`) ?? '').trim(),
    });
  }
  const errors: AwardRowErrors = {};
  const value: { entryId: number; kind: AwardKind; customName: string | null }[] = [];
  const chosen = (row: AwardRowValues) => row.entryNumber || row.entryId;
  values.forEach((row, index) => {
    if (chosen(row) === '') return;
    const id = /^\d+$/.test(chosen(row)) ? Number(chosen(row)) : NaN;
    const kind = (AWARD_KINDS as readonly string[]).includes(row.kind) ? (row.kind as AwardKind) : null;
    if (!Number.isInteger(id) || id <= 0 || kind === null) {
      errors[index] = { entryId: 'errors.awards.invalid' };
      return;
    }
    if (kind === 'custom' && !row.customName) errors[index] = { customName: 'errors.awards.customNameRequired' };
    else if ([...row.customName].length > CUSTOM_NAME_MAX) errors[index] = { customName: 'errors.awards.customNameTooLong' };
    else value.push({ entryId: id, kind, customName: kind === 'custom' ? row.customName : null });
  });
  if (value.length > MAX_AWARDS) errors[MAX_AWARDS] = { entryId: 'errors.awards.tooMany' };
  // The same award twice for one entry is a slip of the hand.
  const seen = new Set<string>();
  values.forEach((row, index) => {
    if (chosen(row) === '' || errors[index]) return;
    const key = `${Number(chosen(row))}:${row.kind}:${row.customName}`;
    if (seen.has(key)) errors[index] = { entryId: 'errors.awards.duplicate' };
    seen.add(key);
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, value, values };
}
