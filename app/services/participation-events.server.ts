/**
 * The events that notify people, each in one place: who hears about it, with what parameters and
 * which link. Routes (and the importer) call these after the change is saved, so a failure here is
 * logged and never undoes or fails the change.
 */
import { commentPermalink } from '~/lib/comment-rules';
import type { ChangeNotice } from '~/lib/challenge-rules';
import { datasetForNotice } from '~/models/datasets.server';
import { followerIds } from '~/models/follows.server';
import { activeOfficialIds, challengeDepartmentId } from '~/models/departments.server';
import { activeMemberIds, submittedEntryTeams } from '~/models/submissions.server';
import { notify } from './notifications.server';
import { errorFields, log } from '~/log.server';

/** Runs an event's notifications; an error is logged and swallowed (the change is already saved). */
function guarded<A extends unknown[]>(name: string, run: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      log.error(errorFields(error), `notification ${name} failed`);
    }
  };
}

interface ChallengeRef {
  id: number;
  slug: string;
  title: string;
}

/** Edits that matter to participants: followers hear once per edit, the deadline first. */
export const challengeChanged = guarded('challenge_update', async function challengeChanged(challenge: ChallengeRef, notices: readonly ChangeNotice[], actorId: number): Promise<void> {
  if (notices.length === 0) return;
  const extended = notices.find((n): n is Extract<ChangeNotice, { kind: 'deadlineExtended' }> => n.kind === 'deadlineExtended');
  await notify({
    kind: 'challenge_update',
    userIds: await followerIds('challenge', challenge.id),
    actorId,
    params: extended ? { challenge: challenge.title, notice: 'deadlineExtended', at: extended.to.toISOString() } : { challenge: challenge.title },
    link: `/challenges/${challenge.slug}#announcements`,
  });
});

export const challengeAnnounced = guarded('challenge_update', async function challengeAnnounced(challenge: ChallengeRef, headline: string, actorId: number): Promise<void> {
  await notify({
    kind: 'challenge_update',
    userIds: await followerIds('challenge', challenge.id),
    actorId,
    params: headline ? { challenge: challenge.title, headline } : { challenge: challenge.title },
    link: `/challenges/${challenge.slug}#announcements`,
  });
});

/** Teams hear that their feedback is out (with a link to their entry); other followers that results are. */
export const resultsPublished = guarded('results', async function resultsPublished(challenge: ChallengeRef, actorId: number): Promise<void> {
  const teams = await submittedEntryTeams(challenge.id);
  const entrants = new Set<number>();
  for (const team of teams) {
    for (const id of team.userIds) entrants.add(id);
    await notify({
      kind: 'feedback_available',
      userIds: team.userIds,
      actorId,
      params: { entry: team.title, challenge: challenge.title },
      link: `/entries/${team.entryId}#feedback`,
      });
  }
  await notify({
    kind: 'results_published',
    userIds: (await followerIds('challenge', challenge.id)).filter((id) => !entrants.has(id)),
    actorId,
    params: { challenge: challenge.title },
    link: `/challenges/${challenge.slug}/results`,
  });
});

export const requestAnswered = guarded('request_answered', async function requestAnswered(request: { id: number; title: string }, status: string, actorId: number): Promise<void> {
  await notify({
    kind: 'request_answered',
    userIds: await followerIds('data_request', request.id),
    actorId,
    params: { request: request.title, status },
    link: `/requests/${request.id}`,
  });
});

/** A challenge answering a data request was published: the asker and the request's supporters hear at once. */
export const requestChallengeOpened = guarded('request_challenge', async function requestChallengeOpened(request: { title: string; userIds: readonly number[] }, challenge: ChallengeRef, actorId: number): Promise<void> {
  await notify({
    kind: 'request_challenge',
    userIds: request.userIds,
    actorId,
    params: { request: request.title, challenge: challenge.title },
    link: `/challenges/${challenge.slug}`,
  });
});

/** A department reported on what became of an entry (成果转化): its team hears at once. */
export const adoptionReported = guarded('adoption_update', async function adoptionReported(entry: { id: number; title: string }, stage: string, teamIds: readonly number[], actorId: number): Promise<void> {
  await notify({ kind: 'adoption_update', userIds: teamIds, actorId, params: { entry: entry.title, stage }, link: `/entries/${entry.id}#adoption` });
});

/** An idea from a challenge answering a data request is piloted or in service: the request's asker and supporters hear. */
export const ideaFromRequestAdopted = guarded('request_idea_adopted', async function ideaFromRequestAdopted(request: { title: string; userIds: readonly number[] }, entry: { id: number; title: string }, stage: string, actorId: number): Promise<void> {
  await notify({ kind: 'request_idea_adopted', userIds: request.userIds, actorId, params: { request: request.title, entry: entry.title, stage }, link: `/entries/${entry.id}#adoption` });
});

/** A data request addressed to a department: its officials hear at once (the inbox shows it too). */
export const requestReceived = guarded('request_received', async function requestReceived(request: { id: number; title: string; departmentId: number | null }, actorId: number): Promise<void> {
  if (request.departmentId === null) return;
  await notify({
    kind: 'request_received',
    userIds: await activeOfficialIds(request.departmentId),
    actorId,
    params: { request: request.title },
    link: `/requests/${request.id}`,
  });
});

/** A question (a new thread) in a challenge's discussion: the running department's officials hear at once. */
export const questionAsked = guarded('question_received', async function questionAsked(question: { id: number; challengeId: number }, page: { title: string; href: string }, actorId: number): Promise<void> {
  const departmentId = await challengeDepartmentId(question.challengeId);
  if (departmentId === null) return;
  await notify({
    kind: 'question_received',
    userIds: await activeOfficialIds(departmentId),
    actorId,
    params: { challenge: page.title },
    link: commentPermalink(page.href, question.id),
  });
});

/** A finished import on a published dataset is a new version for its followers. */
export const datasetUpdated = guarded('dataset_updated', async function datasetUpdated(datasetId: number, actorId: number | null): Promise<void> {
  const dataset = await datasetForNotice(datasetId);
  if (!dataset || dataset.status !== 'published') return;
  await notify({
    kind: 'dataset_updated',
    userIds: await followerIds('dataset', dataset.id),
    actorId,
    params: { dataset: dataset.title },
    link: `/datasets/${dataset.slug}`,
  });
});

/** The receipt: every active member hears that the server has the entry, with the server's time. */
export const entryReceived = guarded('entry_received', async function entryReceived(entry: { id: number; title: string; challengeTitle: string }, at: Date): Promise<void> {
  await notify({
    kind: 'entry_received',
    userIds: await activeMemberIds([entry.id]),
    params: { entry: entry.title, challenge: entry.challengeTitle, at: at.toISOString() },
    link: `/entries/${entry.id}`,
    now: at,
  });
});

/** An invitation to someone with an account (addresses without one attach on registration). */
export const teamInvited = guarded('team_invitation', async function teamInvited(inviteeId: number, inviter: { id: number; name: string }, team: string, challengeTitle: string): Promise<void> {
  await notify({
    kind: 'team_invitation',
    userIds: [inviteeId],
    actorId: inviter.id,
    params: { inviter: inviter.name, team, challenge: challengeTitle },
    link: '/me',
  });
});

/** The author of a comment hears of a reply; `authorName` is '—' while blind judging hides the replier. */
export const commentReplied = guarded('comment_reply', async function commentReplied(reply: { id: number; authorId: number; authorName: string }, parentAuthorId: number, page: { title: string; href: string }): Promise<void> {
  await notify({
    kind: 'comment_reply',
    userIds: [parentAuthorId],
    actorId: reply.authorId,
    params: { name: reply.authorName, target: page.title },
    link: commentPermalink(page.href, reply.id),
  });
});

/** An application for one of a department's conditional datasets: its officials hear at once. */
export const applicationReceived = guarded('application_received', async function applicationReceived(dataset: { title: string; departmentId: number }, applicationId: number, actorId: number): Promise<void> {
  await notify({ kind: 'application_received', userIds: await activeOfficialIds(dataset.departmentId), actorId, params: { dataset: dataset.title }, link: `/manage/applications/${applicationId}` });
});

/** The department approved or refused an application, or revoked the grant: the applicant hears at once. */
export const applicationDecided = guarded('application_decided', async function applicationDecided(dataset: { title: string }, applicantId: number, decision: 'approved' | 'refused' | 'revoked', actorId: number): Promise<void> {
  await notify({ kind: 'application_decided', userIds: [applicantId], actorId, params: { dataset: dataset.title, decision }, link: '/account/applications' });
});
