import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { challenges, conflicts, reviews, users } from '../../db/tables';
import { insertJudgedChallenge, type JudgedChallenge } from '../../tests/helpers/judged-challenge';
import type { Viewer } from '~/lib/access';
import { createDepartment } from './departments.server';
import { ASSIGNMENT_RECHECK_MS, getJudgingOverview, getReviewForJudge, judgeQueue, QUEUE_PAGE_SIZE, reviewPairs, syncAssignments, type ReviewState } from './judging.server';

const challengeRow = async (id: number) => (await getDb().select().from(challenges).where(eq(challenges.id, id)))[0]!;
const judge = (id: number): Viewer => ({ id, role: 'participant', departmentId: null }) as Viewer;
const admin = (): Viewer => ({ id: 1, role: 'admin', departmentId: null }) as Viewer;
const RANK: Record<ReviewState, number> = { none: 0, draft: 1, completed: 2 };

let big: JudgedChallenge;

beforeAll(async () => {
  await applyMigrations(getDb());
  const departmentId = (await createDepartment({ slug: 'transport', name: '交通运输局' })).id;
  await getDb().insert(users).values({ email: 'admin@example.test', name: '管理员', passwordHash: 'x', role: 'admin' });
  big = await insertJudgedChallenge(getDb(), { slug: 'queue-big', departmentId, entries: 240, judges: 6, perEntry: 2, completed: 0.5 });
});

/** What a judge's queue must hold, worked out from the full list of pairs and their reviews. */
async function expectedQueue(challengeId: number, judgeId: number) {
  const state = new Map<number, ReviewState>();
  for (const row of await getDb().select({ entryId: reviews.submissionId, status: reviews.status }).from(reviews).where(eq(reviews.judgeId, judgeId))) {
    state.set(row.entryId, row.status);
  }
  return (await reviewPairs(await challengeRow(challengeId)))
    .filter((p) => p.judgeId === judgeId)
    .map((p) => ({ id: p.entryId, state: state.get(p.entryId) ?? 'none' }))
    .sort((a, b) => RANK[a.state] - RANK[b.state] || a.id - b.id);
}

describe("a judge's queue on a large challenge", () => {
  it('pages through exactly the assigned entries, unreviewed first, with the counts of each state', async () => {
    const now = new Date();
    await syncAssignments(await challengeRow(big.challengeId), now);
    const judgeId = big.judgeIds[1]!;
    const expected = await expectedQueue(big.challengeId, judgeId);
    expect(expected.length).toBeGreaterThan(QUEUE_PAGE_SIZE);
    expect(new Set(expected.map((e) => e.state)).size).toBe(3);

    const first = (await judgeQueue(judge(judgeId), 'queue-big', now, 1))!;
    expect(first.total).toBe(expected.length);
    expect(first.counts).toEqual({
      none: expected.filter((e) => e.state === 'none').length,
      draft: expected.filter((e) => e.state === 'draft').length,
      completed: expected.filter((e) => e.state === 'completed').length,
    });
    expect(first.pages).toBe(Math.ceil(expected.length / QUEUE_PAGE_SIZE));
    const seen = [];
    for (let page = 1; page <= first.pages; page += 1) seen.push(...(await judgeQueue(judge(judgeId), 'queue-big', now, page))!.entries.map((e) => ({ id: e.id, state: e.state })));
    expect(seen).toEqual(expected);
    // A page past the end shows the last one rather than nothing.
    expect((await judgeQueue(judge(judgeId), 'queue-big', now, 999))!.page).toBe(first.pages);
  });

  it('offers the next waiting entry after the one being reviewed', async () => {
    const now = new Date();
    const judgeId = big.judgeIds[2]!;
    const waiting = (await expectedQueue(big.challengeId, judgeId)).filter((e) => e.state !== 'completed');
    const review = (await getReviewForJudge(judge(judgeId), 'queue-big', waiting[0]!.id, now))!;
    expect(review.nextEntryId).toBe(waiting[1]!.id);
  });

  it('sees a conflict written by another process within seconds, and deals the entry to another judge', async () => {
    const now = new Date();
    const judgeId = big.judgeIds[3]!;
    const before = await expectedQueue(big.challengeId, judgeId);
    await judgeQueue(judge(judgeId), 'queue-big', now, 1);
    const entryId = before.find((e) => e.state === 'none')!.id;
    const judgesBefore = (await reviewPairs(await challengeRow(big.challengeId))).filter((p) => p.entryId === entryId).length;
    await getDb().insert(conflicts).values({ challengeId: big.challengeId, submissionId: entryId, judgeId, source: 'organiser', reason: '同一单位', createdAt: now });

    // The queue leaves the conflicted entry out at once; the place is dealt again at the next check.
    expect((await judgeQueue(judge(judgeId), 'queue-big', now, 1))!.total).toBe(before.length - 1);
    const later = new Date(now.getTime() + ASSIGNMENT_RECHECK_MS);
    const after = (await judgeQueue(judge(judgeId), 'queue-big', later, 1))!;
    expect(after.total).toBe(before.length - 1);
    expect(after.entries.map((e) => e.id)).not.toContain(entryId);
    expect((await reviewPairs(await challengeRow(big.challengeId))).filter((p) => p.entryId === entryId).length).toBe(judgesBefore);
  });

  it("gives the organiser each judge's load, the totals and a bounded page whatever the entry count", async () => {
    const now = new Date();
    const overview = (await getJudgingOverview(admin(), 'queue-big', now))!;
    const pairs = await reviewPairs(await challengeRow(big.challengeId));
    const completed = new Set(
      (await getDb().select({ entryId: reviews.submissionId, judgeId: reviews.judgeId }).from(reviews).where(eq(reviews.status, 'completed'))).map((r) => `${r.entryId}:${r.judgeId}`),
    );
    expect(overview.totals).toEqual({ pairs: pairs.length, completed: pairs.filter((p) => completed.has(`${p.entryId}:${p.judgeId}`)).length });
    for (const j of overview.judges) expect(j.assigned).toBe(pairs.filter((p) => p.judgeId === j.userId).length);
    expect(overview.entryCount).toBe(240);
    // Too many entries for a list: the organiser types the entry's number instead.
    expect(overview.entries).toBeNull();
    expect(overview.shortfallCount).toBe(0);
  });

  it('reports the entries a too-small panel cannot cover', async () => {
    const now = new Date();
    await getDb().update(challenges).set({ judgesPerEntry: 7 }).where(eq(challenges.id, big.challengeId));
    const overview = (await getJudgingOverview(admin(), 'queue-big', now))!;
    // Six judges cannot give every entry seven; entries with a conflict are short by two.
    expect(overview.shortfallCount).toBe(240);
    expect(overview.shortfall.length).toBe(10);
    expect(overview.shortfall.every((s) => s.missing >= 1)).toBe(true);
    expect((await syncAssignments(await challengeRow(big.challengeId), now)).shortfall.length).toBe(240);
  });
});
