import { describe, expect, it } from 'vitest';
import { parseReview } from './review';

const criteria = [
  { id: 1, maxScore: 10 },
  { id: 2, maxScore: 5 },
];
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('parseReview', () => {
  it('accepts half points within each criterion’s own maximum and a comma as decimal mark', () => {
    const parsed = parseReview(form({ 'score.1': '9.5', 'score.2': '4,5', feedback: ' 很好 ', privateNote: '' }), criteria, 'complete');
    expect(parsed).toMatchObject({ ok: true, value: { scores: { 1: 9.5, 2: 4.5 }, feedback: '很好', privateNote: '' } });
  });

  it('refuses a score above the criterion maximum, below zero, finer than half a point or not a number', () => {
    const parsed = parseReview(form({ 'score.1': '10.5', 'score.2': '6', feedback: 'x' }), criteria, 'complete');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors['score.1']).toBe('errors.review.scoreOutOfRange');
    expect(parsed.errors['score.2']).toBe('errors.review.scoreOutOfRange');
    // What was typed comes back, so nothing is lost.
    expect(parsed.values['score.1']).toBe('10.5');
    const odd = parseReview(form({ 'score.1': '-1', 'score.2': '2.25' }), criteria, 'draft');
    const words = parseReview(form({ 'score.1': '八' }), criteria, 'draft');
    expect(words.ok ? null : words.errors['score.1']).toBe('errors.review.scoreNotNumber');
    expect(odd.ok ? null : [odd.errors['score.1'], odd.errors['score.2']]).toEqual(['errors.review.scoreOutOfRange', 'errors.review.scoreStep']);
  });

  it('lets a draft leave scores and feedback empty, but not a completed review', () => {
    expect(parseReview(form({ 'score.1': '7' }), criteria, 'draft')).toMatchObject({ ok: true, value: { scores: { 1: 7 } } });
    const complete = parseReview(form({ 'score.1': '7' }), criteria, 'complete');
    expect(complete.ok ? null : complete.errors).toMatchObject({ 'score.2': 'errors.review.scoreRequired', feedback: 'errors.review.feedbackRequired' });
  });
});
