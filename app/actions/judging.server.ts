/**
 * Changes to judging: a judge's review and declared conflicts; the organiser's choice of how
 * reviews are shared out, and the conflicts they record or lift. Which judge may review which entry,
 * and which department manages the challenge, is worked out by the model from the database; the
 * audit entry (every changed score with its old and new value) commits with the change.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { AssignmentMode } from '~/lib/vocabulary';
import type { ReviewInput } from '~/lib/validation/review';
import * as judging from '~/models/judging.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

export type ReviewProblem = judging.ReviewProblem;
export type ConflictProblem = judging.ConflictProblem;
export type AssignmentProblem = judging.AssignmentProblem;

/** The judge's refusals, in the words the review page uses for them. */
function judgeProblem(problem: ReviewProblem | ConflictProblem) {
  return problem === 'closed' ? fail('conflict', 'closed', 'judging.problem.closed') : fail('forbidden', 'notReviewer', 'judging.problem.notReviewer');
}

/**
 * Saves the judge's review of an entry, as a draft or completed. Each save that changes something
 * is audited with the scores it changed, so a disputed ranking can be reconstructed.
 */
export async function saveReview(actor: Actor<ActingUser>, slug: string, entryId: number, input: ReviewInput, complete: boolean, now: Date): Promise<Result<void, ReviewProblem>> {
  return await transaction(async () => {
    const result = await judging.saveReview(actor.user, slug, entryId, input, complete, now);
    if (!result.ok) return judgeProblem(result.problem);
    if (result.changed) {
      await audit(actor, { action: complete ? 'review.complete' : 'review.save', targetType: 'submission', targetId: entryId, details: { status: result.status, changes: result.changes } });
    }
    return ok();
  });
}

/** The judge declares a conflict of interest with an entry; it leaves their queue and is reassigned. */
export async function declareConflict(actor: Actor<ActingUser>, slug: string, entryId: number, reason: string, now: Date): Promise<Result<void, ConflictProblem>> {
  return await transaction(async () => {
    const result = await judging.declareConflict(actor.user, slug, entryId, reason, now);
    if (!result.ok) return judgeProblem(result.problem);
    await audit(actor, { action: 'judging.conflict_declared', targetType: 'submission', targetId: entryId, details: { reason } });
    return ok();
  });
}

/** The organiser chooses how reviews are shared out; with N per entry they are (re)assigned at once. */
export async function setAssignmentMode(actor: Actor<ActingUser>, slug: string, mode: AssignmentMode, judgesPerEntry: number | null, now: Date): Promise<Result<void, AssignmentProblem | 'notFound'>> {
  return await transaction(async () => {
    const result = await judging.setAssignmentMode(actor.user, slug, mode, judgesPerEntry, now);
    if (!result) return notFound();
    if (!result.ok) {
      return result.problem === 'closed'
        ? fail('conflict', 'closed', 'judgingAdmin.modeProblem.closed')
        : fail('invalid', 'judgesPerEntry', 'judgingAdmin.modeProblem.judgesPerEntry', { field: 'judgesPerEntry' });
    }
    await audit(actor, { action: 'judging.assignment_mode', targetType: 'challenge', targetId: result.challengeId, details: { mode, judgesPerEntry } });
    return ok();
  });
}

/** Results are out, or the entry or judge is not in this challenge. */
const conflictRefused = () => fail('conflict', 'conflictRefused', 'judgingAdmin.conflictProblem');

/** The organiser records a conflict between a judge and an entry (e.g. confirming a detected one); the entry is reassigned. */
export async function recordConflict(actor: Actor<ActingUser>, slug: string, entryId: number, judgeId: number, reason: string, now: Date): Promise<Result<void>> {
  return await transaction(async () => {
    const recorded = await judging.recordConflictByOrganiser(actor.user, slug, entryId, judgeId, reason, now);
    if (recorded === undefined) return notFound();
    if (!recorded) return conflictRefused();
    await audit(actor, { action: 'judging.conflict_recorded', targetType: 'submission', targetId: entryId, details: { judgeId, reason } });
    return ok();
  });
}

/** The organiser lifts a conflict recorded by mistake; the judge's earlier review counts again. */
export async function removeConflict(actor: Actor<ActingUser>, slug: string, conflictId: number, now: Date): Promise<Result<void>> {
  return await transaction(async () => {
    const removed = await judging.removeConflict(actor.user, slug, conflictId, now);
    if (removed === undefined) return notFound();
    if (!removed) return conflictRefused();
    await audit(actor, { action: 'judging.conflict_removed', targetType: 'submission', targetId: removed.submissionId, details: { judgeId: removed.judgeId, reason: removed.reason } });
    return ok();
  });
}
