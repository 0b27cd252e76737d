/**
 * Judging: which judge reviews which entry, conflicts of interest, and the reviews themselves.
 * Every function works out the viewer's relation to the challenge and entry from the database;
 * nothing is taken from ids in a URL or form on trust. Blind judging is enforced where entries are
 * loaded for a judge: team names never leave this module for a judge of a blind challenge.
 */
import { and, asc, count, eq, inArray, isNotNull, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getDb } from '../../db/client';
import { inserted } from './rows.server';
import { transaction } from './transaction.server';
import { challengeJudges, challenges, conflicts, criteria, judgeAssignments, reviews, scores, submissionMembers, submissions, users, type AssignmentMode } from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { assignJudges, type Pair } from '~/lib/assignment';
import { possibleConflicts } from '~/lib/conflict-detection';
import { challengePhase } from '~/lib/phase';
import type { ReviewInput } from '~/lib/validation/review';

type ChallengeRow = typeof challenges.$inferSelect;
type ConflictRow = typeof conflicts.$inferSelect;

/** Judging happens after the deadline and until judging ends, and never after results are out. */
export function judgingIsOpen(challenge: ChallengeRow, now: Date): boolean {
  return challengePhase(challenge, now) === 'judging' && now.getTime() < challenge.judgingEndsAt.getTime();
}

async function judgeUserIds(challengeId: number): Promise<number[]> {
  return (await getDb()
    .select({ userId: challengeJudges.userId })
    .from(challengeJudges)
    .where(eq(challengeJudges.challengeId, challengeId))
    .orderBy(asc(challengeJudges.id)))
    .map((r) => r.userId)
    .filter((id): id is number => id !== null);
}

async function submittedEntryIds(challengeId: number): Promise<number[]> {
  return (await getDb()
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .orderBy(asc(submissions.id)))
    .map((r) => r.id);
}

async function conflictPairs(challengeId: number): Promise<Pair[]> {
  return await getDb()
    .select({ entryId: conflicts.submissionId, judgeId: conflicts.judgeId })
    .from(conflicts)
    .where(eq(conflicts.challengeId, challengeId));
}

async function assignmentPairs(challengeId: number): Promise<Pair[]> {
  return await getDb()
    .select({ entryId: judgeAssignments.submissionId, judgeId: judgeAssignments.judgeId })
    .from(judgeAssignments)
    .where(eq(judgeAssignments.challengeId, challengeId));
}

/** Reviews a judge has started count as their assignment, so switching modes never orphans work. */
async function startedReviewPairs(challengeId: number): Promise<Pair[]> {
  return await getDb()
    .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId })
    .from(reviews)
    .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
    .where(eq(submissions.challengeId, challengeId));
}

const pairKey = (p: Pair) => `${p.entryId}:${p.judgeId}`;

/**
 * The (entry, judge) pairs to be reviewed: in 'all' mode every judge and every submitted entry;
 * with N judges per entry the stored assignments. Conflicts are always taken out.
 */
export async function reviewPairs(challenge: Pick<ChallengeRow, 'id' | 'assignmentMode'>): Promise<Pair[]> {
  const conflicted = new Set((await conflictPairs(challenge.id)).map(pairKey));
  const entries = await submittedEntryIds(challenge.id);
  const judges = await judgeUserIds(challenge.id);
  let pairs: Pair[];
  if (challenge.assignmentMode === 'all') {
    pairs = entries.flatMap((entryId) => judges.map((judgeId) => ({ entryId, judgeId })));
  } else {
    const live = new Set(entries);
    const isJudge = new Set(judges);
    pairs = (await assignmentPairs(challenge.id)).filter((p) => live.has(p.entryId) && isJudge.has(p.judgeId));
  }
  return pairs.filter((p) => !conflicted.has(pairKey(p)));
}

/** Whether this judge is to review this entry (assigned, or every judge in 'all' mode, and no conflict). */
export async function judgeReviewsEntry(challenge: Pick<ChallengeRow, 'id' | 'assignmentMode'>, entryId: number, judgeId: number): Promise<boolean> {
  const db = getDb();
  const conflicted = (await db
    .select({ id: conflicts.id })
    .from(conflicts)
    .where(and(eq(conflicts.submissionId, entryId), eq(conflicts.judgeId, judgeId))).limit(1))[0];
  if (conflicted) return false;
  const isJudge = (await db
    .select({ id: challengeJudges.id })
    .from(challengeJudges)
    .where(and(eq(challengeJudges.challengeId, challenge.id), eq(challengeJudges.userId, judgeId))).limit(1))[0];
  if (!isJudge) return false;
  if (challenge.assignmentMode === 'all') return true;
  return Boolean(
    (await db
      .select({ id: judgeAssignments.id })
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.submissionId, entryId), eq(judgeAssignments.judgeId, judgeId))).limit(1))[0],
  );
}

/**
 * Brings the stored assignments of an N-per-entry challenge up to date: fills entries short of N
 * judges (after the deadline, a new judge, a declared conflict) and drops conflicted or stale
 * pairs. Deterministic and idempotent, so it is safe to call from any page that shows judging.
 */
export async function syncAssignments(challenge: ChallengeRow, now: Date): Promise<{ shortfall: { entryId: number; missing: number }[] }> {
  if (challenge.assignmentMode !== 'per_entry' || !judgingIsOpen(challenge, now)) return { shortfall: [] };
  return await transaction(async (tx) => {
    const stored = await assignmentPairs(challenge.id);
    const storedKeys = new Set(stored.map(pairKey));
    const started = (await startedReviewPairs(challenge.id)).filter((p) => !storedKeys.has(pairKey(p)));
    const result = assignJudges({
      entryIds: await submittedEntryIds(challenge.id),
      judgeIds: await judgeUserIds(challenge.id),
      perEntry: challenge.judgesPerEntry ?? 1,
      conflicts: await conflictPairs(challenge.id),
      existing: [...stored, ...started],
    });
    const kept = new Set(result.assignments.map(pairKey));
    const toInsert = [...result.added, ...started.filter((p) => kept.has(pairKey(p)))];
    for (const pair of result.removed) {
      if (!storedKeys.has(pairKey(pair))) continue;
      await tx.delete(judgeAssignments)
        .where(and(eq(judgeAssignments.submissionId, pair.entryId), eq(judgeAssignments.judgeId, pair.judgeId)));
    }
    for (const pair of toInsert) {
      await tx.insert(judgeAssignments).values({ challengeId: challenge.id, submissionId: pair.entryId, judgeId: pair.judgeId, createdAt: now }).onConflictDoNothing();
    }
    return { shortfall: result.shortfall };
  });
}

/**
 * A cheap summary of everything the assignment depends on (submitted entries, judges with
 * accounts, conflicts, the rule and the stored assignments), read from covering indexes. Reviews
 * and scores are left out on purpose: saving one does not change who reviews what.
 */
async function assignmentFingerprint(challengeId: number): Promise<string> {
  const db = getDb();
  // How many rows, and the sum of one of their columns: a change of which rows there are shows.
  const countAndSum = async (table: SQLiteTable, column: SQLiteColumn, where: SQL | undefined) =>
    (await db.select({ n: count(), sum: sql<number>`coalesce(sum(${column}), 0)` }).from(table).where(where).limit(1))[0];
  const entries = await countAndSum(submissions, submissions.id, and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')));
  const judges = await countAndSum(challengeJudges, challengeJudges.userId, and(eq(challengeJudges.challengeId, challengeId), isNotNull(challengeJudges.userId)));
  const conflicted = await countAndSum(conflicts, conflicts.id, eq(conflicts.challengeId, challengeId));
  const assigned = await countAndSum(judgeAssignments, judgeAssignments.id, eq(judgeAssignments.challengeId, challengeId));
  const rule = (await db.select({ mode: challenges.assignmentMode, perEntry: challenges.judgesPerEntry }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  return JSON.stringify([entries, judges, conflicted, assigned, rule]);
}

/**
 * Fingerprints of the assignment inputs as they were after this process last synchronised each
 * challenge. Only a shortcut: another process (or a lost entry) just synchronises again, which is
 * idempotent.
 */
const syncedFingerprints = new Map<number, { fingerprint: string; checkedAt: number }>();
const MAX_REMEMBERED_SYNCS = 1_000;
/**
 * How long a check stands before the inputs are looked at again. Queues filter conflicts and
 * withdrawn entries themselves, so a delay only postpones dealing a new entry or a freed place.
 */
export const ASSIGNMENT_RECHECK_MS = 5_000;

/**
 * syncAssignments for pages that only read: skipped while nothing the assignment depends on has
 * changed, so a judge paging through thousands of entries does not re-deal them on every view.
 */
async function ensureAssignments(challenge: ChallengeRow, now: Date): Promise<void> {
  if (challenge.assignmentMode !== 'per_entry' || !judgingIsOpen(challenge, now)) return;
  const known = syncedFingerprints.get(challenge.id);
  if (known && now.getTime() - known.checkedAt >= 0 && now.getTime() - known.checkedAt < ASSIGNMENT_RECHECK_MS) return;
  if (known && known.fingerprint === await assignmentFingerprint(challenge.id)) {
    known.checkedAt = now.getTime();
    return;
  }
  await syncAssignments(challenge, now);
  if (syncedFingerprints.size >= MAX_REMEMBERED_SYNCS) syncedFingerprints.clear();
  syncedFingerprints.set(challenge.id, {
    fingerprint: await assignmentFingerprint(challenge.id),
    checkedAt: now.getTime(),
  });
}

/** 0 for no review yet, 1 for a draft, 2 for completed: the order of a judge's queue. */
const reviewStateRank = sql<number>`CASE ${reviews.status} WHEN 'completed' THEN 2 WHEN 'draft' THEN 1 ELSE 0 END`;
const RANK_STATE: Record<number, ReviewState> = {
  0: 'none',
  1: 'draft',
  2: 'completed',
};

/**
 * The (entry, judge) pairs to be reviewed as a subquery, each with its review's state rank and
 * what a queue shows of the entry: in 'all' mode every judge with an account on every submitted
 * entry, with N per entry the stored assignments of current judges; conflicts always taken out.
 * The SQL counterpart of reviewPairs, for pages that count or page through pairs instead of
 * loading them all.
 */
function pairQuery(challenge: Pick<ChallengeRow, 'id' | 'assignmentMode'>, judgeId?: number) {
  const db = getDb();
  const fields = {
    entryId: sql<number>`${submissions.id}`.as('entry_id'),
    judgeId: sql<number>`${challengeJudges.userId}`.as('judge_id'),
    rank: reviewStateRank.as('rank'),
    title: submissions.title,
    kind: submissions.kind,
    summary: submissions.summary,
    teamName: submissions.teamName,
  };
  const judged = and(
    eq(submissions.status, 'submitted'),
    isNotNull(challengeJudges.userId),
    notExists(
      db
        .select({ one: sql`1` })
        .from(conflicts)
        .where(and(eq(conflicts.submissionId, submissions.id), eq(conflicts.judgeId, challengeJudges.userId)))
    ),
    judgeId === undefined ? undefined : eq(challengeJudges.userId, judgeId)
  );
  const withReview = and(eq(reviews.submissionId, submissions.id), eq(reviews.judgeId, challengeJudges.userId));
  if (challenge.assignmentMode === 'all') {
    return db
      .select(fields)
      .from(submissions)
      .innerJoin(challengeJudges, eq(challengeJudges.challengeId, submissions.challengeId))
      .leftJoin(reviews, withReview)
      .where(and(eq(submissions.challengeId, challenge.id), judged))
      .as('pairs');
  }
  return db
    .select(fields)
    .from(judgeAssignments)
    .innerJoin(submissions, eq(submissions.id, judgeAssignments.submissionId))
    .innerJoin(challengeJudges, and(eq(challengeJudges.challengeId, judgeAssignments.challengeId), eq(challengeJudges.userId, judgeAssignments.judgeId)))
    .leftJoin(reviews, withReview)
    .where(and(eq(judgeAssignments.challengeId, challenge.id), judged))
    .as('pairs');
}

/** How many pairs a judge has, and how many are completed. */
async function pairProgress(challenge: Pick<ChallengeRow, 'id' | 'assignmentMode'>, judgeId: number): Promise<{ assigned: number; completed: number }> {
  const pairs = pairQuery(challenge, judgeId);
  const row = (await getDb()
    .select({
      assigned: count(),
      completed: sql<number>`count(*) filter (where ${pairs.rank} = 2)`,
    })
    .from(pairs).limit(1))[0];
  return {
    assigned: row?.assigned ?? 0,
    completed: Number(row?.completed ?? 0),
  };
}

async function challengeBySlug(slug: string): Promise<ChallengeRow | undefined> {
  return (await getDb().select().from(challenges).where(eq(challenges.slug, slug)).limit(1))[0];
}

async function isJudgeOf(challengeId: number, userId: number): Promise<boolean> {
  return (await judgeUserIds(challengeId)).includes(userId);
}

// ---------------------------------------------------------------------------------------------
// The judge's side

export type ReviewState = 'none' | 'draft' | 'completed';

/** Every challenge the viewer judges, with their progress. */
export async function listJudgingFor(viewer: Viewer, now: Date) {
  const db = getDb();
  const rows = await db
    .select({ challenge: challenges })
    .from(challengeJudges)
    .innerJoin(challenges, eq(challengeJudges.challengeId, challenges.id))
    .where(and(eq(challengeJudges.userId, viewer.id), eq(challenges.status, 'published')))
    .orderBy(asc(challenges.judgingEndsAt));
  const list = [];
  // One after another: ensuring assignments writes, and each challenge's transaction waits its turn anyway.
  for (const { challenge } of rows) {
    await ensureAssignments(challenge, now);

    const phase = challengePhase(challenge, now);
    const progress = phase === 'judging' || phase === 'results' ? await pairProgress(challenge, viewer.id) : { assigned: 0, completed: 0 };
    list.push({
      slug: challenge.slug,
      title: challenge.title,
      phase,
      closesAt: challenge.closesAt,
      judgingEndsAt: challenge.judgingEndsAt,
      open: judgingIsOpen(challenge, now),
      assigned: progress.assigned,
      completed: progress.completed,
    });
  }
  return list;
}

/** Entries per page of a judge's queue. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * The viewer's review queue for one challenge, a page at a time: unreviewed first, then drafts,
 * then completed, with the counts of each.
 */
export async function judgeQueue(viewer: Viewer, slug: string, now: Date, page = 1) {
  const challenge = await challengeBySlug(slug);
  if (!challenge || challenge.status !== 'published' || !(await isJudgeOf(challenge.id, viewer.id))) return undefined;
  await ensureAssignments(challenge, now);
  const phase = challengePhase(challenge, now);
  const started = phase === 'judging' || phase === 'results';
  const db = getDb();
  const counts: Record<ReviewState, number> = {
    none: 0,
    draft: 0,
    completed: 0,
  };
  // One narrow pass over the judge's pairs gives the counts and the page's place in the order;
  // only the page's entries are then read in full.
  let ordered: { entryId: number; rank: number }[] = [];
  if (started) {
    const mine = pairQuery(challenge, viewer.id);
    ordered = await db.select({ entryId: mine.entryId, rank: mine.rank }).from(mine);
    ordered.sort((a, b) => a.rank - b.rank || a.entryId - b.entryId);
    for (const pair of ordered) counts[RANK_STATE[pair.rank] ?? 'none'] += 1;
  }
  const total = ordered.length;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const current = Math.min(page, pages);
  const onPage = ordered.slice((current - 1) * QUEUE_PAGE_SIZE, current * QUEUE_PAGE_SIZE);
  const details = new Map(
    onPage.length
      ? (await db
          .select({
            id: submissions.id,
            title: submissions.title,
            kind: submissions.kind,
            summary: submissions.summary,
            teamName: submissions.teamName,
          })
          .from(submissions)
          .where(
            inArray(
              submissions.id,
              onPage.map((p) => p.entryId)
            )
          ))
          .map((row) => [row.id, row])
      : []
  );
  const rows = onPage.flatMap((pair) => {
    const entry = details.get(pair.entryId);
    return entry ? [{ ...entry, rank: pair.rank }] : [];
  });
  const entries = rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    summary: r.summary,
    // Blind judging: the team's name is not sent at all, not merely hidden in the page.
    teamName: challenge.blindJudging ? null : r.teamName,
    state: RANK_STATE[r.rank] ?? 'none',
  }));
  const declared = await db
    .select({
      entryId: conflicts.submissionId,
      title: submissions.title,
      reason: conflicts.reason,
      source: conflicts.source,
      createdAt: conflicts.createdAt,
    })
    .from(conflicts)
    .innerJoin(submissions, eq(conflicts.submissionId, submissions.id))
    .where(and(eq(conflicts.challengeId, challenge.id), eq(conflicts.judgeId, viewer.id)))
    .orderBy(asc(conflicts.createdAt))
    .limit(MAX_LISTED_CONFLICTS);
  return {
    challenge: {
      slug: challenge.slug,
      title: challenge.title,
      phase,
      closesAt: challenge.closesAt,
      judgingEndsAt: challenge.judgingEndsAt,
      blindJudging: challenge.blindJudging,
    },
    open: judgingIsOpen(challenge, now),
    entries,
    counts,
    total,
    page: current,
    pages,
    conflicts: declared,
  };
}

/** The next entry in a judge's queue still waiting for them, after `entryId`'s own place. */
async function nextInQueue(challenge: ChallengeRow, judgeId: number, entryId: number): Promise<number | null> {
  const pairs = pairQuery(challenge, judgeId);
  const row = (await getDb()
    .select({ id: pairs.entryId })
    .from(pairs)
    .where(and(ne(pairs.entryId, entryId), sql`${pairs.rank} < 2`))
    .orderBy(asc(pairs.rank), asc(pairs.entryId))
    .limit(1))[0];
  return row?.id ?? null;
}

/** Conflicts listed on a page at most; a challenge does not have more in any real contest. */
const MAX_LISTED_CONFLICTS = 500;

/** The criteria of a challenge in their order, with what a judge needs to score them. */
export async function challengeCriteria(challengeId: number) {
  return await getDb()
    .select({ id: criteria.id, name: criteria.name, description: criteria.description, weight: criteria.weight, maxScore: criteria.maxScore })
    .from(criteria)
    .where(eq(criteria.challengeId, challengeId))
    .orderBy(asc(criteria.position), asc(criteria.id));
}

interface JudgeEntryContext {
  challenge: ChallengeRow;
  entry: { id: number; status: string; title: string };
}

async function judgeEntryContext(viewer: Viewer, slug: string, entryId: number): Promise<JudgeEntryContext | undefined> {
  const row = (await getDb()
    .select({ challenge: challenges, entry: { id: submissions.id, status: submissions.status, title: submissions.title } })
    .from(submissions)
    .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
    .where(and(eq(submissions.id, entryId), eq(challenges.slug, slug))).limit(1))[0];
  if (!row || row.entry.status !== 'submitted' || row.challenge.status !== 'published') return undefined;
  if (!(await isJudgeOf(row.challenge.id, viewer.id))) return undefined;
  return row;
}

/** The viewer's review of an entry they are to review, or undefined (404) for anyone else. */
export async function getReviewForJudge(viewer: Viewer, slug: string, entryId: number, now: Date) {
  const context = await judgeEntryContext(viewer, slug, entryId);
  if (!context) return undefined;
  const { challenge } = context;
  await ensureAssignments(challenge, now);
  const phase = challengePhase(challenge, now);
  if (phase !== 'judging' && phase !== 'results') return undefined;
  if (!(await judgeReviewsEntry(challenge, entryId, viewer.id))) return undefined;
  const db = getDb();
  const review = (await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.submissionId, entryId), eq(reviews.judgeId, viewer.id))).limit(1))[0];
  const given = review ? await db.select({ criterionId: scores.criterionId, score: scores.score }).from(scores).where(eq(scores.reviewId, review.id)) : [];
  // The next entry still waiting in this judge's queue, to move on without going back to the list.
  const next = await nextInQueue(challenge, viewer.id, entryId);
  return {
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      phase,
      judgingEndsAt: challenge.judgingEndsAt,
      blindJudging: challenge.blindJudging,
    },
    criteria: await challengeCriteria(challenge.id),
    review: review
      ? {
          status: review.status,
          privateNote: review.privateNote,
          feedback: review.feedback,
          updatedAt: review.updatedAt,
          scores: Object.fromEntries(given.map((s) => [s.criterionId, s.score])) as Record<number, number>,
        }
      : null,
    editable: judgingIsOpen(challenge, now),
    nextEntryId: next,
  };
}

export type ReviewProblem = 'closed' | 'notReviewer';

export type ScoreChange = { criterionId: number; from: number | null; to: number | null };

/**
 * Saves the viewer's review as a draft or completed. Answers every score that changed with its old
 * and new value, and whether anything changed at all, for the audit log (app/actions/judging.server.ts),
 * so a disputed ranking can be reconstructed.
 */
export async function saveReview(
  viewer: Viewer,
  slug: string,
  entryId: number,
  input: ReviewInput,
  complete: boolean,
  now: Date,
): Promise<{ ok: true; changed: boolean; status: 'draft' | 'completed'; changes: ScoreChange[] } | { ok: false; problem: ReviewProblem }> {
  const context = await judgeEntryContext(viewer, slug, entryId);
  if (!context || !(await judgeReviewsEntry(context.challenge, entryId, viewer.id))) return { ok: false, problem: 'notReviewer' };
  if (!judgingIsOpen(context.challenge, now)) return { ok: false, problem: 'closed' };
  const criterionIds = new Set((await challengeCriteria(context.challenge.id)).map((c) => c.id));
  const status = complete ? 'completed' : 'draft';
  return await transaction(async (tx) => {
    const existing = (await tx.select().from(reviews).where(and(eq(reviews.submissionId, entryId), eq(reviews.judgeId, viewer.id))).limit(1))[0];
    let reviewId: number;
    if (existing) {
      reviewId = existing.id;
      await tx.update(reviews)
        .set({ status, privateNote: input.privateNote, feedback: input.feedback, completedAt: complete ? (existing.completedAt ?? now) : null, updatedAt: now })
        .where(eq(reviews.id, existing.id));
    } else {
      reviewId = inserted(await tx
        .insert(reviews)
        .values({ submissionId: entryId, judgeId: viewer.id, status, privateNote: input.privateNote, feedback: input.feedback, completedAt: complete ? now : null, createdAt: now, updatedAt: now })
        .returning({ id: reviews.id })).id;
    }
    const before = new Map((await tx.select({ criterionId: scores.criterionId, score: scores.score }).from(scores).where(eq(scores.reviewId, reviewId))).map((s) => [s.criterionId, s.score]));
    const changes: ScoreChange[] = [];
    for (const criterionId of criterionIds) {
      const to = input.scores[criterionId] ?? null;
      const from = before.get(criterionId) ?? null;
      if (from === to) continue;
      changes.push({ criterionId, from, to });
      if (to === null) await tx.delete(scores).where(and(eq(scores.reviewId, reviewId), eq(scores.criterionId, criterionId)));
      else await tx.insert(scores).values({ reviewId, criterionId, score: to }).onConflictDoUpdate({ target: [scores.reviewId, scores.criterionId], set: { score: to } });
    }
    return { ok: true as const, changed: changes.length > 0 || existing?.status !== status, status, changes };
  });
}

export type ConflictProblem = 'closed' | 'notReviewer';

/**
 * A judge declares a conflict of interest. The entry leaves their queue at once, any review they
 * had started stops counting (it is kept, not deleted, for the record), and with N judges per
 * entry another judge takes the place where one is free.
 */
export async function declareConflict(viewer: Viewer, slug: string, entryId: number, reason: string, now: Date): Promise<{ ok: true } | { ok: false; problem: ConflictProblem }> {
  const context = await judgeEntryContext(viewer, slug, entryId);
  if (!context || !(await judgeReviewsEntry(context.challenge, entryId, viewer.id))) return { ok: false, problem: 'notReviewer' };
  if (!judgingIsOpen(context.challenge, now)) return { ok: false, problem: 'closed' };
  await recordConflictRow(context.challenge, entryId, viewer.id, 'declared', reason, now);
  await syncAssignments(context.challenge, now);
  return { ok: true };
}

async function recordConflictRow(challenge: ChallengeRow, entryId: number, judgeId: number, source: 'declared' | 'organiser', reason: string, now: Date) {
  await transaction(async (tx) => {
    await tx.insert(conflicts).values({ challengeId: challenge.id, submissionId: entryId, judgeId, source, reason, createdAt: now }).onConflictDoNothing();
    await tx.delete(judgeAssignments).where(and(eq(judgeAssignments.submissionId, entryId), eq(judgeAssignments.judgeId, judgeId)));
  });
}

// ---------------------------------------------------------------------------------------------
// The organiser's side

async function managedChallenge(viewer: Viewer, slug: string): Promise<ChallengeRow | undefined> {
  const challenge = await challengeBySlug(slug);
  if (!challenge || !canManageDepartment(viewer, challenge.departmentId)) return undefined;
  return challenge;
}

/** Up to this many entries the organiser picks one from a list when recording a conflict; above it, by number. */
export const MAX_ENTRY_CHOICES = 200;
/** Entries listed as short of judges, and possible conflicts listed, at most (the counts are complete). */
const MAX_LISTED_SHORTFALL = 10;
const MAX_LISTED_POSSIBLE_CONFLICTS = 100;

/**
 * Entries of an N-per-entry challenge that have fewer than N judges after the assignment, for want
 * of eligible judges: the count and the first few.
 */
async function assignmentShortfall(
  challenge: ChallengeRow,
  now: Date
): Promise<{
  count: number;
  first: { entryId: number; missing: number; entryTitle: string }[];
}> {
  if (challenge.assignmentMode !== 'per_entry' || !judgingIsOpen(challenge, now)) return { count: 0, first: [] };
  const target = challenge.judgesPerEntry ?? 1;
  const db = getDb();
  const assignedCount = db.select({ n: count() }).from(judgeAssignments).where(eq(judgeAssignments.submissionId, submissions.id));
  const short = db
    .select({
      entryId: submissions.id,
      entryTitle: submissions.title,
      assigned: sql<number>`(${assignedCount})`,
    })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted'), sql`(${assignedCount}) < ${target}`))
    .orderBy(asc(submissions.id))
    .$dynamic();
  const total = (await db
    .select({ n: count() })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted'), sql`(${assignedCount}) < ${target}`)).limit(1))[0];
  return {
    count: total?.n ?? 0,
    first: (await short
      .limit(MAX_LISTED_SHORTFALL))
      .map((row) => ({
        entryId: row.entryId,
        entryTitle: row.entryTitle,
        missing: target - row.assigned,
      })),
  };
}

/**
 * The organiser page's costly figures (each judge's load, the shortfall, possible conflicts) read
 * every pair of a challenge: 0.2 s at 20,000 entries. They are kept per challenge until its results
 * inputs version (bumped by triggers on everything they read) or its phase moves on.
 */
const figuresCache = new Map<number, { key: string; figures: Awaited<ReturnType<typeof computeJudgingFigures>> }>();

async function judgingFigures(challenge: ChallengeRow, now: Date) {
  const version = (await getDb().select({ version: challenges.resultsInputsVersion }).from(challenges).where(eq(challenges.id, challenge.id)).limit(1))[0]?.version ?? 0;
  const key = `${version}:${challengePhase(challenge, now)}:${judgingIsOpen(challenge, now)}`;
  const cached = figuresCache.get(challenge.id);
  if (cached?.key === key) return cached.figures;
  const figures = await computeJudgingFigures(challenge, now);
  if (figuresCache.size >= MAX_REMEMBERED_SYNCS) figuresCache.clear();
  figuresCache.set(challenge.id, { key, figures });
  return figures;
}

async function computeJudgingFigures(challenge: ChallengeRow, now: Date) {
  const db = getDb();
  const phase = challengePhase(challenge, now);
  const load = new Map<number, { assigned: number; completed: number }>();
  if (phase === 'judging' || phase === 'results') {
    const pairs = pairQuery(challenge);
    const rows = await db
      .select({ judgeId: pairs.judgeId, assigned: count(), completed: sql<number>`count(*) filter (where ${pairs.rank} = 2)` })
      .from(pairs)
      .groupBy((fields) => fields.judgeId);
    for (const row of rows) if (row.judgeId !== null) load.set(row.judgeId, { assigned: row.assigned, completed: Number(row.completed) });
  }
  const recordedKeys = new Set((await db.select({ entryId: conflicts.submissionId, judgeId: conflicts.judgeId }).from(conflicts).where(eq(conflicts.challengeId, challenge.id))).map(pairKey));
  const possibleAll = (await detectPossibleConflicts(challenge.id)).filter((p) => !recordedKeys.has(pairKey(p)));
  return { load, shortfall: await assignmentShortfall(challenge, now), possibleAll };
}

/** Judges, their load and progress, conflicts (recorded and possible) and the assignment setting. */
export async function getJudgingOverview(viewer: Viewer, slug: string, now: Date) {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  await ensureAssignments(challenge, now);
  const db = getDb();
  const phase = challengePhase(challenge, now);
  const { load, shortfall, possibleAll } = await judgingFigures(challenge, now);
  const judges = await db
    .select({
      userId: challengeJudges.userId,
      email: challengeJudges.email,
      name: users.name,
    })
    .from(challengeJudges)
    .leftJoin(users, eq(challengeJudges.userId, users.id))
    .where(eq(challengeJudges.challengeId, challenge.id))
    .orderBy(asc(challengeJudges.id));
  const totals = { pairs: 0, completed: 0 };
  for (const { assigned, completed } of load.values()) {
    totals.pairs += assigned;
    totals.completed += completed;
  }
  const submitted = and(eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted'));
  const entryCount = (await db.select({ n: count() }).from(submissions).where(submitted).limit(1))[0]?.n ?? 0;
  const entries = entryCount <= MAX_ENTRY_CHOICES ? await db.select({ id: submissions.id, title: submissions.title }).from(submissions).where(submitted).orderBy(asc(submissions.id)) : null;
  const judgeNames = new Map(judges.filter((j) => j.userId !== null).map((j) => [j.userId as number, j.name ?? j.email]));
  const recorded = (await db
    .select({
      id: conflicts.id,
      entryId: conflicts.submissionId,
      judgeId: conflicts.judgeId,
      source: conflicts.source,
      reason: conflicts.reason,
      createdAt: conflicts.createdAt,
      entryTitle: submissions.title,
    })
    .from(conflicts)
    .innerJoin(submissions, and(eq(submissions.id, conflicts.submissionId), eq(submissions.status, 'submitted')))
    .where(eq(conflicts.challengeId, challenge.id))
    .orderBy(asc(conflicts.createdAt))
    .limit(MAX_LISTED_CONFLICTS))
    .map((c) => ({ ...c, judgeName: judgeNames.get(c.judgeId) ?? '' }));
  const possibleIds = [...new Set(possibleAll.slice(0, MAX_LISTED_POSSIBLE_CONFLICTS * 2).map((p) => p.entryId))];
  const possibleTitles = new Map(
    possibleIds.length
      ? (await db
          .select({ id: submissions.id, title: submissions.title })
          .from(submissions)
          .where(and(inArray(submissions.id, possibleIds), eq(submissions.status, 'submitted'))))
          .map((e) => [e.id, e.title])
      : []
  );
  const possible = possibleAll
    .filter((p) => possibleTitles.has(p.entryId))
    .slice(0, MAX_LISTED_POSSIBLE_CONFLICTS)
    .map((p) => ({
      ...p,
      entryTitle: possibleTitles.get(p.entryId) ?? '',
      judgeName: judgeNames.get(p.judgeId) ?? '',
    }));
  return {
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      phase,
      closesAt: challenge.closesAt,
      judgingEndsAt: challenge.judgingEndsAt,
      blindJudging: challenge.blindJudging,
      assignmentMode: challenge.assignmentMode,
      judgesPerEntry: challenge.judgesPerEntry,
    },
    /** The assignment can change before and during judging, not after it has ended. */
    assignmentLocked: phase === 'results' || (phase === 'judging' && !judgingIsOpen(challenge, now)),
    judges: judges.map((j) => ({
      userId: j.userId,
      name: j.name,
      email: j.email,
      assigned: j.userId ? load.get(j.userId)?.assigned ?? 0 : 0,
      completed: j.userId ? load.get(j.userId)?.completed ?? 0 : 0,
    })),
    entryCount,
    /** Submitted entries to choose from, or null when there are too many for a list. */
    entries,
    totals,
    conflicts: recorded,
    possibleConflicts: possible,
    possibleConflictCount: possibleAll.length,
    shortfall: shortfall.first,
    shortfallCount: shortfall.count,
  };
}

/** Judges whose e-mail domain is a team member's, for the organiser to look at. */
export async function detectPossibleConflicts(challengeId: number) {
  const db = getDb();
  const judges = (await db
    .select({ judgeId: challengeJudges.userId, email: users.email })
    .from(challengeJudges)
    .innerJoin(users, eq(challengeJudges.userId, users.id))
    .where(eq(challengeJudges.challengeId, challengeId)))
    .filter((j): j is { judgeId: number; email: string } => j.judgeId !== null);
  const members = await db
    .select({ entryId: submissionMembers.submissionId, email: submissionMembers.email })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.challengeId, challengeId), eq(submissionMembers.status, 'active')));
  return possibleConflicts(judges, members);
}

export type AssignmentProblem = 'judgesPerEntry' | 'closed';

export const MAX_JUDGES_PER_ENTRY = 20;

/** The organiser chooses how reviews are shared out; with N per entry they are (re)assigned at once. */
export async function setAssignmentMode(
  viewer: Viewer,
  slug: string,
  mode: AssignmentMode,
  judgesPerEntry: number | null,
  now: Date,
): Promise<{ ok: true; challengeId: number } | { ok: false; problem: AssignmentProblem } | undefined> {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  // Once judging has ended nothing is assigned any more, so a change could only hide missing reviews.
  const phase = challengePhase(challenge, now);
  if (phase === 'results' || (phase === 'judging' && !judgingIsOpen(challenge, now))) return { ok: false, problem: 'closed' };
  if (mode === 'per_entry' && (judgesPerEntry === null || !Number.isInteger(judgesPerEntry) || judgesPerEntry < 1 || judgesPerEntry > MAX_JUDGES_PER_ENTRY)) {
    return { ok: false, problem: 'judgesPerEntry' };
  }
  await transaction(async (tx) => {
    await tx.update(challenges)
      .set({ assignmentMode: mode, judgesPerEntry: mode === 'per_entry' ? judgesPerEntry : null, updatedAt: now })
      .where(eq(challenges.id, challenge.id));
    // Assignments that are not yet started work are re-dealt under the new rule.
    if (mode === 'all' || judgesPerEntry !== challenge.judgesPerEntry) {
      const started = new Set((await startedReviewPairs(challenge.id)).map(pairKey));
      for (const pair of await assignmentPairs(challenge.id)) {
        if (started.has(pairKey(pair))) continue;
        await tx.delete(judgeAssignments).where(and(eq(judgeAssignments.submissionId, pair.entryId), eq(judgeAssignments.judgeId, pair.judgeId)));
      }
    }
  });
  const updated = await challengeBySlug(slug);
  if (updated) await syncAssignments(updated, now);
  return { ok: true, challengeId: challenge.id };
}

/**
 * The organiser records a conflict (e.g. confirming a detected one); the entry is reassigned.
 * False once results are out, or for an entry or judge not in the challenge; undefined for a
 * challenge the viewer does not manage.
 */
export async function recordConflictByOrganiser(viewer: Viewer, slug: string, entryId: number, judgeId: number, reason: string, now: Date): Promise<boolean | undefined> {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) === 'results') return false;
  const entry = (await getDb()
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.id, entryId), eq(submissions.challengeId, challenge.id))).limit(1))[0];
  if (!entry || !(await isJudgeOf(challenge.id, judgeId))) return false;
  await recordConflictRow(challenge, entryId, judgeId, 'organiser', reason, now);
  await syncAssignments(challenge, now);
  return true;
}

/**
 * The organiser lifts a conflict recorded by mistake; the judge's earlier review counts again.
 * Answers the conflict removed; false once results are out or for no such conflict, undefined for
 * a challenge the viewer does not manage.
 */
export async function removeConflict(viewer: Viewer, slug: string, conflictId: number, now: Date): Promise<ConflictRow | false | undefined> {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) === 'results') return false;
  const row = (await getDb()
    .select()
    .from(conflicts)
    .where(and(eq(conflicts.id, conflictId), eq(conflicts.challengeId, challenge.id))).limit(1))[0];
  if (!row) return false;
  await getDb().delete(conflicts).where(eq(conflicts.id, row.id));
  return row;
}

/**
 * How many reviews are still missing, for the publish confirmation: every assigned (entry, judge)
 * pair without a completed review, plus the places no judge could fill (N per entry not reached)
 * and at least one review for an entry nobody was able to review. Results published over this
 * number must be confirmed with it, so nothing unreviewed slips through unnoticed. `pairs` are the
 * challenge's reviewPairs, when the caller has them already.
 */
export async function countMissingReviews(challenge: ChallengeRow, given?: Pair[]): Promise<number> {
  const pairs = given ?? (await reviewPairs(challenge));

  const done = new Set(
    (await getDb()
      .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId })
      .from(reviews)
      .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
      .where(and(eq(submissions.challengeId, challenge.id), eq(reviews.status, 'completed'))))
      .map(pairKey),
  );
  const perEntry = new Map<number, { assigned: number; completed: number }>((await submittedEntryIds(challenge.id)).map((id) => [id, { assigned: 0, completed: 0 }]));
  for (const pair of pairs) {
    const entry = perEntry.get(pair.entryId);
    if (!entry) continue;
    entry.assigned += 1;
    if (done.has(pairKey(pair))) entry.completed += 1;
  }
  const target = (assigned: number) => Math.max(challenge.assignmentMode === 'per_entry' ? (challenge.judgesPerEntry ?? 1) : assigned, assigned, 1);
  let missing = 0;
  for (const { assigned, completed } of perEntry.values()) missing += target(assigned) - completed;
  return missing;
}
