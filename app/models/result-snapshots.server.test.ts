import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { challenges } from '../../db/tables';
import { insertJudgedChallenge, type JudgedChallenge } from '../../tests/helpers/judged-challenge';
import { runSql, sqlRows, statement } from '../../tests/helpers/sql';
import { computeResults } from '~/lib/scoring';
import { ensureResultsSnapshot } from '~/services/results-refresh.server';
import { stopWorkers, WorkerPool } from '~/services/workers/pool.server';
import { createDepartment } from './departments.server';
import { exportResultsForOrganiser } from './results.server';
import type { Viewer } from '~/lib/access';
import { countMissingReviews, reviewPairs } from './judging.server';
import {
  bootstrapFor,
  type EnsureSnapshot,
  groupReviews,
  publishResultsSnapshot,
  readCompletedScores,
  readRankingPage,
  readSnapshotHeader,
  readSnapshotResults,
  readSnapshotState,
  refreshResultsSnapshot,
} from './result-snapshots.server';

const version = async (challengeId: number) => (await sqlRows<{ v: number }>(statement('SELECT results_inputs_version AS v FROM challenges WHERE id = ?', challengeId)))[0]!.v;
let departmentId: number;

/** Today's computation, from the plain read of the scores: what every snapshot must equal. */
async function reference(challengeId: number) {
  const criteria = await sqlRows<{ id: number; weight: number; maxScore: number }>(statement('SELECT id, weight, max_score AS "maxScore" FROM criteria WHERE challenge_id = ? ORDER BY position, id', challengeId));
  const entryIds = (await sqlRows<{ id: number }>(statement("SELECT id FROM submissions WHERE challenge_id = ? AND status = 'submitted' ORDER BY id", challengeId))).map((r) => r.id);
  return computeResults({ criteria, entryIds, reviews: groupReviews(await readCompletedScores(challengeId)), bootstrap: bootstrapFor(challengeId) });
}
let big: JudgedChallenge;

beforeAll(async () => {
  await applyMigrations(getDb());
  departmentId = (await createDepartment({ slug: 'transport', name: '交通运输局' })).id;
  big = await insertJudgedChallenge(getDb(), { slug: 'snapshot-big', departmentId, entries: 300, judges: 12, perEntry: 3 });
});

afterAll(() => stopWorkers());

/** Changes a stored value with SQL and reports how far the challenge's counter moved. */
async function bumps(challengeId: number, change: () => Promise<unknown>): Promise<number> {
  const before = await version(challengeId);
  await change();
  return (await version(challengeId)) - before;
}

describe('the results snapshot', () => {
  it('stores exactly what computeResults returns, with coverage and conflict counts beside it', async () => {
    const now = new Date();
    expect((await refreshResultsSnapshot(big.challengeId, now)).outcome).toBe('written');
    const expected = await reference(big.challengeId);
    expect(await readSnapshotResults(big.challengeId)).toEqual(expected);
    expect(expected.entries.filter((e) => e.rankInterval !== null).length).toBeGreaterThan(250);

    const header = (await readSnapshotHeader(big.challengeId))!;
    const challenge = (await getDb().select().from(challenges).where(eq(challenges.id, big.challengeId)))[0]!;
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
    expect(await bumps(big.challengeId, () => runSql(statement('UPDATE scores SET score = 0 WHERE review_id = ? AND criterion_id = ?', review.id, big.criterionIds[0])))).toBe(1);
    expect((await readSnapshotState(big.challengeId, now))?.current).toBe(false);
    expect((await refreshResultsSnapshot(big.challengeId, now)).outcome).toBe('written');
    expect((await readSnapshotState(big.challengeId, now))?.current).toBe(true);
    expect(await readSnapshotResults(big.challengeId)).toEqual(await reference(big.challengeId));
  });

  it('counts only changes that can alter the results', async () => {
    const id = big.challengeId;
    const draft = big.reviews.find((r) => !r.completed)!;
    const done = big.reviews.find((r) => r.completed)!;
    // Notes, feedback and drafts do not move the counter …
    expect(await bumps(id, () => runSql(statement("UPDATE reviews SET private_note = '新的备注', feedback = '新的反馈' WHERE id = ?", done.id)))).toBe(0);
    expect(await bumps(id, () => runSql(statement('UPDATE scores SET score = 1 WHERE review_id = ?', draft.id)))).toBe(0);
    expect(await bumps(id, () => runSql(statement("UPDATE reviews SET status = 'completed' WHERE id = ?", done.id)))).toBe(0);
    expect(await bumps(id, () => runSql(statement("UPDATE submissions SET title = '改名' WHERE id = ?", big.entryIds[3])))).toBe(0);
    expect(await bumps(id, () => runSql(statement('UPDATE challenges SET title = ? WHERE id = ?', '新标题', id)))).toBe(0);
    // … completing a review, conflicts, the panel, assignments, entries, the rubric and e-mail domains do.
    expect(await bumps(id, () => runSql(statement("UPDATE reviews SET status = 'completed' WHERE id = ?", draft.id)))).toBeGreaterThan(0);
    expect(await bumps(id, () => runSql(statement("UPDATE reviews SET status = 'draft' WHERE id = ?", draft.id)))).toBeGreaterThan(0);
    expect(await bumps(id, () => runSql(statement("INSERT INTO conflicts (challenge_id, submission_id, judge_id, reason) VALUES (?, ?, ?, '测试')", id, big.entryIds[10], big.judgeIds[5])))).toBe(1);
    expect(await bumps(id, () => runSql(statement('DELETE FROM conflicts WHERE submission_id = ? AND judge_id = ?', big.entryIds[10], big.judgeIds[5])))).toBe(1);
    expect(await bumps(id, () => runSql(statement('UPDATE criteria SET weight = weight + 1 WHERE id = ?', big.criterionIds[1])))).toBe(1);
    expect(await bumps(id, () => runSql(statement("UPDATE submissions SET status = 'withdrawn' WHERE id = ?", big.entryIds[7])))).toBe(1);
    expect(await bumps(id, () => runSql(statement("UPDATE submissions SET status = 'submitted' WHERE id = ?", big.entryIds[7])))).toBe(1);
    expect(await bumps(id, () => runSql(statement('UPDATE challenges SET judges_per_entry = 4 WHERE id = ?', id)))).toBe(1);
    expect(await bumps(id, () => runSql(statement('UPDATE challenges SET judges_per_entry = 3 WHERE id = ?', id)))).toBe(1);
    expect(await bumps(id, () => runSql(statement("UPDATE users SET email = 'judge1@elsewhere.edu.cn' WHERE id = ?", big.judgeIds[1])))).toBe(1);
    expect(await bumps(id, () => runSql(statement("UPDATE submission_members SET email = 'x@somewhere.org' WHERE submission_id = ?", big.entryIds[2])))).toBe(1);
    expect(await bumps(id, () => runSql(statement('DELETE FROM judge_assignments WHERE submission_id = ? AND judge_id = ?', done.entryId, done.judgeId)))).toBe(1);
    // Removing a judge takes their reviews out of the ranking.
    const [judgeRow] = await sqlRows<{ id: number }>(statement('SELECT id FROM challenge_judges WHERE challenge_id = ? AND user_id = ?', id, big.judgeIds[11]));
    expect(await bumps(id, () => runSql(statement('DELETE FROM challenge_judges WHERE id = ?', judgeRow!.id)))).toBe(1);
    // Deleting a completed review (here through its judge's account) counts too.
    expect(await bumps(id, () => runSql(statement('DELETE FROM reviews WHERE id = ?', done.id)))).toBeGreaterThan(0);
    // Other challenges are not touched.
    const other = await insertJudgedChallenge(getDb(), { slug: 'snapshot-other', departmentId, entries: 5, judges: 2, perEntry: 1 });
    expect(await bumps(id, () => runSql(statement('UPDATE scores SET score = 0 WHERE review_id IN (SELECT id FROM reviews WHERE submission_id = ?)', other.entryIds[0])))).toBe(0);
    const now = new Date();
    await refreshResultsSnapshot(id, now);
    expect(await readSnapshotResults(id)).toEqual(await reference(id));
  });

  it('never replaces a newer snapshot, and a published one not at all', async () => {
    const small = await insertJudgedChallenge(getDb(), { slug: 'snapshot-publish', departmentId, entries: 30, judges: 4, perEntry: 2, peoplesChoice: true });
    const now = new Date();
    await refreshResultsSnapshot(small.challengeId, now);
    const missing = (await readSnapshotHeader(small.challengeId))!.missingReviews;
    expect(missing).toBeGreaterThan(0);
    await runSql(statement('INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)', 'voter@example.org', '投票人', 'x'));
    const voter = (await sqlRows<{ id: number }>(statement("SELECT id FROM users WHERE email = 'voter@example.org'")))[0]!.id;
    await runSql(statement('INSERT INTO votes (challenge_id, user_id, submission_id) VALUES (?, ?, ?)', small.challengeId, voter, small.entryIds[4]));

    expect(await publishResultsSnapshot({ challengeId: small.challengeId, actor: { actorId: voter, ip: null, via: 'web' }, confirmedMissing: missing + 1, now })).toEqual({ ok: false, problem: 'confirmMissing', missing });
    expect(await publishResultsSnapshot({ challengeId: small.challengeId, actor: { actorId: voter, ip: null, via: 'web' }, confirmedMissing: missing, now })).toEqual({ ok: true });
    const published = (await readSnapshotHeader(small.challengeId))!;
    expect(published).toMatchObject({ final: true, phase: 'results', missingReviews: missing });
    const rows = await readRankingPage(small.challengeId, 'all', 0, 100);
    expect(rows.find((r) => r.entryId === small.entryIds[4])?.votes).toBe(1);
    expect(rows.filter((r) => r.votes === 0)).toHaveLength(29);
    const [audit] = await sqlRows<{ n: number }>(statement("SELECT count(*) AS n FROM audit_log WHERE action = 'results.publish' AND target_id = ?", String(small.challengeId)));
    expect(audit!.n).toBe(1);

    // An account deleted afterwards takes its reviews with it, but the published record stands.
    const later = new Date(now.getTime() + 1000);
    await runSql(statement('DELETE FROM users WHERE id = ?', small.judgeIds[0]));
    expect((await readSnapshotState(small.challengeId, later))?.current).toBe(true);
    expect((await refreshResultsSnapshot(small.challengeId, later)).outcome).toBe('current');
    expect((await readSnapshotHeader(small.challengeId))?.computedAt).toEqual(published.computedAt);
  });

  it('exports every row of the snapshot in ranking order, with teams and votes, however it is read', async () => {
    const small = await insertJudgedChallenge(getDb(), { slug: 'snapshot-export', departmentId, entries: 1200, judges: 6, perEntry: 1, peoplesChoice: true, seed: 3 });
    await refreshResultsSnapshot(small.challengeId, new Date());
    const admin: Viewer = { id: small.judgeIds[0]!, role: 'admin', departmentId: null };
    const ensure: EnsureSnapshot = async (id) => ({ status: 'current', snapshot: await readSnapshotHeader(id) });
    const exported = await exportResultsForOrganiser(admin, small.slug, ensure);
    if (!exported || exported.status === 'missing') throw new Error('no export');
    const rows: { entryId: number; members: string[]; votes: number }[] = [];
    for await (const row of exported.rows) rows.push(row);
    const ranking = await readRankingPage(small.challengeId, 'all', 0, 2000);
    // More rows than one batch of the export.
    expect(rows).toHaveLength(1200);
    expect(rows.map((r) => r.entryId)).toEqual(ranking.map((r) => r.entryId));
    expect(rows.find((r) => r.entryId === small.entryIds[7])?.members).toEqual(['队长7']);
    expect(rows.every((r) => r.votes === 0)).toBe(true);
  });
});

describe('in a worker thread', () => {
  it('computes the same snapshot as in process', async () => {
    const pool = new WorkerPool(1);
    try {
      const challenge = await insertJudgedChallenge(getDb(), { slug: 'snapshot-worker', departmentId, entries: 120, judges: 6, perEntry: 3, seed: 11 });
      const outcome = await pool.run('computeResultsSnapshot', { challengeId: challenge.challengeId, now: Date.now() });
      expect(outcome).toEqual({ outcome: 'written', inputsVersion: await version(challenge.challengeId) });
      expect(await readSnapshotResults(challenge.challengeId)).toEqual(await reference(challenge.challengeId));
    } finally {
      await pool.stop();
    }
  });

  it('is what a page waits for: one computation however many ask at once', async () => {
    const challenge = await insertJudgedChallenge(getDb(), { slug: 'snapshot-ensure', departmentId, entries: 60, judges: 4, perEntry: 2, seed: 5 });
    const now = new Date();
    const answers = await Promise.all([1, 2, 3].map(() => ensureResultsSnapshot(
challenge.challengeId, { now, waitMs: 60_000 })));
    expect(answers.map((a) => a.status)).toEqual(['current', 'current', 'current']);
    expect(new Set(answers.map((a) => a.snapshot?.computedAt.getTime())).size).toBe(1);
    expect(await readSnapshotResults(challenge.challengeId)).toEqual(await reference(challenge.challengeId));
    // Without time to wait, a stale snapshot is served as it is while the worker recomputes.
    await runSql(statement('UPDATE scores SET score = 0 WHERE review_id = (SELECT id FROM reviews WHERE submission_id = ? AND status = ? LIMIT 1)', challenge.entryIds[0], 'completed'));
    const stale = await ensureResultsSnapshot(challenge.challengeId, { now, waitMs: 0 });
    expect(stale.status).toBe('stale');
    const fresh = await ensureResultsSnapshot(challenge.challengeId, { now, waitMs: 60_000 });
    expect(fresh.status).toBe('current');
  });
});
