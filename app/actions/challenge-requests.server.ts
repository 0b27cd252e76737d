/**
 * Answering the public's data requests with challenges: linking a request to a challenge of the
 * official's department (a new one is linked as it is created, by createChallenge), and telling
 * the request's history and supporters once the challenge is public.
 */
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as links from '~/models/challenge-requests.server';
import { challengeForNotice } from '~/models/challenge-management.server';
import { transaction } from '~/models/transaction.server';
import { requestChallengeOpened } from '~/services/participation-events.server';
import { audit } from './audit.server';

/** The request a new challenge will answer, when the actor may start one from it. */
export async function requestForNewChallenge(user: ActingUser, requestId: number): Promise<Result<links.RequestToStartFrom>> {
  const request = await links.requestToStartFrom(requestId);
  if (!request) return notFound();
  if (!links.canStartChallengeFrom(user, request)) return forbidden();
  return ok(request);
}

/**
 * Links a request to a challenge, inside the caller's transaction when there is one (creating a
 * challenge from a request links it in the same transaction). Announce afterwards.
 */
export async function linkRequestToChallenge(actor: Actor<ActingUser>, challengeId: number, requestId: number, now: Date): Promise<Result<{ slug: string; linked: boolean }>> {
  const request = await requestForNewChallenge(actor.user, requestId);
  if (!request.ok) return request;
  const challenge = await links.challengeToLink(actor.user, challengeId);
  if (!challenge) return fail('invalid', 'challengeUnknown', 'errors.challengeRequest.challengeUnknown', { field: 'challengeId' });
  return await transaction(async () => {
    if ((await links.linkedRequestCount(challengeId)) >= links.REQUESTS_PER_CHALLENGE) {
      return fail('conflict', 'tooManyRequests', 'errors.challengeRequest.tooMany', { field: 'challengeId' });
    }
    const linked = await links.linkRequest(challengeId, requestId, actor.user.id, now);
    if (linked) await audit(actor, { action: 'data_request.challenge_link', targetType: 'data_request', targetId: requestId, details: { challenge: challenge.slug } });
    return ok({ slug: challenge.slug, linked });
  });
}

/**
 * After a challenge is published (or a published one is linked): each newly linked request's
 * history shows "a challenge was opened", and its asker and supporters are told. Call after commit.
 */
export async function announceChallengeToRequests(challengeId: number, actorId: number, now: Date): Promise<void> {
  const announcements = await links.announceChallengeRequests(challengeId, actorId, now);
  if (announcements.length === 0) return;
  const challenge = await challengeForNotice(challengeId);
  if (!challenge) return;
  for (const request of announcements) await requestChallengeOpened(request, { id: challengeId, slug: challenge.slug, title: challenge.title }, actorId);
}
