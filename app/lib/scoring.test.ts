import { describe, expect, it } from 'vitest';
import { averageRanks, computeResults, spearman, weightedTotal, type ReviewScores, type RubricCriterion } from './scoring';

/** One criterion out of 100, so a review's total is simply its score: keeps the arithmetic readable. */
const PLAIN: RubricCriterion[] = [{ id: 1, weight: 1, maxScore: 100 }];
const review = (entryId: number, judgeId: number, score: number): ReviewScores => ({ entryId, judgeId, scores: { 1: score } });
/** Reviews by one judge: `scores[entryId] = total`. */
const judge = (judgeId: number, scores: Record<number, number>): ReviewScores[] =>
  Object.entries(scores).map(([entryId, score]) => review(Number(entryId), judgeId, score));

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

const byEntry = (results: ReturnType<typeof computeResults>, entryId: number) => results.entries.find((e) => e.entryId === entryId)!;
const byJudge = (results: ReturnType<typeof computeResults>, judgeId: number) => results.judges.find((j) => j.judgeId === judgeId)!;

describe('weightedTotal', () => {
  const rubric: RubricCriterion[] = [
    { id: 1, weight: 2, maxScore: 10 },
    { id: 2, weight: 1, maxScore: 5 },
  ];

  it('weighs each score as a share of its own maximum', () => {
    // (2·8/10 + 1·4/5) / (2 + 1) · 100 = (1.6 + 0.8) / 3 · 100 = 80
    expect(weightedTotal(rubric, { 1: 8, 2: 4 })).toBe(80);
    // (2·10/10 + 1·0/5) / 3 · 100 = 200/3 ≈ 66.67: full marks on the heavier criterion count double
    expect(weightedTotal(rubric, { 1: 10, 2: 0 })).toBeCloseTo(200 / 3, 6);
    // (2·0/10 + 1·5/5) / 3 · 100 = 100/3 ≈ 33.33
    expect(weightedTotal(rubric, { 1: 0, 2: 5 })).toBeCloseTo(100 / 3, 6);
  });

  it('is null when a criterion has no score, and ignores scores for unknown criteria', () => {
    expect(weightedTotal(rubric, { 1: 8 })).toBeNull();
    expect(weightedTotal(rubric, { 1: 8, 3: 4 })).toBeNull();
    expect(weightedTotal(rubric, { 1: 8, 2: 4, 3: 1 })).toBe(80);
  });

  it('is null when the weights sum to 0', () => {
    expect(weightedTotal([{ id: 1, weight: 0, maxScore: 10 }], { 1: 5 })).toBeNull();
    expect(weightedTotal([], {})).toBeNull();
  });
});

describe('averageRanks and spearman', () => {
  it('gives tied values the mean of their positions', () => {
    // Sorted: 10 (1st), 20 (2nd), 30 and 30 (3rd and 4th → (3 + 4)/2 = 3.5 each)
    expect(averageRanks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
  });

  it('computes ρ on ranks', () => {
    expect(spearman([1, 2, 3], [10, 200, 3000])).toBe(1); // same order, whatever the spacing
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    // Ranks (1..5) vs (2,1,4,3,5): d = −1, 1, −1, 1, 0; Σd² = 4; ρ = 1 − 6·4/(5·(25 − 1)) = 1 − 0.2 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('is null when a side is constant or there is nothing to correlate', () => {
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });
});

describe('computeResults: totals, normalisation and ranking', () => {
  it('ignores a review with a missing criterion score everywhere', () => {
    const rubric: RubricCriterion[] = [
      { id: 1, weight: 2, maxScore: 10 },
      { id: 2, weight: 1, maxScore: 5 },
    ];
    const results = computeResults({
      criteria: rubric,
      entryIds: [1, 2],
      reviews: [
        { entryId: 1, judgeId: 1, scores: { 1: 8, 2: 4 } }, // 80, as above
        { entryId: 1, judgeId: 2, scores: { 1: 6 } }, // criterion 2 missing → no total → ignored
        { entryId: 2, judgeId: 1, scores: { 1: 10, 2: 5 } }, // (2·1 + 1·1)/3·100 = 100
      ],
    });
    const entry1 = byEntry(results, 1);
    expect(entry1.reviewCount).toBe(1);
    expect(entry1.rawMean).toBe(80);
    // Judge 2's 6 does not enter the mean: criterion 1 is judge 1's 8 alone.
    expect(entry1.criterionMeans).toEqual({ 1: 8, 2: 4 });
    // Judge 1: totals 80, 100; mean 90, population sd √((10² + 10²)/2) = 10 → z = −1, +1.
    expect(entry1.normalised).toBe(-1);
    expect(byEntry(results, 2).normalised).toBe(1);
    expect(results.entries.map((e) => [e.entryId, e.rank])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    // Judge 2 is listed (the organiser should see the empty row) but counts for nothing.
    expect(byJudge(results, 2)).toEqual({ judgeId: 2, reviewCount: 0, meanTotal: null, consensusCorrelation: null });
  });

  it('puts a lenient and a strict judge on the same footing', () => {
    // Judge 1 (lenient): 90, 80, 70; judge 2 (strict): 60, 50, 40 for entries 1, 2, 3.
    // Judge 1: mean 80, deviations +10, 0, −10, population sd √((100 + 0 + 100)/3) = √(200/3) ≈ 8.165,
    // so z = +10/8.165, 0, −10/8.165 = +√1.5, 0, −√1.5 ≈ +1.2247, 0, −1.2247.
    // Judge 2: mean 50, the same deviations and sd → the same z.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3],
      reviews: [...judge(1, { 1: 90, 2: 80, 3: 70 }), ...judge(2, { 1: 60, 2: 50, 3: 40 })],
    });
    expect(byEntry(results, 1).normalised).toBeCloseTo(Math.sqrt(1.5), 8); // (√1.5 + √1.5)/2
    expect(byEntry(results, 2).normalised).toBe(0);
    expect(byEntry(results, 3).normalised).toBeCloseTo(-Math.sqrt(1.5), 8);
    // Raw means still differ from the z: (90 + 60)/2 = 75, (80 + 50)/2 = 65, (70 + 40)/2 = 55.
    expect(results.entries.map((e) => [e.entryId, e.rank, e.rawMean])).toEqual([
      [1, 1, 75],
      [2, 2, 65],
      [3, 3, 55],
    ]);
    // Leniency is reported, not hidden: mean totals 80 and 50.
    expect(byJudge(results, 1).meanTotal).toBe(80);
    expect(byJudge(results, 2).meanTotal).toBe(50);
  });

  it('ranks a strict judge’s best entry above a lenient judge’s middling one', () => {
    // Judge 1 scores entries 1–3 with 90, 80, 70; judge 2 scores entries 4–6 with 60, 50, 40.
    // z as above: entries 1 and 4 get +√1.5, entries 2 and 5 get 0, entries 3 and 6 get −√1.5.
    // Equal z and equal review counts (1): the raw mean breaks the tie (90 > 60, 80 > 50, 70 > 40).
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4, 5, 6],
      reviews: [...judge(1, { 1: 90, 2: 80, 3: 70 }), ...judge(2, { 4: 60, 5: 50, 6: 40 })],
    });
    expect(results.entries.map((e) => e.entryId)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(results.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // Entry 4 (raw 60) is ahead of entry 2 (raw 80).
    expect(byEntry(results, 4).rank).toBeLessThan(byEntry(results, 2).rank!);
  });

  it('gives a judge with constant scores z = 0 and produces no NaN', () => {
    // Judge 1: 90, 80, 70 → z = +√1.5, 0, −√1.5 (as above).
    // Judge 3: 70, 70, 70 → sd = 0 → z = 0 each. Judge 4: a single review → sd = 0 → z = 0.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3],
      reviews: [...judge(1, { 1: 90, 2: 80, 3: 70 }), ...judge(3, { 1: 70, 2: 70, 3: 70 }), review(1, 4, 55)],
    });
    // Entry 1: (√1.5 + 0 + 0)/3 ≈ 0.4082; entry 2: (0 + 0)/2 = 0; entry 3: (−√1.5 + 0)/2 ≈ −0.6124.
    expect(byEntry(results, 1).normalised).toBeCloseTo(Math.sqrt(1.5) / 3, 8);
    expect(byEntry(results, 2).normalised).toBe(0);
    expect(byEntry(results, 3).normalised).toBeCloseTo(-Math.sqrt(1.5) / 2, 8);
    // Judge 3's own totals are constant, so ρ is undefined, not 0.
    expect(byJudge(results, 3).consensusCorrelation).toBeNull();
    // JSON.stringify would hide a NaN as null, so walk the result instead.
    expect(numbersIn(results).filter((n) => !Number.isFinite(n))).toEqual([]);
  });

  it('breaks ties on review count, then raw mean, shares a true tie, and lists unreviewed entries last', () => {
    // Every judge here is constant, so every z is 0 and every entry's normalised score is 0:
    //   judge 1 gives 70 to entries 1–4, judge 2 gives 50 to entries 1–2, judge 3 gives 40 to entry 3.
    // Review counts: entries 1, 2, 3 → 2; entry 4 → 1. Raw means: 1 → (70 + 50)/2 = 60, 2 → 60,
    // 3 → (70 + 40)/2 = 55, 4 → 70. Entry 5 has no review; entry 6's only review lacks a score.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [6, 4, 5, 3, 2, 1],
      reviews: [
        ...judge(1, { 1: 70, 2: 70, 3: 70, 4: 70 }),
        ...judge(2, { 1: 50, 2: 50 }),
        review(3, 3, 40),
        { entryId: 6, judgeId: 3, scores: {} },
      ],
    });
    expect(results.entries.map((e) => [e.entryId, e.rank])).toEqual([
      [1, 1], // 0, 2 reviews, 60
      [2, 1], // 0, 2 reviews, 60: a true tie shares rank 1 …
      [3, 3], // … so the next rank is 3 (competition ranking); 55 < 60
      [4, 4], // highest raw mean (70) but only one review
      [5, null],
      [6, null],
    ]);
    const unreviewed = byEntry(results, 5);
    expect(unreviewed).toEqual({
      entryId: 5,
      reviewCount: 0,
      criterionMeans: { 1: null },
      rawMean: null,
      normalised: null,
      rank: null,
      rankInterval: null,
    });
    expect(byEntry(results, 6).reviewCount).toBe(0);
    // Entry 4 always has 1 review against everyone else's 2 and every resampled z is 0, so every
    // bootstrap iteration puts it 4th.
    expect(byEntry(results, 4).rankInterval).toEqual({ low: 4, high: 4 });
  });

  it('ignores reviews of entries that are not listed', () => {
    // Judge 1 also reviewed entry 99 (withdrawn). Left in, it would move judge 1's mean and z.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2],
      reviews: judge(1, { 1: 80, 2: 60, 99: 0 }),
    });
    expect(results.entries.map((e) => e.entryId)).toEqual([1, 2]);
    // Totals 80, 60: mean 70, sd 10 → z = +1, −1 (with 99 included, the mean would be 46.67).
    expect(byEntry(results, 1).normalised).toBe(1);
    expect(byJudge(results, 1)).toMatchObject({ reviewCount: 2, meanTotal: 70 });
  });
});

describe('computeResults: agreement (Kendall’s W)', () => {
  it('is 1 when all judges rank the entries identically, however lenient', () => {
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4],
      reviews: [
        ...judge(1, { 1: 90, 2: 80, 3: 70, 4: 60 }),
        ...judge(2, { 1: 50, 2: 45, 3: 30, 4: 10 }),
        ...judge(3, { 1: 99, 2: 98, 3: 97, 4: 96 }),
      ],
    });
    // R_i = 3·rank_i = 12, 9, 6, 3; mean 7.5; S = 4.5² + 1.5² + 1.5² + 4.5² = 45;
    // W = 12·45 / (3²·(4³ − 4)) = 540 / 540 = 1
    expect(results.agreement).toEqual({ kendallW: 1, method: 'complete', judges: 3 });
  });

  it('is 0 for two judges with exactly opposite rankings', () => {
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3],
      reviews: [...judge(1, { 1: 10, 2: 20, 3: 30 }), ...judge(2, { 1: 30, 2: 20, 3: 10 })],
    });
    // Ranks 1, 2, 3 and 3, 2, 1 → R = 4, 4, 4 = mean → S = 0 → W = 0 (and ρ = −1 → ((2 − 1)(−1) + 1)/2 = 0).
    expect(results.agreement).toEqual({ kendallW: 0, method: 'complete', judges: 2 });
  });

  it('applies the tie correction (m = 3 judges, n = 4 entries)', () => {
    // Judge 1: 10, 20, 30, 40 → ranks 1, 2, 3, 4
    // Judge 2: 10, 25, 25, 40 → ranks 1, 2.5, 2.5, 4   (one tie group of t = 2: T = 2³ − 2 = 6)
    // Judge 3: 20, 10, 30, 40 → ranks 2, 1, 3, 4
    // R = 4, 5.5, 8.5, 12; mean R = m(n + 1)/2 = 7.5; S = 3.5² + 2² + 1² + 4.5² = 12.25 + 4 + 1 + 20.25 = 37.5
    // W = 12·37.5 / (m²(n³ − n) − m·ΣT) = 450 / (9·60 − 3·6) = 450 / 522 = 25/29 ≈ 0.8621
    // (without the correction it would be 450/540 ≈ 0.8333)
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4],
      reviews: [
        ...judge(1, { 1: 10, 2: 20, 3: 30, 4: 40 }),
        ...judge(2, { 1: 10, 2: 25, 3: 25, 4: 40 }),
        ...judge(3, { 1: 20, 2: 10, 3: 30, 4: 40 }),
      ],
    });
    expect(results.agreement.method).toBe('complete');
    expect(results.agreement.kendallW).toBeCloseTo(25 / 29, 12);
  });

  it('uses the mean pairwise ρ on an incomplete design', () => {
    // Judge 1: e1 10, e2 20, e3 30, e4 40
    // Judge 2: e1 10, e2 20, e3 40, e4 30
    // Judge 3:        e2 30, e3 20, e4 10, e5 50
    // Judge 4: e1 70,                      e5 80   (≤ 2 entries in common with anyone → no usable pair)
    // 1–2 on e1–e4: ranks 1,2,3,4 vs 1,2,4,3; Σd² = 2; ρ = 1 − 6·2/(4·15) = 0.8
    // 1–3 on e2–e4: ranks 1,2,3 vs 3,2,1; ρ = −1
    // 2–3 on e2–e4: ranks 1,3,2 vs 3,2,1; d = −2, 1, 1; Σd² = 6; ρ = 1 − 6·6/(3·8) = −0.5
    // ρ̄ = (0.8 − 1 − 0.5)/3 = −7/30; m = 3 judges in usable pairs;
    // W = ((m − 1)ρ̄ + 1)/m = (2·(−7/30) + 1)/3 = (16/30)/3 = 8/45 ≈ 0.1778
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4, 5],
      reviews: [
        ...judge(1, { 1: 10, 2: 20, 3: 30, 4: 40 }),
        ...judge(2, { 1: 10, 2: 20, 3: 40, 4: 30 }),
        ...judge(3, { 2: 30, 3: 20, 4: 10, 5: 50 }),
        ...judge(4, { 1: 70, 5: 80 }),
      ],
    });
    expect(results.agreement.method).toBe('pairwise');
    expect(results.agreement.judges).toBe(3);
    expect(results.agreement.kendallW).toBeCloseTo(8 / 45, 12);
  });

  it('is null with a single judge or without overlapping judges', () => {
    const one = computeResults({ criteria: PLAIN, entryIds: [1, 2, 3], reviews: judge(1, { 1: 1, 2: 2, 3: 3 }) });
    expect(one.agreement).toEqual({ kendallW: null, method: null, judges: 0 });
    const apart = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4, 5, 6],
      reviews: [...judge(1, { 1: 1, 2: 2, 3: 3 }), ...judge(2, { 4: 1, 5: 2, 6: 3 })],
    });
    expect(apart.agreement).toEqual({ kendallW: null, method: null, judges: 0 });
  });
});

describe('computeResults: consensus correlation', () => {
  it('flags the judge who ranks against the others', () => {
    // Judges 1–3: e1 80, e2 70, e3 60, e4 50. Judge 4: e1 50, e2 60, e3 70, e4 80.
    // Every judge: mean 65, deviations ±15, ±5; sd = √((225 + 25 + 25 + 225)/4) = √125 ≈ 11.18,
    // so z = (1.342, 0.447, −0.447, −1.342) for judges 1–3 and the reverse for judge 4.
    // Judge 1's consensus = mean z of judges 2, 3, 4 = (z + z − z)/3 = z/3: same order as its own → ρ = 1.
    // Judge 4's consensus = mean z of judges 1–3 = z: exactly the reverse of its own → ρ = −1.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3, 4],
      reviews: [
        ...judge(1, { 1: 80, 2: 70, 3: 60, 4: 50 }),
        ...judge(2, { 1: 80, 2: 70, 3: 60, 4: 50 }),
        ...judge(3, { 1: 80, 2: 70, 3: 60, 4: 50 }),
        ...judge(4, { 1: 50, 2: 60, 3: 70, 4: 80 }),
      ],
    });
    expect(results.judges.map((j) => [j.judgeId, j.consensusCorrelation])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, -1],
    ]);
    // W: rank sums (ascending by total) 3·4 + 1, 3·3 + 2, 3·2 + 3, 3·1 + 4 = 13, 11, 9, 7; mean 10;
    // S = 9 + 1 + 1 + 9 = 20; W = 12·20 / (16·60) = 0.25. The pairwise identity agrees: three pairs at
    // ρ = 1 and three at ρ = −1 → ρ̄ = 0 → W = (3·0 + 1)/4 = 0.25.
    expect(results.agreement.kendallW).toBeCloseTo(0.25, 12);
  });

  it('needs at least three entries shared with other judges', () => {
    // Judge 1 shares only entries 1 and 2 with judge 2; entry 3 has no other review.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3],
      reviews: [...judge(1, { 1: 10, 2: 20, 3: 30 }), ...judge(2, { 1: 10, 2: 20 })],
    });
    expect(byJudge(results, 1).consensusCorrelation).toBeNull();
  });
});

describe('computeResults: bootstrap rank intervals', () => {
  // Judge 1: e1 90, e2 60, e3 50, e4 40 → mean 60, deviations 30, 0, −10, −20, sd = √(1400/4) = √350 ≈ 18.71
  //   → z ≈ +1.604, 0, −0.535, −1.069
  // Judge 2: e1 10, e2 60, e3 50, e4 40 → mean 40, deviations −30, 20, 10, 0, the same sd
  //   → z ≈ −1.604, +1.069, +0.535, 0
  // The judges disagree completely about entry 1.
  const disagreement = {
    criteria: PLAIN,
    entryIds: [1, 2, 3, 4],
    reviews: [...judge(1, { 1: 90, 2: 60, 3: 50, 4: 40 }), ...judge(2, { 1: 10, 2: 60, 3: 50, 4: 40 })],
  };

  it('is reproducible for a seed and defaults to 300 iterations with seed 1', () => {
    const a = computeResults({ ...disagreement, bootstrap: { iterations: 200, seed: 42 } });
    const b = computeResults({ ...disagreement, bootstrap: { iterations: 200, seed: 42 } });
    expect(a).toEqual(b);
    expect(computeResults(disagreement)).toEqual(computeResults({ ...disagreement, bootstrap: { iterations: 300, seed: 1 } }));
  });

  it('is wide for an entry whose judges disagree', () => {
    const results = computeResults(disagreement);
    // Normalised: e2 (0 + 1.069)/2 ≈ 0.535; e1 (1.604 − 1.604)/2 = 0 and e3 (−0.535 + 0.535)/2 = 0 with
    // equal counts and raw means ((90 + 10)/2 = 50 = (50 + 50)/2): a shared rank 2; e4 ≈ −0.535.
    expect(results.entries.map((e) => [e.entryId, e.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4],
    ]);
    // Drawing judge 1's review twice (p = 1/4) gives e1 1.604, above anything e2 can reach (≤ 1.069):
    // rank 1. Drawing judge 2's twice (p = 1/4) gives −1.604, below e4's worst (−1.069): rank 4.
    // Each happens in about 75 of 300 iterations, far more than the 8 each tail needs.
    expect(byEntry(results, 1).rankInterval).toEqual({ low: 1, high: 4 });
  });

  it('is a single rank for entries whose reviews all have the same z', () => {
    // Three judges with very different leniency but the same spacing: every entry's three reviews
    // have identical z (+√1.5, 0, −√1.5), so every resample reproduces the same scores.
    const results = computeResults({
      criteria: PLAIN,
      entryIds: [1, 2, 3],
      reviews: [...judge(1, { 1: 90, 2: 80, 3: 70 }), ...judge(2, { 1: 60, 2: 50, 3: 40 }), ...judge(3, { 1: 30, 2: 20, 3: 10 })],
    });
    expect(results.entries.map((e) => [e.entryId, e.rank, e.rankInterval])).toEqual([
      [1, 1, { low: 1, high: 1 }],
      [2, 2, { low: 2, high: 2 }],
      [3, 3, { low: 3, high: 3 }],
    ]);
  });
});

describe('computeResults at platform scale', () => {
  it('handles 2,000 entries × 5 reviews from 30 judges on 6 criteria', () => {
    // Not a benchmark (those live in bench/): only a guard against anything quadratic in entries.
    const criteria: RubricCriterion[] = [1, 2, 3, 4, 5, 6].map((id) => ({ id, weight: 1 + (id % 3), maxScore: 10 }));
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const entryIds = Array.from({ length: 2000 }, (_, i) => i + 1);
    const reviews: ReviewScores[] = [];
    for (const entryId of entryIds) {
      for (let r = 0; r < 5; r += 1) {
        const scores: Record<number, number> = {};
        for (const c of criteria) scores[c.id] = Math.floor(next() * 11);
        // Judges (7e + 6r) mod 30: five distinct judges per entry, panels that overlap.
        reviews.push({ entryId, judgeId: ((entryId * 7 + r * 6) % 30) + 1, scores });
      }
    }
    const results = computeResults({ criteria, entryIds, reviews });
    expect(results.entries).toHaveLength(2000);
    expect(results.judges).toHaveLength(30);
    expect(results.agreement.method).toBe('pairwise');
    const malformed = results.entries.filter(
      (e) => e.reviewCount !== 5 || e.rank === null || !e.rankInterval || e.rankInterval.low < 1 || e.rankInterval.low > e.rankInterval.high || e.rankInterval.high > 2000,
    );
    expect(malformed).toEqual([]);
    expect(results.entries[0]!.rank).toBe(1);
  });
});
