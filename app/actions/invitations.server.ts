/**
 * A person's answer to an invitation into an entry's team. Only the person invited may answer; to
 * anyone else the invitation does not exist.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { setFollowing } from '~/models/follows.server';
import * as entries from '~/models/submissions.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

export type RespondProblem = entries.RespondProblem;

/** Accepts (joining the team, while the challenge is open and the team has room) or declines. */
export async function respondToInvitation(actor: Actor<ActingUser>, memberRowId: number, accept: boolean, now: Date): Promise<Result<{ entryId: number }, RespondProblem | 'notFound'>> {
  return await transaction(async () => {
    const result = await entries.respondToInvitation(actor.user, memberRowId, accept, now);
    if (!result) return notFound();
    if (!result.ok) return fail('conflict', result.problem, `me.respondProblem.${result.problem}`);
    await audit(actor, { action: accept ? 'entry.invitation_accept' : 'entry.invitation_decline', targetType: 'submission', targetId: result.entryId });
    // Like whoever started the entry, a new member follows the challenge (deadline changes, announcements).
    if (accept) {
      const challengeId = (await entries.getEntryForViewer(result.entryId, actor.user, now))?.challenge.id;
      if (challengeId) await setFollowing(actor.user.id, 'challenge', challengeId, true);
    }
    return ok({ entryId: result.entryId });
  });
}
