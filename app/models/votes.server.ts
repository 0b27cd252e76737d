/**
 * People's Choice: one vote per signed-in person per challenge, movable to another entry until
 * voting closes. Voting runs from the submission deadline until judging ends (entries are public
 * in that window, see `entriesArePublic`); counts are revealed with the results.
 */
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { challenges, submissionMembers, submissions, votes } from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { entriesArePublic } from '~/lib/entry-access';
import { challengePhase, type ChallengeTimeline } from '~/lib/phase';
import { isJudgeOfChallenge } from './challenges.server';

type VotingChallenge = ChallengeTimeline & { id: number; peoplesChoice: boolean; departmentId: number };

export function votingIsOpen(challenge: VotingChallenge, now: Date): boolean {
  return challenge.peoplesChoice && challengePhase(challenge, now) === 'judging' && now.getTime() < challenge.judgingEndsAt.getTime();
}

/** The viewer's current vote in a challenge, and whether voting is open. */
export async function voteState(
  challenge: VotingChallenge,
  viewer: Viewer | null,
  now: Date,
): Promise<{ enabled: boolean; open: boolean; myVote: number | null; closesAt: Date; ineligible: Ineligible | null }> {
  const myVote = viewer
    ? ((await getDb()
        .select({ entryId: votes.submissionId })
        .from(votes)
        .where(and(eq(votes.challengeId, challenge.id), eq(votes.userId, viewer.id))).limit(1))[0]?.entryId ?? null)
    : null;
  return { enabled: challenge.peoplesChoice, open: votingIsOpen(challenge, now), myVote, closesAt: challenge.judgingEndsAt, ineligible: await ineligibility(challenge, viewer) };
}

export type VoteProblem = 'closed' | 'ownEntry' | 'notFound' | Ineligible;

/** Those who decide the awards do not also vote for the public's choice. */
export type Ineligible = 'judge' | 'organiser';

async function ineligibility(challenge: { id: number; departmentId: number }, viewer: Viewer | null): Promise<Ineligible | null> {
  if (!viewer) return null;
  if (await isJudgeOfChallenge(challenge.id, viewer.id)) return 'judge';
  if (canManageDepartment(viewer, challenge.departmentId)) return 'organiser';
  return null;
}

/** Casts (or moves) the viewer's vote. `previous` is the entry that had it, for the audit entry. */
export async function castVote(viewer: Viewer, entryId: number, now: Date): Promise<{ ok: true; changed: boolean; challengeId: number; previous: number | null } | { ok: false; problem: VoteProblem }> {
  const db = getDb();
  const row = (await db.select({ entry: submissions, challenge: challenges }).from(submissions).innerJoin(challenges, eq(submissions.challengeId, challenges.id)).where(eq(submissions.id, entryId)).limit(1))[0];
  if (!row || row.entry.status !== 'submitted' || row.challenge.status !== 'published' || !entriesArePublic(row.challenge, challengePhase(row.challenge, now))) {
    return { ok: false, problem: 'notFound' };
  }
  if (!votingIsOpen(row.challenge, now)) return { ok: false, problem: 'closed' };
  const ineligible = await ineligibility(row.challenge, viewer);
  if (ineligible) return { ok: false, problem: ineligible };
  const ownTeam = (await db
    .select({ id: submissionMembers.id })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.submissionId, entryId), eq(submissionMembers.userId, viewer.id), eq(submissionMembers.status, 'active'))).limit(1))[0];
  if (ownTeam) return { ok: false, problem: 'ownEntry' };
  const previous = (await db
    .select({ entryId: votes.submissionId })
    .from(votes)
    .where(and(eq(votes.challengeId, row.challenge.id), eq(votes.userId, viewer.id))).limit(1))[0];
  if (previous?.entryId === entryId) return { ok: true, changed: false, challengeId: row.challenge.id, previous: entryId };
  await db.insert(votes)
    .values({ challengeId: row.challenge.id, userId: viewer.id, submissionId: entryId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [votes.challengeId, votes.userId], set: { submissionId: entryId, updatedAt: now } });
  return { ok: true, changed: true, challengeId: row.challenge.id, previous: previous?.entryId ?? null };
}

export async function withdrawVote(viewer: Viewer, entryId: number, now: Date): Promise<{ ok: true; withdrawn: boolean; challengeId: number } | { ok: false; problem: VoteProblem }> {
  const db = getDb();
  const row = (await db.select({ challenge: challenges }).from(submissions).innerJoin(challenges, eq(submissions.challengeId, challenges.id)).where(eq(submissions.id, entryId)).limit(1))[0];
  if (!row) return { ok: false, problem: 'notFound' };
  if (!votingIsOpen(row.challenge, now)) return { ok: false, problem: 'closed' };
  const removed = await db
    .delete(votes)
    .where(and(eq(votes.challengeId, row.challenge.id), eq(votes.userId, viewer.id), eq(votes.submissionId, entryId)))
    .returning({ entryId: votes.submissionId });
  return { ok: true, withdrawn: removed.length > 0, challengeId: row.challenge.id };
}

/** The vote state shown beside one entry, or null when its challenge has no People's Choice. */
export async function voteContextForEntry(entryId: number, viewer: Viewer | null, now: Date): Promise<{ open: boolean; myVote: number | null; ineligible: Ineligible | null } | null> {
  const row = (await getDb().select({ challenge: challenges }).from(submissions).innerJoin(challenges, eq(submissions.challengeId, challenges.id)).where(eq(submissions.id, entryId)).limit(1))[0];
  if (!row || !row.challenge.peoplesChoice) return null;
  const state = await voteState(row.challenge, viewer, now);
  return { open: state.open, myVote: state.myVote, ineligible: state.ineligible };
}
