/**
 * A judge's review form: one score per criterion, a private note and feedback for the team.
 * A draft may leave scores empty (nothing typed is lost); completing needs every score. Scores are
 * checked against each criterion's own maximum here, on the server, whatever the browser allowed.
 */
import type { MessageKey } from '../i18n';

export const REVIEW_LIMITS = { note: 5_000, feedback: 10_000 } as const;

export interface ReviewCriterion {
  id: number;
  maxScore: number;
}

export interface ReviewInput {
  /** Criterion id → score; absent when left empty in a draft. */
  scores: Record<number, number>;
  privateNote: string;
  feedback: string;
}

export type ReviewErrors = Partial<Record<`score.${number}` | 'privateNote' | 'feedback' | 'form', MessageKey>>;

/** The raw text of each field, to show back after a refused save. */
export type ReviewValues = Record<string, string>;

export function scoreField(criterionId: number): `score.${number}` {
  return `score.${criterionId}`;
}

/** Half points are allowed (common on paper rubrics); anything finer is a typo. */
function parseScore(raw: string, max: number): { ok: true; value: number | null } | { ok: false; error: MessageKey } {
  const text = raw.trim().replace('，', '.').replace(',', '.');
  if (text === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, error: 'errors.review.scoreNotNumber' };
  const value = Number(text);
  if (value < 0 || value > max) return { ok: false, error: 'errors.review.scoreOutOfRange' };
  if (Math.round(value * 2) !== value * 2) return { ok: false, error: 'errors.review.scoreStep' };
  return { ok: true, value };
}

export function parseReview(
  form: { get(name: string): unknown },
  criteria: ReviewCriterion[],
  mode: 'draft' | 'complete',
): { ok: true; value: ReviewInput; values: ReviewValues } | { ok: false; errors: ReviewErrors; values: ReviewValues } {
  const errors: ReviewErrors = {};
  const values: ReviewValues = {};
  const scores: Record<number, number> = {};
  for (const criterion of criteria) {
    const field = scoreField(criterion.id);
    const raw = typeof form.get(field) === 'string' ? (form.get(field) as string) : '';
    values[field] = raw;
    const parsed = parseScore(raw, criterion.maxScore);
    if (!parsed.ok) errors[field] = parsed.error;
    else if (parsed.value === null) {
      if (mode === 'complete') errors[field] = 'errors.review.scoreRequired';
    } else scores[criterion.id] = parsed.value;
  }
  const privateNote = typeof form.get('privateNote') === 'string' ? (form.get('privateNote') as string) : '';
  const feedback = typeof form.get('feedback') === 'string' ? (form.get('feedback') as string) : '';
  values.privateNote = privateNote;
  values.feedback = feedback;
  if (privateNote.length > REVIEW_LIMITS.note) errors.privateNote = 'errors.review.noteTooLong';
  if (feedback.length > REVIEW_LIMITS.feedback) errors.feedback = 'errors.review.feedbackTooLong';
  if (mode === 'complete' && feedback.trim().length === 0) errors.feedback = 'errors.review.feedbackRequired';
  if (Object.keys(errors).length > 0) return { ok: false, errors: { ...errors, form: 'errors.review.fixFields' }, values };
  return { ok: true, value: { scores, privateNote: privateNote.trim(), feedback: feedback.trim() }, values };
}
