/**
 * The events that notify people, each in one place: who hears about it, with what parameters and
 * which link. Routes call these after the change is saved; a failure here is logged, never shown.
 */
import type { ChangeNotice } from '~/lib/challenge-rules';
import { datasetForNotice } from '~/models/datasets.server';
import { followerIds } from '~/models/follows.server';
import { submittedEntryTeams } from '~/models/submissions.server';
import { notifySafely } from './notifications.server';

interface ChallengeRef {
  id: number;
  slug: string;
  title: string;
}

/** Edits that matter to participants: followers hear once per edit, the deadline first. */
export function challengeChanged(challenge: ChallengeRef, notices: readonly ChangeNotice[], actorId: number, origin: string): void {
  if (notices.length === 0) return;
  const extended = notices.find((n): n is Extract<ChangeNotice, { kind: 'deadlineExtended' }> => n.kind === 'deadlineExtended');
  notifySafely({
    kind: 'challenge_update',
    userIds: followerIds('challenge', challenge.id),
    actorId,
    params: extended ? { challenge: challenge.title, notice: 'deadlineExtended', at: extended.to.toISOString() } : { challenge: challenge.title },
    link: `/challenges/${challenge.slug}#announcements`,
    origin,
  });
}

export function challengeAnnounced(challenge: ChallengeRef, headline: string, actorId: number, origin: string): void {
  notifySafely({
    kind: 'challenge_update',
    userIds: followerIds('challenge', challenge.id),
    actorId,
    params: headline ? { challenge: challenge.title, headline } : { challenge: challenge.title },
    link: `/challenges/${challenge.slug}#announcements`,
    origin,
  });
}

/** Teams hear that their feedback is out (with a link to their entry); other followers that results are. */
export function resultsPublished(challenge: ChallengeRef, actorId: number, origin: string): void {
  const teams = submittedEntryTeams(challenge.id);
  const entrants = new Set<number>();
  for (const team of teams) {
    for (const id of team.userIds) entrants.add(id);
    notifySafely({
      kind: 'feedback_available',
      userIds: team.userIds,
      actorId,
      params: { entry: team.title, challenge: challenge.title },
      link: `/entries/${team.entryId}#feedback`,
      origin,
    });
  }
  notifySafely({
    kind: 'results_published',
    userIds: followerIds('challenge', challenge.id).filter((id) => !entrants.has(id)),
    actorId,
    params: { challenge: challenge.title },
    link: `/challenges/${challenge.slug}/results`,
    origin,
  });
}

export function requestAnswered(request: { id: number; title: string }, status: string, actorId: number, origin: string): void {
  notifySafely({
    kind: 'request_answered',
    userIds: followerIds('data_request', request.id),
    actorId,
    params: { request: request.title, status },
    link: `/requests/${request.id}`,
    origin,
  });
}

/** A finished import on a published dataset is a new version for its followers. */
export function datasetUpdated(datasetId: number, actorId: number | null): void {
  const dataset = datasetForNotice(datasetId);
  if (!dataset || dataset.status !== 'published') return;
  notifySafely({
    kind: 'dataset_updated',
    userIds: followerIds('dataset', dataset.id),
    actorId,
    params: { dataset: dataset.title },
    link: `/datasets/${dataset.slug}`,
  });
}
