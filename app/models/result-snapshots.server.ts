/**
 * The stored results record of a challenge (tables result_snapshots and result_entries): computed
 * in a worker thread from the inputs as they stood at one `results_inputs_version`, written in one
 * transaction, and read by every results page in pages. The maths is `computeResults` from
 * `app/lib/scoring.ts`, unchanged; this module only reads its inputs, stores its output and reads
 * it back. Two processes computing the same snapshot is harmless: a write never replaces a newer
 * snapshot, and the published one is never replaced at all.
 */
import { and, asc, eq, exists, gte, inArray, notExists, sql } from 'drizzle-orm';
import { engine, getDb, type Db } from '../../db/client';
import { transaction } from './transaction.server';
import { challengeJudges, challenges, conflicts, RESULTS_METHOD, resultEntries, resultSnapshots, reviews, scores, submissions, votes } from '../../db/tables';
import { challengePhase, type Phase } from '~/lib/phase';
import type { Via } from '~/lib/result';
import { computeResults, type ChallengeResults, type EntryResult, type ReviewScores } from '~/lib/scoring';
import { recordAudit } from './audit.server';
import { challengeCriteria, countMissingReviews, detectPossibleConflicts, reviewPairs, syncAssignments } from './judging.server';

type ChallengeRow = typeof challenges.$inferSelect;
export type SnapshotHeader = typeof resultSnapshots.$inferSelect;

/** How current the snapshot a page shows is: 'stale' while a recomputation is under way, 'missing' while the first one is. */
export type SnapshotStatus = 'current' | 'stale' | 'missing';

/**
 * Brings a challenge's snapshot up to date (services/results-refresh.server.ts does, in a worker
 * thread) and answers the freshest there is. The readers below take it as an argument so the model
 * stays free of the worker machinery.
 */
export type EnsureSnapshot = (challengeId: number) => Promise<{ status: SnapshotStatus; snapshot: SnapshotHeader | undefined }>;
export type SnapshotRow = typeof resultEntries.$inferSelect;

/** The published method's resampling: 300 draws, seeded by the challenge so results reproduce. */
export function bootstrapFor(challengeId: number) {
  return { iterations: 300, seed: challengeId };
}

// ---------------------------------------------------------------------------------------------
// The inputs

/**
 * The reviews that count: completed, by a judge who is still on the challenge's panel (a removed
 * judge's scores and feedback stop counting) and has no conflict with the entry. SQL conditions on
 * `reviews`, shared by the ranking and the team's feedback.
 */
export function countedReview() {
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

function completedScoresQuery(challengeId: number) {
  return getDb()
    .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId, criterionId: scores.criterionId, score: scores.score })
    .from(scores)
    .innerJoin(reviews, eq(scores.reviewId, reviews.id))
    .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted'), countedReview()));
}

/** Every counted review of a submitted entry, as one query (the benchmark compares the maths against this read). */
export async function readCompletedScores(challengeId: number): Promise<{ entryId: number; judgeId: number; criterionId: number; score: number }[]> {
  return await completedScoresQuery(challengeId);
}

export function groupReviews(rows: Iterable<{ entryId: number; judgeId: number; criterionId: number; score: number }>): ReviewScores[] {
  const byPair = new Map<string, ReviewScores>();
  for (const row of rows) {
    const key = `${row.entryId}:${row.judgeId}`;
    let review = byPair.get(key);
    if (!review) byPair.set(key, (review = { entryId: row.entryId, judgeId: row.judgeId, scores: {} }));
    review.scores[row.criterionId] = row.score;
  }
  return [...byPair.values()];
}

/**
 * The counted reviews grouped as `computeResults` takes them. The same query as readCompletedScores,
 * but iterated row by row as plain arrays: half a million scores never sit in memory as objects.
 */
export async function readCountedReviews(challengeId: number): Promise<ReviewScores[]> {
  const rows = await countedReviewRows(challengeId);
  const byEntry = new Map<number, Map<number, ReviewScores>>();
  const grouped: ReviewScores[] = [];
  for (const [entryId, judgeId, criterionId, score] of rows) {
    let byJudge = byEntry.get(entryId);
    if (!byJudge) byEntry.set(entryId, (byJudge = new Map()));
    let review = byJudge.get(judgeId);
    if (!review) {
      byJudge.set(judgeId, (review = { entryId, judgeId, scores: {} }));
      grouped.push(review);
    }
    review.scores[criterionId] = score;
  }
  return grouped;
}

export async function submittedEntryIds(challengeId: number): Promise<number[]> {
  return (await getDb()
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .orderBy(asc(submissions.id)))
    .map((r) => r.id);
}

/** What `computeResults` takes, read from the tables. */
export async function readResultsInputs(challengeId: number) {
  const criteria = await challengeCriteria(challengeId);
  return {
    criteria,
    entryIds: await submittedEntryIds(challengeId),
    reviews: await readCountedReviews(challengeId),
    bootstrap: bootstrapFor(challengeId),
  };
}

// ---------------------------------------------------------------------------------------------
// Freshness

async function readChallenge(challengeId: number): Promise<ChallengeRow | undefined> {
  return (await getDb().select().from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
}

export async function readSnapshotHeader(challengeId: number, db: Db = getDb()): Promise<SnapshotHeader | undefined> {
  return (await db.select().from(resultSnapshots).where(eq(resultSnapshots.challengeId, challengeId)).limit(1))[0];
}

/**
 * Whether a snapshot still describes the challenge: computed from the current inputs version in the
 * current phase (review coverage and assignments depend on the phase). The published record stays
 * current for as long as the results are out, whatever changes afterwards (an account deleted, say).
 */
export function snapshotIsCurrent(
  snapshot: Pick<SnapshotHeader, 'inputsVersion' | 'phase' | 'final'> | undefined,
  challenge: Pick<ChallengeRow, 'resultsInputsVersion' | 'status' | 'opensAt' | 'closesAt' | 'judgingEndsAt' | 'resultsPublishedAt'>,
  now: Date,
): boolean {
  if (!snapshot) return false;
  const phase = challengePhase(challenge, now);
  if (snapshot.final && phase === 'results') return true;
  return snapshot.inputsVersion === challenge.resultsInputsVersion && snapshot.phase === phase && !snapshot.final;
}

/** The challenge and its snapshot header, read together so they agree. */
export async function readSnapshotState(challengeId: number, now: Date): Promise<{ challenge: ChallengeRow; snapshot: SnapshotHeader | undefined; current: boolean } | undefined> {
  return await transaction(async () => {
    const challenge = await readChallenge(challengeId);
    if (!challenge) return undefined;
    const snapshot = await readSnapshotHeader(challengeId);
    return { challenge, snapshot, current: snapshotIsCurrent(snapshot, challenge, now) };
  }, { behavior: 'deferred' });
}

// ---------------------------------------------------------------------------------------------
// Computing and storing (worker threads)

interface ComputedSnapshot {
  header: Omit<SnapshotHeader, 'computedAt' | 'computeMs'>;
  rows: SnapshotRow[];
  startedAt: number;
}

function countBy<T>(items: Iterable<T>, key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Vote counts per submitted entry (People's Choice), for the final record. */
async function voteCounts(challengeId: number): Promise<Map<number, number>> {
  const rows = await getDb()
    .select({ entryId: votes.submissionId, n: sql<number>`count(*)` })
    .from(votes)
    .innerJoin(submissions, eq(votes.submissionId, submissions.id))
    .where(and(eq(votes.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .groupBy(votes.submissionId);
  return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
}

/**
 * Reads every input in one read transaction (so they all belong to one inputs version), then runs
 * the scoring maths outside it. `final` computes the published record: phase 'results', with the
 * People's Choice counts (voting has closed by then).
 */
async function computeSnapshot(challengeId: number, now: Date, final: boolean): Promise<ComputedSnapshot | undefined> {
  const startedAt = performance.now();
  const read = await transaction(async (db) => {
    const challenge = await readChallenge(challengeId);
    if (!challenge) return undefined;
    const phase: Phase = final ? 'results' : challengePhase(challenge, now);
    const inputs = await readResultsInputs(challengeId);
    // Review coverage means something once judging has started, as on the judging pages.
    const judgingStarted = phase === 'judging' || phase === 'results';
    const pairs = judgingStarted ? await reviewPairs(challenge) : [];
    return {
      challenge,
      phase,
      inputs,
      expected: countBy(pairs, (p) => p.entryId),
      conflictCounts: countBy(await db.select({ entryId: conflicts.submissionId }).from(conflicts).where(eq(conflicts.challengeId, challengeId)), (c) => c.entryId),
      possible: countBy(await detectPossibleConflicts(challengeId), (p) => p.entryId),
      missing: judgingStarted ? await countMissingReviews(challenge, pairs) : 0,
      votes: final && challenge.peoplesChoice ? await voteCounts(challengeId) : null,
    };
  }, { behavior: 'deferred' });
  if (!read) return undefined;
  const { challenge, phase, inputs } = read;
  const results: ChallengeResults = computeResults(inputs);
  let incomplete = 0;
  let flagged = 0;
  const rows = results.entries.map((entry, position): SnapshotRow => {
    const row = {
      challengeId,
      entryId: entry.entryId,
      position,
      rank: entry.rank,
      rankLow: entry.rankInterval?.low ?? null,
      rankHigh: entry.rankInterval?.high ?? null,
      normalised: entry.normalised,
      rawMean: entry.rawMean,
      reviewCount: entry.reviewCount,
      criterionMeans: entry.criterionMeans,
      expectedReviews: read.expected.get(entry.entryId) ?? 0,
      conflicts: read.conflictCounts.get(entry.entryId) ?? 0,
      possibleConflicts: read.possible.get(entry.entryId) ?? 0,
      votes: read.votes ? (read.votes.get(entry.entryId) ?? 0) : null,
    };
    if (row.reviewCount < row.expectedReviews) incomplete += 1;
    if (row.conflicts + row.possibleConflicts > 0) flagged += 1;
    return row;
  });
  return {
    startedAt,
    rows,
    header: {
      challengeId,
      inputsVersion: challenge.resultsInputsVersion,
      phase,
      final,
      method: RESULTS_METHOD,
      criteria: inputs.criteria.map((c) => ({ id: c.id, weight: c.weight, maxScore: c.maxScore })),
      bootstrap: inputs.bootstrap,
      agreement: results.agreement,
      judges: results.judges,
      entryCount: rows.length,
      rankedCount: rows.filter((r) => r.rank !== null).length,
      incompleteCount: incomplete,
      flaggedCount: flagged,
      missingReviews: read.missing,
    },
  };
}

const INSERT_ENTRY = `INSERT INTO result_entries (challenge_id, entry_id, position, rank, rank_low, rank_high, normalised, raw_mean, review_count, criterion_means, expected_reviews, conflicts, possible_conflicts, votes)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The counted scores as [entry, judge, criterion, score] arrays (SQLite: stepped one at a time). */
async function countedReviewRows(challengeId: number): Promise<Iterable<[number, number, number, number]>> {
  if (engine() === 'postgres') {
    return (await completedScoresQuery(challengeId)).map((r): [number, number, number, number] => [r.entryId, r.judgeId, r.criterionId, r.score]);
  }
  const query = completedScoresQuery(challengeId).toSQL();
  return getDb().$client.prepare(query.sql).raw(true).iterate(...query.params) as IterableIterator<[number, number, number, number]>;
}

/** Rows per INSERT on PostgreSQL: 14 parameters each, well under its limit of 65,535. */
const ENTRY_INSERT_BATCH = 1000;

/** Replaces the stored snapshot with `computed`; call inside a write transaction. */
async function writeSnapshot(computed: ComputedSnapshot, now: Date): Promise<void> {
  const db = getDb();
  const { header, rows } = computed;
  const values = { ...header, computedAt: now, computeMs: Math.round(performance.now() - computed.startedAt) };
  await db.insert(resultSnapshots).values(values).onConflictDoUpdate({ target: resultSnapshots.challengeId, set: values });
  await db.delete(resultEntries).where(eq(resultEntries.challengeId, header.challengeId));
  if (engine() === 'postgres') {
    for (let i = 0; i < rows.length; i += ENTRY_INSERT_BATCH) await db.insert(resultEntries).values(rows.slice(i, i + ENTRY_INSERT_BATCH));
    return;
  }
  // Thousands of rows: one prepared statement rather than a query built per row.
  const insert = db.$client.prepare(INSERT_ENTRY);
  for (const r of rows) {
    insert.run(r.challengeId, r.entryId, r.position, r.rank, r.rankLow, r.rankHigh, r.normalised, r.rawMean, r.reviewCount, JSON.stringify(r.criterionMeans), r.expectedReviews, r.conflicts, r.possibleConflicts, r.votes);
  }
}

export type RefreshOutcome = 'current' | 'written' | 'superseded' | 'missing';

/**
 * Stores a computed snapshot unless the database already holds one as new or newer (another
 * process got there first) or the published record. 'superseded': written, but the inputs changed
 * while it was computed, so it is already stale.
 */
async function storeSnapshot(computed: ComputedSnapshot, now: Date): Promise<RefreshOutcome> {
  return await transaction(
    async () => {
      const challenge = await readChallenge(computed.header.challengeId);
      if (!challenge) return 'missing';
      const existing = await readSnapshotHeader(challenge.id);
      if (existing?.final && challengePhase(challenge, now) === 'results') return 'current';
      const newer = existing && (existing.inputsVersion > computed.header.inputsVersion || (existing.inputsVersion === computed.header.inputsVersion && existing.phase === computed.header.phase && existing.final === computed.header.final));
      if (!newer) await writeSnapshot(computed, now);
      return challenge.resultsInputsVersion === computed.header.inputsVersion ? 'written' : 'superseded';
    },
    { behavior: 'immediate' },
  );
}

const ATTEMPTS = 2;

/**
 * Brings a challenge's snapshot up to date (the worker task). Idempotent: a current snapshot is
 * left alone. The assignment of N judges per entry is synced first, as the judging pages do, so
 * the expected reviews are those of the current panel. If the inputs change while computing, it
 * tries once more; a challenge that never stands still keeps its newest snapshot, marked stale.
 */
export async function refreshResultsSnapshot(challengeId: number, now: Date): Promise<{ outcome: RefreshOutcome; inputsVersion: number | null }> {
  let outcome: RefreshOutcome = 'missing';
  let inputsVersion: number | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const state = await readSnapshotState(challengeId, now);
    if (!state) return { outcome: 'missing', inputsVersion: null };
    if (state.current) return { outcome: 'current', inputsVersion: state.snapshot?.inputsVersion ?? null };
    const phase = challengePhase(state.challenge, now);
    await syncAssignments(state.challenge, now);
    const computed = await computeSnapshot(challengeId, now, phase === 'results');
    if (!computed) return { outcome: 'missing', inputsVersion: null };
    outcome = await storeSnapshot(computed, now);
    inputsVersion = computed.header.inputsVersion;
    if (outcome !== 'superseded') break;
  }
  return { outcome, inputsVersion };
}

export type PublishProblem = 'notJudging' | 'confirmMissing' | 'busy';

/**
 * Who asked for a change a worker thread makes: an action's actor reduced to what crosses into the
 * thread (plain values; the thread has no session).
 */
export interface WorkerActor {
  actorId: number;
  ip: string | null;
  via: Via;
}

/**
 * The audit entry of a change made in a worker thread, written in the worker's transaction that
 * makes the change. Everywhere else the action writes the audit entry (app/actions/audit.server.ts)
 * in its own transaction; publishing cannot, because the check and the write happen in the one
 * transaction that stores the final snapshot, on the worker's own connection. The fields are those
 * the actions' `audit()` writes, `via` included when it is not the web.
 */
async function auditFromWorker(actor: WorkerActor, entry: { action: string; targetType: string; targetId: number; details: Record<string, unknown> }): Promise<void> {
  await recordAudit({ ...entry, actorId: actor.actorId, details: actor.via === 'web' ? entry.details : { ...entry.details, via: actor.via }, ip: actor.ip });
}

/**
 * Publishes the results (a worker task): computes the final snapshot and, in the one transaction
 * that stores it, checks the challenge is still being judged, that nothing changed since the read,
 * and that the organiser confirmed the exact number of missing reviews; then marks the results
 * published and writes the audit entry. The published record is therefore exactly what was
 * computed from the inputs at the moment of publication.
 */
export async function publishResultsSnapshot(input: { challengeId: number; actor: WorkerActor; confirmedMissing: number | null; now: Date }): Promise<{ ok: true } | { ok: false; problem: PublishProblem; missing?: number }> {
  const { challengeId, now } = input;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const computed = await computeSnapshot(challengeId, now, true);
    if (!computed) return { ok: false, problem: 'notJudging' };
    const result = await transaction(
      async (db): Promise<{ ok: true } | { ok: false; problem: PublishProblem; missing?: number } | 'retry'> => {
        const challenge = await readChallenge(challengeId);
        if (!challenge || challengePhase(challenge, now) !== 'judging') return { ok: false, problem: 'notJudging' };
        if (challenge.resultsInputsVersion !== computed.header.inputsVersion) return 'retry';
        const missing = computed.header.missingReviews;
        if (missing > 0 && input.confirmedMissing !== missing) return { ok: false, problem: 'confirmMissing', missing };
        await writeSnapshot(computed, now);
        await db.update(challenges).set({ resultsPublishedAt: now, updatedAt: now }).where(eq(challenges.id, challengeId));
        await auditFromWorker(input.actor, { action: 'results.publish', targetType: 'challenge', targetId: challengeId, details: { missingReviews: missing, inputsVersion: computed.header.inputsVersion } });
        return { ok: true };
      },
      { behavior: 'immediate' },
    );
    if (result !== 'retry') return result;
  }
  return { ok: false, problem: 'busy' };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The stored snapshot turned back into `computeResults`' shape (tests, and checking a record). */
export async function readSnapshotResults(challengeId: number): Promise<ChallengeResults | undefined> {
  return await transaction(async (db) => {
    const header = await readSnapshotHeader(challengeId);
    if (!header) return undefined;
    const rows = await db.select().from(resultEntries).where(eq(resultEntries.challengeId, challengeId)).orderBy(asc(resultEntries.position));
    return { entries: rows.map(toEntryResult), judges: header.judges, agreement: header.agreement };
  }, { behavior: 'deferred' });
}

export function toEntryResult(row: SnapshotRow): EntryResult {
  return {
    entryId: row.entryId,
    reviewCount: row.reviewCount,
    criterionMeans: row.criterionMeans,
    rawMean: row.rawMean,
    normalised: row.normalised,
    rank: row.rank,
    rankInterval: row.rankLow === null || row.rankHigh === null ? null : { low: row.rankLow, high: row.rankHigh },
  };
}

export type RankingFilter = 'all' | 'incomplete' | 'conflicts';

/**
 * One page of the ranking, each filter served by its own index (see the schema): the whole list is
 * a range of positions, the two filters are partial indexes in ranking order.
 */
export async function readRankingPage(challengeId: number, filter: RankingFilter, offset: number, limit: number): Promise<SnapshotRow[]> {
  const db = getDb();
  const query = db.select().from(resultEntries);
  if (filter === 'all') {
    // Positions are contiguous from 0, so a page is a range seek rather than an OFFSET walk.
    return await query
      .where(and(eq(resultEntries.challengeId, challengeId), gte(resultEntries.position, offset)))
      .orderBy(asc(resultEntries.position))
      .limit(limit);
  }
  // Written exactly as the partial indexes' conditions, so SQLite uses them.
  const condition = filter === 'incomplete' ? sql`${resultEntries.reviewCount} < ${resultEntries.expectedReviews}` : sql`${resultEntries.conflicts} + ${resultEntries.possibleConflicts} > 0`;
  return await query
    .where(and(eq(resultEntries.challengeId, challengeId), condition))
    .orderBy(asc(resultEntries.position))
    .limit(limit)
    .offset(offset);
}

/** The first rows of the ranking (the awards form offers these). */
export async function readTopEntries(challengeId: number, limit: number): Promise<SnapshotRow[]> {
  return await readRankingPage(challengeId, 'all', 0, limit);
}

export async function readSnapshotEntry(challengeId: number, entryId: number): Promise<SnapshotRow | undefined> {
  return (await getDb()
    .select()
    .from(resultEntries)
    .where(and(eq(resultEntries.challengeId, challengeId), eq(resultEntries.entryId, entryId))).limit(1))[0];
}

export async function readSnapshotEntries(challengeId: number, entryIds: number[]): Promise<SnapshotRow[]> {
  if (entryIds.length === 0) return [];
  return await getDb()
    .select()
    .from(resultEntries)
    .where(and(eq(resultEntries.challengeId, challengeId), inArray(resultEntries.entryId, entryIds)));
}

/** Entries in id order (the public list), by the primary key. */
export async function readEntriesById(challengeId: number, offset: number, limit: number): Promise<SnapshotRow[]> {
  return await getDb()
    .select()
    .from(resultEntries)
    .where(eq(resultEntries.challengeId, challengeId))
    .orderBy(asc(resultEntries.entryId))
    .limit(limit)
    .offset(offset);
}

/** The most-voted entries of a published record, most votes first (ties by entry id). */
export async function readMostVoted(challengeId: number, limit: number): Promise<{ entryId: number; votes: number }[]> {
  return await getDb()
    .select({ entryId: resultEntries.entryId, votes: sql<number>`${resultEntries.votes}` })
    .from(resultEntries)
    .where(and(eq(resultEntries.challengeId, challengeId), sql`${resultEntries.votes} IS NOT NULL`))
    .orderBy(sql`${resultEntries.votes} DESC`, asc(resultEntries.entryId))
    .limit(limit);
}
