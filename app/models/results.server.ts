/**
 * Results: the organiser's ranking table (from the scoring maths in `app/lib/scoring.ts`), awards,
 * the deliberate act of publishing, and what the public and each team may read afterwards.
 * Judges' names never leave the organiser's view.
 */
import { and, asc, eq, exists, notExists, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { awards, challengeJudges, challenges, conflicts, reviews, scores, submissionMembers, submissions, users, votes, type AwardKind } from '../../db/schema';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { challengePhase } from '~/lib/phase';
import { computeResults, type ReviewScores } from '~/lib/scoring';
import { recordAudit } from './audit.server';
import { challengeCriteria, countMissingReviews, detectPossibleConflicts, reviewPairs, syncAssignments } from './judging.server';

type ChallengeRow = typeof challenges.$inferSelect;

/**
 * The reviews that count: completed, by a judge who is still on the challenge's panel (a removed
 * judge's scores and feedback stop counting) and has no conflict with the entry. SQL conditions on
 * `reviews`, shared by the ranking and the team's feedback.
 */
function countedReview() {
  const db = getDb();
  return and(
    eq(reviews.status, 'completed'),
    exists(
      db
        .select({ one: sql`1` })
        .from(challengeJudges)
        .innerJoin(submissions, eq(submissions.id, reviews.submissionId))
        .where(and(eq(challengeJudges.challengeId, submissions.challengeId), eq(challengeJudges.userId, reviews.judgeId))),
    ),
    notExists(db.select({ one: sql`1` }).from(conflicts).where(and(eq(conflicts.submissionId, reviews.submissionId), eq(conflicts.judgeId, reviews.judgeId)))),
  );
}

/** Every counted review of a submitted entry, as one query (the benchmark compares the maths against this read). */
export function readCompletedScores(challengeId: number): { entryId: number; judgeId: number; criterionId: number; score: number }[] {
  return getDb()
    .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId, criterionId: scores.criterionId, score: scores.score })
    .from(scores)
    .innerJoin(reviews, eq(scores.reviewId, reviews.id))
    .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted'), countedReview()))
    .all();
}

export function groupReviews(rows: { entryId: number; judgeId: number; criterionId: number; score: number }[]): ReviewScores[] {
  const byPair = new Map<string, ReviewScores>();
  for (const row of rows) {
    const key = `${row.entryId}:${row.judgeId}`;
    let review = byPair.get(key);
    if (!review) byPair.set(key, (review = { entryId: row.entryId, judgeId: row.judgeId, scores: {} }));
    review.scores[row.criterionId] = row.score;
  }
  return [...byPair.values()];
}

function submittedEntries(challengeId: number) {
  return getDb()
    .select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName, summary: submissions.summary, kind: submissions.kind })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .orderBy(asc(submissions.id))
    .all();
}

/** The ranking maths over a challenge's stored reviews. */
export function computeChallengeResults(challengeId: number) {
  const criteriaRows = challengeCriteria(challengeId);
  const entries = submittedEntries(challengeId);
  return {
    criteria: criteriaRows,
    entries,
    results: computeResults({ criteria: criteriaRows, entryIds: entries.map((e) => e.id), reviews: groupReviews(readCompletedScores(challengeId)), bootstrap: { iterations: 300, seed: challengeId } }),
  };
}

function managedChallenge(viewer: Viewer, slug: string): ChallengeRow | undefined {
  const challenge = getDb().select().from(challenges).where(eq(challenges.slug, slug)).get();
  if (!challenge || !canManageDepartment(viewer, challenge.departmentId)) return undefined;
  return challenge;
}

export interface AwardInput {
  entryId: number;
  kind: AwardKind;
  customName: string | null;
}

function awardsOf(challengeId: number) {
  return getDb()
    .select({ id: awards.id, entryId: awards.submissionId, kind: awards.kind, customName: awards.customName, position: awards.position })
    .from(awards)
    .where(eq(awards.challengeId, challengeId))
    .orderBy(asc(awards.position), asc(awards.id))
    .all();
}

function membersByEntry(challengeId: number): Map<number, string[]> {
  const rows = getDb()
    .select({ entryId: submissionMembers.submissionId, name: users.name })
    .from(submissionMembers)
    .innerJoin(users, eq(submissionMembers.userId, users.id))
    .where(and(eq(submissionMembers.challengeId, challengeId), eq(submissionMembers.status, 'active')))
    .orderBy(asc(submissionMembers.id))
    .all();
  const map = new Map<number, string[]>();
  for (const row of rows) map.set(row.entryId, [...(map.get(row.entryId) ?? []), row.name]);
  return map;
}

/** The organiser's results page: ranking, review progress, conflicts, judge agreement, awards. */
export function getResultsForOrganiser(viewer: Viewer, slug: string, now: Date) {
  const challenge = managedChallenge(viewer, slug);
  if (!challenge || challenge.status !== 'published') return undefined;
  syncAssignments(challenge, now);
  const phase = challengePhase(challenge, now);
  const { criteria: criteriaRows, entries, results } = computeChallengeResults(challenge.id);
  const db = getDb();
  const pairs = phase === 'judging' || phase === 'results' ? reviewPairs(challenge) : [];
  const expected = new Map<number, number>();
  for (const pair of pairs) expected.set(pair.entryId, (expected.get(pair.entryId) ?? 0) + 1);
  const conflictCounts = new Map<number, number>();
  for (const row of db.select({ entryId: conflicts.submissionId }).from(conflicts).where(eq(conflicts.challengeId, challenge.id)).all()) {
    conflictCounts.set(row.entryId, (conflictCounts.get(row.entryId) ?? 0) + 1);
  }
  const possible = new Map<number, number>();
  for (const flag of detectPossibleConflicts(challenge.id)) possible.set(flag.entryId, (possible.get(flag.entryId) ?? 0) + 1);
  const members = membersByEntry(challenge.id);
  const entryInfo = new Map(entries.map((e) => [e.id, e]));
  const voteCounts = challenge.peoplesChoice ? countVotes(challenge.id) : new Map<number, number>();
  const judgeRows = db
    .select({ userId: challengeJudges.userId, name: users.name, email: challengeJudges.email })
    .from(challengeJudges)
    .leftJoin(users, eq(challengeJudges.userId, users.id))
    .where(eq(challengeJudges.challengeId, challenge.id))
    .all();
  const judgeNames = new Map(judgeRows.filter((j) => j.userId !== null).map((j) => [j.userId as number, j.name ?? j.email]));
  // The judges' private notes are written for exactly this audience.
  const notes = db
    .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId, note: reviews.privateNote, updatedAt: reviews.updatedAt })
    .from(reviews)
    .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
    .where(and(eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted'), sql`trim(${reviews.privateNote}) <> ''`))
    .orderBy(asc(reviews.submissionId), asc(reviews.id))
    .all()
    .map((n) => ({ ...n, entryTitle: entryInfo.get(n.entryId)?.title ?? '', judgeName: judgeNames.get(n.judgeId) ?? '' }));
  return {
    notes,
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      phase,
      closesAt: challenge.closesAt,
      judgingEndsAt: challenge.judgingEndsAt,
      resultsPublishedAt: challenge.resultsPublishedAt,
      peoplesChoice: challenge.peoplesChoice,
    },
    criteria: criteriaRows,
    rows: results.entries.map((r) => {
      const info = entryInfo.get(r.entryId);
      return {
        ...r,
        title: info?.title ?? '',
        teamName: info?.teamName ?? '',
        members: members.get(r.entryId) ?? [],
        expectedReviews: expected.get(r.entryId) ?? 0,
        conflicts: conflictCounts.get(r.entryId) ?? 0,
        possibleConflicts: possible.get(r.entryId) ?? 0,
        votes: voteCounts.get(r.entryId) ?? 0,
      };
    }),
    judges: results.judges.map((j) => ({ ...j, name: judgeNames.get(j.judgeId) ?? '' })),
    agreement: results.agreement,
    awards: awardsOf(challenge.id),
    missingReviews: phase === 'judging' ? countMissingReviews(challenge) : 0,
  };
}

export type OrganiserResults = NonNullable<ReturnType<typeof getResultsForOrganiser>>;

export type AwardsProblem = 'locked' | 'unknownEntry';

/** Replaces the challenge's awards (in the given order). Only while judging; results are final. */
export function saveAwards(viewer: Viewer, slug: string, list: AwardInput[], now: Date, ip: string | null): { ok: true } | { ok: false; problem: AwardsProblem } | undefined {
  const challenge = managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) !== 'judging') return { ok: false, problem: 'locked' };
  const valid = new Set(submittedEntries(challenge.id).map((e) => e.id));
  if (list.some((a) => !valid.has(a.entryId))) return { ok: false, problem: 'unknownEntry' };
  const db = getDb();
  db.transaction((tx) => {
    tx.delete(awards).where(eq(awards.challengeId, challenge.id)).run();
    list.forEach((award, position) => {
      tx.insert(awards)
        .values({ challengeId: challenge.id, submissionId: award.entryId, kind: award.kind, customName: award.kind === 'custom' ? award.customName : null, position, createdAt: now })
        .run();
    });
  });
  recordAudit({ actorId: viewer.id, action: 'results.awards', targetType: 'challenge', targetId: challenge.id, details: { awards: list }, ip });
  return { ok: true };
}

export type PublishResultsProblem = 'notJudging' | 'confirmMissing';

/**
 * Publishes the results: the recorded, deliberate end of a challenge. With reviews still missing
 * the organiser must confirm the exact number shown to them; a stale confirmation (more reviews
 * went missing, or some came in) is refused so the decision is always made on current facts.
 */
export function publishResults(
  viewer: Viewer,
  slug: string,
  confirmedMissing: number | null,
  now: Date,
  ip: string | null,
): { ok: true } | { ok: false; problem: PublishResultsProblem; missing?: number } | undefined {
  const challenge = managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) !== 'judging') return { ok: false, problem: 'notJudging' };
  const missing = countMissingReviews(challenge);
  if (missing > 0 && confirmedMissing !== missing) return { ok: false, problem: 'confirmMissing', missing };
  getDb().update(challenges).set({ resultsPublishedAt: now, updatedAt: now }).where(eq(challenges.id, challenge.id)).run();
  recordAudit({ actorId: viewer.id, action: 'results.publish', targetType: 'challenge', targetId: challenge.id, details: { missingReviews: missing }, ip });
  return { ok: true };
}

export function countVotes(challengeId: number): Map<number, number> {
  const rows = getDb()
    .select({ entryId: votes.submissionId, n: sql<number>`count(*)` })
    .from(votes)
    .innerJoin(submissions, eq(votes.submissionId, submissions.id))
    .where(and(eq(votes.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .groupBy(votes.submissionId)
    .all();
  return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
}

/**
 * What everyone may read once results are published: the awards with the winning entries, and the
 * People's Choice counts. Before publication this returns undefined, so nothing can leak.
 */
export function getPublicResults(slug: string, now: Date) {
  const challenge = getDb().select().from(challenges).where(eq(challenges.slug, slug)).get();
  if (!challenge || challenge.status !== 'published' || challengePhase(challenge, now) !== 'results') return undefined;
  const entries = submittedEntries(challenge.id);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const members = membersByEntry(challenge.id);
  const awardList = awardsOf(challenge.id)
    .filter((a) => byId.has(a.entryId))
    .map((a) => {
      const entry = byId.get(a.entryId);
      return { kind: a.kind, customName: a.customName, entry: { id: a.entryId, title: entry?.title ?? '', summary: entry?.summary ?? '', teamName: entry?.teamName ?? '', kind: entry?.kind ?? 'idea', members: members.get(a.entryId) ?? [] } };
    });
  const voteCounts = challenge.peoplesChoice ? countVotes(challenge.id) : null;
  return {
    challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, summary: challenge.summary, resultsPublishedAt: challenge.resultsPublishedAt, peoplesChoice: challenge.peoplesChoice },
    awards: awardList,
    entries: entries.map((e) => ({ id: e.id, title: e.title, teamName: e.teamName, summary: e.summary, kind: e.kind, votes: voteCounts?.get(e.id) ?? null })),
  };
}

/**
 * Published results never change (reviews, conflicts and awards are locked once they are out), so
 * they are computed once per publication rather than on every team's page view.
 */
const publishedCache = new Map<number, { publishedAt: number; value: ReturnType<typeof computeChallengeResults> }>();

function publishedResults(challengeId: number, publishedAt: Date | null) {
  const key = publishedAt?.getTime() ?? 0;
  const cached = publishedCache.get(challengeId);
  if (cached && cached.publishedAt === key) return cached.value;
  const value = computeChallengeResults(challengeId);
  // A handful of recently published challenges is all that is ever read at once.
  if (publishedCache.size >= 20) publishedCache.delete(publishedCache.keys().next().value as number);
  publishedCache.set(challengeId, { publishedAt: key, value });
  return value;
}

/**
 * What a team reads about its own entry after publication: the mean of each criterion, the
 * weighted total and each judge's feedback, without saying which judge wrote what.
 */
export function getTeamFeedback(entryId: number, viewer: Viewer | null, now: Date) {
  if (!viewer) return undefined;
  const db = getDb();
  const row = db.select({ challenge: challenges, status: submissions.status }).from(submissions).innerJoin(challenges, eq(submissions.challengeId, challenges.id)).where(eq(submissions.id, entryId)).get();
  if (!row || row.status !== 'submitted' || challengePhase(row.challenge, now) !== 'results') return undefined;
  const member = db
    .select({ id: submissionMembers.id })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.submissionId, entryId), eq(submissionMembers.userId, viewer.id), eq(submissionMembers.status, 'active')))
    .get();
  if (!member) return undefined;
  const { criteria: criteriaRows, results } = publishedResults(row.challenge.id, row.challenge.resultsPublishedAt);
  const mine = results.entries.find((e) => e.entryId === entryId);
  const feedback = db
    .select({ feedback: reviews.feedback })
    .from(reviews)
    .where(and(eq(reviews.submissionId, entryId), countedReview()))
    // Random-looking but stable order, so the list does not mirror the judges' sign-up order.
    .orderBy(sql`(${reviews.id} * 2654435761) % 4294967296`)
    .all()
    .map((r) => r.feedback)
    .filter((f) => f.trim().length > 0);
  const awardRows = awardsOf(row.challenge.id).filter((a) => a.entryId === entryId);
  return {
    criteria: criteriaRows.map((c) => ({ id: c.id, name: c.name, maxScore: c.maxScore, weight: c.weight, mean: mine?.criterionMeans[c.id] ?? null })),
    rawMean: mine?.rawMean ?? null,
    rank: mine?.rank ?? null,
    entryCount: results.entries.length,
    reviewCount: mine?.reviewCount ?? 0,
    feedback,
    awards: awardRows.map((a) => ({ kind: a.kind, customName: a.customName })),
  };
}
