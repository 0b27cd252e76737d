/**
 * How the results page words the statistics. The bands follow the usual reading of Kendall's W
 * (Schmidt 1997: ~0.3 weak, ~0.5 moderate, ~0.7 strong agreement), so organisers need not know it.
 */
export type AgreementLevel = 'weak' | 'moderate' | 'strong';

export function agreementLevel(w: number): AgreementLevel {
  if (w >= 0.7) return 'strong';
  if (w >= 0.4) return 'moderate';
  return 'weak';
}

/** Below this Spearman's ρ with the rest of the panel, a judge is flagged. */
export const OUTLIER_CORRELATION = 0.2;

/** A judge who ranks against the rest of the panel; worth a conversation before publishing. */
export function isOutlierJudge(consensusCorrelation: number | null): boolean {
  return consensusCorrelation !== null && consensusCorrelation < OUTLIER_CORRELATION;
}
