/**
 * People's Choice votes: one per person per challenge, moved or taken back while voting is open.
 * Repeating a vote changes nothing and records nothing, so a double-clicked button is harmless.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { transaction } from '~/models/transaction.server';
import * as votes from '~/models/votes.server';
import { audit } from './audit.server';

export type VoteProblem = votes.VoteProblem;

function refused(problem: VoteProblem) {
  return problem === 'notFound' ? notFound() : fail('conflict', problem, `vote.problem.${problem}`);
}

export async function castVote(actor: Actor<ActingUser>, entryId: number, now: Date): Promise<Result<{ changed: boolean }>> {
  return await transaction(async () => {
    const result = await votes.castVote(actor.user, entryId, now);
    if (!result.ok) return refused(result.problem);
    if (result.changed) await audit(actor, { action: 'vote.cast', targetType: 'submission', targetId: entryId, details: { challengeId: result.challengeId, previous: result.previous } });
    return ok({ changed: result.changed });
  });
}

export async function withdrawVote(actor: Actor<ActingUser>, entryId: number, now: Date): Promise<Result<void>> {
  return await transaction(async () => {
    const result = await votes.withdrawVote(actor.user, entryId, now);
    if (!result.ok) return refused(result.problem);
    if (result.withdrawn) await audit(actor, { action: 'vote.withdraw', targetType: 'submission', targetId: entryId, details: { challengeId: result.challengeId } });
    return ok();
  });
}
