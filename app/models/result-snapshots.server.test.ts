import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { challenges } from '../../db/tables';
import { insertJudgedChallenge, type JudgedChallenge } from '../../tests/helpers/judged-challenge';
import { computeResults } from '~/lib/scoring';
import { ensureResultsSnapshot } from '~/services/results-refresh.server';
import { stopWorkers, WorkerPool } from '~/services/workers/pool.server';
import { createDepartment } from './departments.server';
import { countMissingReviews, reviewPairs } from './judging.server';
import {
  bootstrapFor,
  groupReviews,
  publishResultsSnapshot,
  readCompletedScores,
  readRankingPage,
  readSnapshotHeader,
  readSnapshotResults,
  readSnapshotState,
  refreshResultsSnapshot,
} from './result-snapshots.server';

const sqlite = () => getDb().$client;
const version = (challengeId: number) => (sqlite().prepare('SELECT results_inputs_version AS v FROM challenges WHERE id = ?').get(challengeId) as { v: number }).v;
let departmentId: number;

/** Today's computation, from the plain read of the scores: what every snapshot must equal. */
async function reference(challengeId: number) {
  const criteria = sqlite().prepare('SELECT id, weight, max_score AS maxScore FROM criteria WHERE challenge_id = ? ORDER BY position, id').all(challengeId) as { id: number; weight: number; maxScore: number }[];
  const entryIds = (sqlite().prepare("SELECT id FROM submissions WHERE challenge_id = ? AND status = 'submitted'").all(challengeId) as { id: number }[]).map((r) => r.id);
  return computeResults({ criteria, entryIds, reviews: groupReviews(await readCompletedScores(challengeId)), bootstrap: bootstrapFor(challengeId) });
}
let big: JudgedChallenge;

beforeAll(async () => {
  await applyMigrations(getDb());
  departmentId = (await createDepartment({ slug: 'transport', name: '交通运输局' })).id;
  big = insertJudgedChallenge(sqlite(), { slug: 'snapshot-big', departmentId, entries: 300, judges: 12, perEntry: 3 });
});

afterAll(() => stopWorkers());

/** Changes a stored value with SQL and reports how far the challenge's counter moved. */
function bumps(challengeId: number, change: () => void): number {
  const before = version(challengeId);
  change();
  return version(challengeId) - before;
}

describe('the results snapshot', () => {
  it('stores exactly what computeResults returns, with coverage and conflict counts beside it', async () => {
    const now = new Date();
    expect((await refreshResultsSnapshot(big.challengeId, now)).outcome).toBe('written');
    const expected = await reference(big.challengeId);
    expect(await readSnapshotResults(big.challengeId)).toEqual(expected);
    expect(expected.entries.filter((e) => e.rankInterval !== null).length).toBeGreaterThan(250);

    const header = (await readSnapshotHeader(big.challengeId))!;
    const challenge = getDb().select().from(challenges).where(eq(challenges.id, big.challengeId)).get()!;
    expect(header).toMatchObject({ inputsVersion: challenge.resultsInputsVersion, phase: 'judging', final: false, entryCount: 300, bootstrap: { iterations: 300, seed: big.challengeId } });
    expect(header.missingReviews).toBe(await countMissingReviews(challenge));
    expect(header.missingReviews).toBeGreaterThan(0);
    const pairs = await reviewPairs(challenge);
    const all = await readRankingPage(big.challengeId, 'all', 0, 1000);
    expect(all.map((r) => r.position)).toEqual(all.map((_, i) => i));
    for (const row of all) expect(row.expectedReviews).toBe(pairs.filter((p) => p.entryId === row.entryId).length);
    // The conflicted entries and the first entry (its team shares the first judge's university).
    const flagged = await readRankingPage(big.challengeId, 'conflicts', 0, 1000);
    expect(new Set(flagged.map((r) => r.entryId))).toEqual(new Set([...big.conflicted.map((c) => c.entryId), big.entryIds[0]]));
    expect(header.flaggedCount).toBe(flagged.length);
    const incomplete = await readRankingPage(big.challengeId, 'incomplete', 0, 1000);
    expect(incomplete.length).toBe(header.incompleteCount);
    expect(incomplete.every((r) => r.reviewCount < r.expectedReviews)).toBe(true);
    expect(all.filter((r) => r.reviewCount < r.expectedReviews).map((r) => r.entryId)).toEqual(incomplete.map((r) => r.entryId));
    // Pages of a filter follow the ranking order.
    expect(await readRankingPage(big.challengeId, 'incomplete', 5, 5)).toEqual(incomplete.slice(5, 10));
  });

  it('is current until an input changes, and a changed score makes it stale', async () => {
    const now = new Date();
    expect((await readSnapshotState(big.challengeId, now))?.current).toBe(true);
    expect((await refreshResultsSnapshot(big.challengeId, now)).outcome).toBe('current');
    const review = big.reviews.find((r) => r.completed)!;
    expect(bumps(big.challengeId, () => sqlite().prepare('UPDATE scores SET score = 0 WHERE review_id = ? AND criterion_id = ?').run(review.id, big.criterionIds[0]))).toBe(1);
    expect((await readSnapshotState(big.challengeId, now))?.current).toBe(false);
    expect((await refreshResultsSnapshot(big.challengeId, now)).outcome).toBe('written');
    expect((await readSnapshotState(big.challengeId, now))?.current).toBe(true);
    expect(await readSnapshotResults(big.challengeId)).toEqual(await reference(big.challengeId));
  });

  it('counts only changes that can alter the results', async () => {
    const id = big.challengeId;
    const draft = big.reviews.find((r) => !r.completed)!;
    const done = big.reviews.find((r) => r.completed)!;
    const db = sqlite();
    // Notes, feedback and drafts do not move the counter …
    expect(bumps(id, () => db.prepare("UPDATE reviews SET private_note = '新的备注', feedback = '新的反馈', updated_at = updated_at + 1 WHERE id = ?").run(done.id))).toBe(0);
    expect(bumps(id, () => db.prepare('UPDATE scores SET score = 1 WHERE review_id = ?').run(draft.id))).toBe(0);
    expect(bumps(id, () => db.prepare("UPDATE reviews SET status = 'completed' WHERE id = ?").run(done.id))).toBe(0);
    expect(bumps(id, () => db.prepare("UPDATE submissions SET title = '改名' WHERE id = ?").run(big.entryIds[3]))).toBe(0);
    expect(bumps(id, () => db.prepare('UPDATE challenges SET title = ? WHERE id = ?').run('新标题', id))).toBe(0);
    // … completing a review, conflicts, the panel, assignments, entries, the rubric and e-mail domains do.
    expect(bumps(id, () => db.prepare("UPDATE reviews SET status = 'completed' WHERE id = ?").run(draft.id))).toBeGreaterThan(0);
    expect(bumps(id, () => db.prepare("UPDATE reviews SET status = 'draft' WHERE id = ?").run(draft.id))).toBeGreaterThan(0);
    expect(bumps(id, () => db.prepare("INSERT INTO conflicts (challenge_id, submission_id, judge_id, reason) VALUES (?, ?, ?, '测试')").run(id, big.entryIds[10], big.judgeIds[5]))).toBe(1);
    expect(bumps(id, () => db.prepare('DELETE FROM conflicts WHERE submission_id = ? AND judge_id = ?').run(big.entryIds[10], big.judgeIds[5]))).toBe(1);
    expect(bumps(id, () => db.prepare('UPDATE criteria SET weight = weight + 1 WHERE id = ?').run(big.criterionIds[1]))).toBe(1);
    expect(bumps(id, () => db.prepare("UPDATE submissions SET status = 'withdrawn' WHERE id = ?").run(big.entryIds[7]))).toBe(1);
    expect(bumps(id, () => db.prepare("UPDATE submissions SET status = 'submitted' WHERE id = ?").run(big.entryIds[7]))).toBe(1);
    expect(bumps(id, () => db.prepare('UPDATE challenges SET judges_per_entry = 4 WHERE id = ?').run(id))).toBe(1);
    expect(bumps(id, () => db.prepare('UPDATE challenges SET judges_per_entry = 3 WHERE id = ?').run(id))).toBe(1);
    expect(bumps(id, () => db.prepare("UPDATE users SET email = 'judge1@elsewhere.edu.cn' WHERE id = ?").run(big.judgeIds[1]))).toBe(1);
    expect(bumps(id, () => db.prepare("UPDATE submission_members SET email = 'x@somewhere.org' WHERE submission_id = ?").run(big.entryIds[2]))).toBe(1);
    expect(bumps(id, () => db.prepare('DELETE FROM judge_assignments WHERE submission_id = ? AND judge_id = ?').run(done.entryId, done.judgeId))).toBe(1);
    // Removing a judge takes their reviews out of the ranking.
    const judgeRow = db.prepare('SELECT id FROM challenge_judges WHERE challenge_id = ? AND user_id = ?').get(id, big.judgeIds[11]) as { id: number };
    expect(bumps(id, () => db.prepare('DELETE FROM challenge_judges WHERE id = ?').run(judgeRow.id))).toBe(1);
    // Deleting a completed review (here through its judge's account) counts too.
    expect(bumps(id, () => db.prepare('DELETE FROM reviews WHERE id = ?').run(done.id))).toBeGreaterThan(0);
    // Other challenges are not touched.
    const other = insertJudgedChallenge(db, { slug: 'snapshot-other', departmentId, entries: 5, judges: 2, perEntry: 1 });
    expect(bumps(id, () => db.prepare('UPDATE scores SET score = 0 WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ?)').run(other.entryIds[0]))).toBe(0);
    const now = new Date();
    await refreshResultsSnapshot(id, now);
    expect(await readSnapshotResults(id)).toEqual(await reference(id));
  });

  it('never replaces a newer snapshot, and a published one not at all', async () => {
    const small = insertJudgedChallenge(sqlite(), { slug: 'snapshot-publish', departmentId, entries: 30, judges: 4, perEntry: 2, peoplesChoice: true });
    const now = new Date();
    await refreshResultsSnapshot(small.challengeId, now);
    const missing = (await readSnapshotHeader(small.challengeId))!.missingReviews;
    expect(missing).toBeGreaterThan(0);
    sqlite().prepare('INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)').run('voter@example.org', '投票人', 'x');
    const voter = (sqlite().prepare("SELECT id FROM users WHERE email = 'voter@example.org'").get() as { id: number }).id;
    sqlite().prepare('INSERT INTO votes (challenge_id, user_id, submission_id) VALUES (?, ?, ?)').run(small.challengeId, voter, small.entryIds[4]);

    expect(await publishResultsSnapshot({ challengeId: small.challengeId, actor: { actorId: voter, ip: null, via: 'web' }, confirmedMissing: missing + 1, now })).toEqual({ ok: false, problem: 'confirmMissing', missing });
    expect(await publishResultsSnapshot({ challengeId: small.challengeId, actor: { actorId: voter, ip: null, via: 'web' }, confirmedMissing: missing, now })).toEqual({ ok: true });
    const published = (await readSnapshotHeader(small.challengeId))!;
    expect(published).toMatchObject({ final: true, phase: 'results', missingReviews: missing });
    const rows = await readRankingPage(small.challengeId, 'all', 0, 100);
    expect(rows.find((r) => r.entryId === small.entryIds[4])?.votes).toBe(1);
    expect(rows.filter((r) => r.votes === 0)).toHaveLength(29);
    const audit = sqlite().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'results.publish' AND target_id = ?").get(String(small.challengeId)) as { n: number };
    expect(audit.n).toBe(1);

    // An account deleted afterwards takes its reviews with it, but the published record stands.
    const later = new Date(now.getTime() + 1000);
    sqlite().prepare('DELETE FROM users WHERE id = ?').run(small.judgeIds[0]);
    expect((await readSnapshotState(small.challengeId, later))?.current).toBe(true);
    expect((await refreshResultsSnapshot(small.challengeId, later)).outcome).toBe('current');
    expect((await readSnapshotHeader(small.challengeId))?.computedAt).toEqual(published.computedAt);
  });
});

describe('in a worker thread', () => {
  it('computes the same snapshot as in process', async () => {
    const pool = new WorkerPool(1);
    try {
      const challenge = insertJudgedChallenge(sqlite(), { slug: 'snapshot-worker', departmentId, entries: 120, judges: 6, perEntry: 3, seed: 11 });
      const outcome = await pool.run('computeResultsSnapshot', { challengeId: challenge.challengeId, now: Date.now() });
      expect(outcome).toEqual({ outcome: 'written', inputsVersion: version(challenge.challengeId) });
      expect(await readSnapshotResults(challenge.challengeId)).toEqual(await reference(challenge.challengeId));
    } finally {
      await pool.stop();
    }
  });

  it('is what a page waits for: one computation however many ask at once', async () => {
    const challenge = insertJudgedChallenge(sqlite(), { slug: 'snapshot-ensure', departmentId, entries: 60, judges: 4, perEntry: 2, seed: 5 });
    const now = new Date();
    const answers = await Promise.all([1, 2, 3].map(() => ensureResultsSnapshot(
challenge.challengeId, { now, waitMs: 60_000 })));
    expect(answers.map((a) => a.status)).toEqual(['current', 'current', 'current']);
    expect(new Set(answers.map((a) => a.snapshot?.computedAt.getTime())).size).toBe(1);
    expect(await readSnapshotResults(challenge.challengeId)).toEqual(await reference(challenge.challengeId));
    // Without time to wait, a stale snapshot is served as it is while the worker recomputes.
    sqlite().prepare('UPDATE scores SET score = 0 WHERE review_id = (SELECT id FROM reviews WHERE submission_id = ? AND status = ? LIMIT 1)').run(challenge.entryIds[0], 'completed');
    const stale = await ensureResultsSnapshot(challenge.challengeId, { now, waitMs: 0 });
    expect(stale.status).toBe('stale');
    const fresh = await ensureResultsSnapshot(challenge.challengeId, { now, waitMs: 60_000 });
    expect(fresh.status).toBe('current');
  });
});
