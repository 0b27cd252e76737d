import { describe, expect, it } from 'vitest';
import { assignJudges, type Pair } from './assignment';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const key = (p: Pair) => `${p.entryId}:${p.judgeId}`;

function loads(assignments: Pair[], judgeIds: number[]): number[] {
  return judgeIds.map((j) => assignments.filter((a) => a.judgeId === j).length);
}

function judgesOn(assignments: Pair[], entryId: number): number[] {
  return assignments.filter((a) => a.entryId === entryId).map((a) => a.judgeId);
}

describe('assignJudges', () => {
  it('spreads 20 slots over 4 judges evenly: 5 each', () => {
    // 10 entries × N = 2 = 20 slots; 20 / 4 judges = 5.
    const judgeIds = [11, 12, 13, 14];
    const result = assignJudges({ entryIds: range(1, 10), judgeIds, perEntry: 2, conflicts: [], existing: [] });
    expect(result.assignments).toHaveLength(20);
    expect(loads(result.assignments, judgeIds)).toEqual([5, 5, 5, 5]);
    expect(result.added).toEqual(result.assignments);
    expect(result.removed).toEqual([]);
    expect(result.shortfall).toEqual([]);
  });

  it('keeps loads within one of each other when the slots do not divide evenly', () => {
    // 7 entries × N = 2 = 14 slots over 3 judges: 5, 5, 4 in some order.
    const judgeIds = [1, 2, 3];
    const { assignments } = assignJudges({ entryIds: range(101, 107), judgeIds, perEntry: 2, conflicts: [], existing: [] });
    const l = loads(assignments, judgeIds);
    expect(l.reduce((a, b) => a + b, 0)).toBe(14);
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
  });

  it('breaks load ties from a start that rotates with the entry, not always at the first judge', () => {
    // Existing work leaves judges 7, 8 and 9 with one entry each; entry 3 (position 2) needs one.
    // All loads tie, so the search starts at judge position 2 mod 3 = 2, i.e. judge 9, not 7.
    const result = assignJudges({
      entryIds: [1, 2, 3],
      judgeIds: [7, 8, 9],
      perEntry: 1,
      conflicts: [],
      existing: [
        { entryId: 1, judgeId: 7 },
        { entryId: 1, judgeId: 8 },
        { entryId: 2, judgeId: 9 },
      ],
    });
    expect(result.added).toEqual([{ entryId: 3, judgeId: 9 }]);
  });

  it('never puts a judge twice on one entry', () => {
    const { assignments } = assignJudges({ entryIds: range(1, 9), judgeIds: [1, 2, 3, 4, 5], perEntry: 3, conflicts: [], existing: [] });
    expect(new Set(assignments.map(key)).size).toBe(assignments.length);
    for (const entryId of range(1, 9)) expect(judgesOn(assignments, entryId)).toHaveLength(3);
  });

  it('respects conflicts and still gives the conflicted entry its N judges', () => {
    const conflicts = [
      { entryId: 2, judgeId: 1 },
      { entryId: 2, judgeId: 2 },
    ];
    const result = assignJudges({ entryIds: [1, 2, 3, 4], judgeIds: [1, 2, 3, 4], perEntry: 2, conflicts, existing: [] });
    const taken = new Set(result.assignments.map(key));
    for (const c of conflicts) expect(taken.has(key(c))).toBe(false);
    // Judges 1 and 2 are out, so entry 2 can only have 3 and 4.
    expect(judgesOn(result.assignments, 2)).toEqual([3, 4]);
    expect(result.shortfall).toEqual([]);
  });

  it('serves the most constrained entry first so loads stay even', () => {
    // Judges 1, 2; N = 1; entry 4 conflicts with judge 2, so it must take judge 1.
    // In list order entries 1–3 would go 1, 2, 1 and entry 4 would add a third to judge 1 (3 : 1).
    // Entry 4 first: 4→1, then 1→2, 2→2, 3→1, i.e. 2 : 2.
    const result = assignJudges({
      entryIds: [1, 2, 3, 4],
      judgeIds: [1, 2],
      perEntry: 1,
      conflicts: [{ entryId: 4, judgeId: 2 }],
      existing: [],
    });
    expect(judgesOn(result.assignments, 4)).toEqual([1]);
    expect(loads(result.assignments, [1, 2])).toEqual([2, 2]);
  });

  it('reports a shortfall when too few judges are eligible', () => {
    // 3 judges, N = 3; entry 2 conflicts with judge 3 → 2 eligible, 1 missing.
    const result = assignJudges({
      entryIds: [1, 2],
      judgeIds: [1, 2, 3],
      perEntry: 3,
      conflicts: [{ entryId: 2, judgeId: 3 }],
      existing: [],
    });
    expect(judgesOn(result.assignments, 1)).toEqual([1, 2, 3]);
    expect(judgesOn(result.assignments, 2)).toEqual([1, 2]);
    expect(result.shortfall).toEqual([{ entryId: 2, missing: 1 }]);
  });

  it('gives every eligible judge when N exceeds the number of judges, with the rest as shortfall', () => {
    // 2 judges, N = 4 → 2 missing per entry; entry 3 also conflicts with judge 6 → 3 missing.
    const result = assignJudges({
      entryIds: [1, 2, 3],
      judgeIds: [5, 6],
      perEntry: 4,
      conflicts: [{ entryId: 3, judgeId: 6 }],
      existing: [],
    });
    expect(result.assignments).toEqual([
      { entryId: 1, judgeId: 5 },
      { entryId: 1, judgeId: 6 },
      { entryId: 2, judgeId: 5 },
      { entryId: 2, judgeId: 6 },
      { entryId: 3, judgeId: 5 },
    ]);
    expect(result.shortfall).toEqual([
      { entryId: 1, missing: 2 },
      { entryId: 2, missing: 2 },
      { entryId: 3, missing: 3 },
    ]);
  });

  it('keeps existing assignments and fills around them, preferring the less loaded judges', () => {
    // Judge 1 already holds entries 1–3 (one more than the even share): the new slots go to 2 and 3.
    const existing = [
      { entryId: 1, judgeId: 1 },
      { entryId: 2, judgeId: 1 },
      { entryId: 3, judgeId: 1 },
    ];
    const result = assignJudges({ entryIds: [1, 2, 3, 4], judgeIds: [1, 2, 3], perEntry: 2, conflicts: [], existing });
    for (const pair of existing) expect(result.assignments).toContainEqual(pair);
    expect(result.removed).toEqual([]);
    expect(result.added).toHaveLength(5); // 4 × 2 − 3 kept
    expect(result.added.some((p) => p.judgeId === 1)).toBe(false);
    // 8 slots: judge 1 keeps 3, so 2 and 3 share the other 5 as evenly as possible.
    expect(loads(result.assignments, [1, 2, 3]).sort()).toEqual([2, 3, 3]);
  });

  it('keeps an existing over-assignment rather than trimming it, and adds nothing to it', () => {
    const existing = [1, 2, 3].map((judgeId) => ({ entryId: 1, judgeId }));
    const result = assignJudges({ entryIds: [1], judgeIds: [1, 2, 3, 4], perEntry: 2, conflicts: [], existing });
    expect(result.assignments).toEqual(existing);
    expect(result.added).toEqual([]);
    expect(result.shortfall).toEqual([]);
  });

  it('removes stale and conflicted existing pairs and refills their slots', () => {
    const existing = [
      { entryId: 1, judgeId: 1 },
      { entryId: 1, judgeId: 9 }, // judge no longer on the challenge
      { entryId: 7, judgeId: 2 }, // entry withdrawn
      { entryId: 2, judgeId: 2 }, // now conflicted
      { entryId: 1, judgeId: 1 }, // duplicate row of a kept pair: kept once, not removed
    ];
    const result = assignJudges({
      entryIds: [1, 2],
      judgeIds: [1, 2, 3],
      perEntry: 2,
      conflicts: [{ entryId: 2, judgeId: 2 }],
      existing,
    });
    expect(result.removed).toEqual([
      { entryId: 1, judgeId: 9 },
      { entryId: 7, judgeId: 2 },
      { entryId: 2, judgeId: 2 },
    ]);
    expect(judgesOn(result.assignments, 1)).toHaveLength(2);
    expect(judgesOn(result.assignments, 1)).toContain(1);
    expect(judgesOn(result.assignments, 2)).toEqual([1, 3]);
  });

  it('moves only the conflicted slot when a judge declares a conflict', () => {
    const entryIds = range(1, 12);
    const judgeIds = [1, 2, 3, 4, 5];
    const first = assignJudges({ entryIds, judgeIds, perEntry: 3, conflicts: [], existing: [] });
    const declared = first.assignments.find((p) => p.entryId === 5)!;

    // As the route calls it: the declared pair leaves `existing` and joins `conflicts`.
    const after = assignJudges({
      entryIds,
      judgeIds,
      perEntry: 3,
      conflicts: [declared],
      existing: first.assignments.filter((p) => key(p) !== key(declared)),
    });
    expect(after.removed).toEqual([]);
    expect(after.added).toHaveLength(1);
    const replacement = after.added[0]!;
    expect(replacement.entryId).toBe(5);
    expect(replacement.judgeId).not.toBe(declared.judgeId);
    expect(judgesOn(first.assignments, 5)).not.toContain(replacement.judgeId);
    // Everyone else's work is untouched: the two sets differ by exactly the one swapped pair.
    const before = new Set(first.assignments.map(key));
    const now = new Set(after.assignments.map(key));
    expect([...before].filter((k) => !now.has(k))).toEqual([key(declared)]);
    expect([...now].filter((k) => !before.has(k))).toEqual([key(replacement)]);

    // Passing the pair in `existing` as well gives the same outcome, reported as removed.
    const alsoExisting = assignJudges({ entryIds, judgeIds, perEntry: 3, conflicts: [declared], existing: first.assignments });
    expect(alsoExisting.removed).toEqual([declared]);
    expect(alsoExisting.assignments).toEqual(after.assignments);
  });

  it('is deterministic', () => {
    const input = {
      entryIds: range(1, 15),
      judgeIds: [4, 8, 15, 16, 23, 42],
      perEntry: 3,
      conflicts: [
        { entryId: 3, judgeId: 8 },
        { entryId: 9, judgeId: 42 },
      ],
      existing: [{ entryId: 1, judgeId: 23 }],
    };
    expect(assignJudges(input)).toEqual(assignJudges(structuredClone(input)));
  });
});
