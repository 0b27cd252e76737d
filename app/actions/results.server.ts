/**
 * Changes to a challenge's results by its department: the awards, and the deliberate, recorded
 * publication of the results. Teams and followers are told after publication has committed.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { challengeForNotice } from '~/models/challenge-management.server';
import * as results from '~/models/results.server';
import { transaction } from '~/models/transaction.server';
import { resultsPublished } from '~/services/participation-events.server';
import { publishInWorker } from '~/services/results-refresh.server';
import { audit } from './audit.server';

export type AwardsProblem = results.AwardsProblem;
export type PublishResultsProblem = results.PublishResultsProblem;

/** Replaces the challenge's awards (in the given order). Only while judging; results are final. */
export async function saveAwards(actor: Actor<ActingUser>, slug: string, list: results.AwardInput[], now: Date): Promise<Result<void, AwardsProblem | 'notFound'>> {
  return await transaction(async () => {
    const saved = await results.saveAwards(actor.user, slug, list, now);
    if (!saved) return notFound();
    if (!saved.ok) {
      return saved.problem === 'locked' ? fail('conflict', 'locked', 'results.awardsProblem.locked') : fail('invalid', 'unknownEntry', 'results.awardsProblem.unknownEntry', { field: 'entryId' });
    }
    await audit(actor, { action: 'results.awards', targetType: 'challenge', targetId: saved.challengeId, details: { awards: list } });
    return ok();
  });
}

function publishProblem(problem: PublishResultsProblem, missing: number | undefined) {
  return fail('conflict', problem, `results.publishProblem.${problem}`, missing === undefined ? {} : { params: { count: missing }, details: { missing } });
}

/**
 * Publishes the results: the recorded, deliberate end of a challenge. With reviews still missing
 * the organiser confirms their exact number (`details.missing` says how many to confirm). The
 * final snapshot is computed in a worker, which checks again and publishes in the transaction that
 * stores it, writing this actor's audit entry there (models/result-snapshots.server.ts): that is
 * this action's transaction, so there is no `transaction()` here.
 */
export async function publishResults(actor: Actor<ActingUser>, slug: string, confirmedMissing: number | null, now: Date): Promise<Result<void, PublishResultsProblem | 'notFound'>> {
  const allowed = await results.checkPublishResults(actor.user, slug, confirmedMissing, now);
  if (!allowed) return notFound();
  if (!allowed.ok) return publishProblem(allowed.problem, allowed.missing);
  const { challengeId } = allowed;
  const published = await publishInWorker({ challengeId, actor: { actorId: actor.user.id, ip: actor.ip, via: actor.via }, confirmedMissing, now });
  if (!published.ok) return publishProblem(published.problem, published.missing);
  const challenge = await challengeForNotice(challengeId);
  if (challenge) await resultsPublished({ id: challengeId, slug: challenge.slug, title: challenge.title }, actor.user.id);
  return ok();
}
