/**
 * Turns a privacy decision into the function applied to each cell of a column when the served
 * table is built. Pseudonyms are keyed HMACs with the deployment's secret, so the same person gets
 * the same token in every dataset of this platform (joins still work) but nobody without the key
 * can recompute them from a list of ID numbers.
 */
import crypto from 'node:crypto';
import { generalise } from './generalise';
import { maskEmbedded, maskMiddle } from './masking';
import type { PlanDecision } from './plan';

/** A cell as stored in a datastore table. */
export type CellValue = string | number | null;
export type CellTransform = (value: CellValue) => CellValue;

/** The same identifier written differently ("138-1234-5678", "+86 13812345678") gets one token. */
export function normaliseIdentifier(value: string): string {
  const trimmed = value.trim();
  if (!/^[\d\s\-+()xX]+$/.test(trimmed)) return trimmed;
  const compact = trimmed.replace(/[\s\-()]/g, '').toUpperCase();
  return compact.replace(/^(\+?86|0086)(?=1[3-9]\d{9}$)/, '');
}

export function pseudonym(value: string, key: string): string {
  return `P${crypto.createHmac('sha256', key).update(normaliseIdentifier(value)).digest('hex').slice(0, 16)}`;
}

/** `pseudonymKey` is the deployment's PSEUDONYM_KEY (secrets.server.ts). */
export function transformFor(decision: PlanDecision, pseudonymKey: string): CellTransform | undefined {
  const { action, params } = decision;
  switch (action) {
    case 'mask':
      return params.embedded ? (value) => maskEmbedded(String(value)) : (value) => maskMiddle(String(value), params.keepStart ?? 0, params.keepEnd ?? 0);
    case 'generalise': {
      const to = params.to ?? 'year';
      // A value that cannot be generalised is left out rather than published as it was.
      return (value) => {
        const result = generalise(String(value), to);
        if (result === null) return null;
        return to === 'year' ? Number(result) : result;
      };
    }
    case 'pseudonymise':
      return (value) => pseudonym(String(value), pseudonymKey);
    default:
      return undefined;
  }
}
