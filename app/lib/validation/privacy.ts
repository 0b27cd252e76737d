/**
 * The form a department uses to resolve a column: drop it, mask it (keep a prefix and suffix, or
 * only the personal parts of free text), generalise it, pseudonymise it, or say why it is not
 * personal. Checked on the server whatever the browser sent.
 */
import type { GeneralisationKind, PrivacyAction, PrivacyParams } from '~/lib/vocabulary';
import type { MessageKey } from '../i18n';

const ACTIONS: readonly PrivacyAction[] = ['drop', 'mask', 'generalise', 'pseudonymise', 'notPersonal'];
const GENERALISE_TO: readonly GeneralisationKind[] = ['year', 'yearMonth', 'birthYearRegion', 'district', 'ageBand5'];
export const MAX_KEEP = 20;
export const REASON_MAX = 500;
/** The group size below which a combination of quasi-identifiers counts as re-identifying. */
export const DEFAULT_K = 5;

export interface DecisionInput {
  column: string;
  action: PrivacyAction;
  params: PrivacyParams;
  reason: string;
}

export type DecisionErrors = Partial<Record<'action' | 'keepStart' | 'keepEnd' | 'to' | 'reason', MessageKey>>;

function keep(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_KEEP ? n : null;
}

export function parseDecision(form: { get(name: string): unknown }): { ok: true; value: DecisionInput } | { ok: false; errors: DecisionErrors; values: Record<string, string> } {
  const get = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '');
  const values = { column: get('column'), action: get('action'), keepStart: get('keepStart'), keepEnd: get('keepEnd'), to: get('to'), reason: get('reason'), embedded: get('embedded') };
  const errors: DecisionErrors = {};
  const action = ACTIONS.find((a) => a === values.action);
  const params: PrivacyParams = {};
  if (!action) errors.action = 'errors.privacy.actionRequired';
  if (action === 'mask') {
    if (values.embedded === 'on') params.embedded = true;
    else {
      const start = keep(values.keepStart);
      const end = keep(values.keepEnd);
      if (start === null) errors.keepStart = 'errors.privacy.keepInvalid';
      if (end === null) errors.keepEnd = 'errors.privacy.keepInvalid';
      if (start !== null && end !== null) {
        params.keepStart = start;
        params.keepEnd = end;
      }
    }
  }
  if (action === 'generalise') {
    const to = GENERALISE_TO.find((g) => g === values.to);
    if (!to) errors.to = 'errors.privacy.generaliseRequired';
    else params.to = to;
  }
  const reason = values.reason.trim();
  if (action === 'notPersonal' && [...reason].length < 4) errors.reason = 'errors.privacy.reasonRequired';
  if ([...reason].length > REASON_MAX) errors.reason = 'errors.privacy.reasonTooLong';
  if (!values.column || !action || Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, value: { column: values.column, action, params, reason } };
}

/** Quasi-identifier columns and k for the re-identification check (k from 2 to 100, default 5). */
export function parseKAnonymity(params: { getAll(name: string): unknown[]; get(name: string): unknown }): { columns: string[]; k: number } {
  const columns = params.getAll('qi').filter((v): v is string => typeof v === 'string' && v.length > 0).slice(0, 10);
  const raw = typeof params.get('k') === 'string' ? Number(params.get('k')) : NaN;
  const k = Number.isInteger(raw) && raw >= 2 && raw <= 100 ? raw : DEFAULT_K;
  return { columns: [...new Set(columns)], k };
}
