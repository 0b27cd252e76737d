/**
 * Results of a judged challenge, computed exactly as the platform's published method describes:
 * weighted rubric totals, per-judge standardisation (so a lenient and a strict judge weigh the
 * same), competition ranking, Kendall's W for agreement, each judge's correlation with the others,
 * and a seeded bootstrap interval around every rank. Pure: the caller loads the reviews.
 */

export interface RubricCriterion {
  id: number;
  weight: number;
  maxScore: number;
}

/** A completed review: one score per criterion id. */
export interface ReviewScores {
  entryId: number;
  judgeId: number;
  scores: Record<number, number>;
}

export interface EntryResult {
  entryId: number;
  /** Reviews that produced a total. */
  reviewCount: number;
  /** Mean raw score per criterion id (null when no reviews). */
  criterionMeans: Record<number, number | null>;
  /** Mean weighted total, 0–100. */
  rawMean: number | null;
  /** Mean of the judges' z-scores. */
  normalised: number | null;
  /** 1-based competition ranking ("1,2,2,4"); null without reviews. */
  rank: number | null;
  /** 2.5th–97.5th percentile of the bootstrap ranks; null without reviews. */
  rankInterval: { low: number; high: number } | null;
}

export interface JudgeStats {
  judgeId: number;
  reviewCount: number;
  /** The judge's leniency: mean of their weighted totals. */
  meanTotal: number | null;
  /** Spearman with the leave-one-out consensus; null if < 3 usable entries or undefined (constant). */
  consensusCorrelation: number | null;
}

export interface Agreement {
  /** Null when < 2 judges or not computable. */
  kendallW: number | null;
  method: 'complete' | 'pairwise' | null;
  /** Judges that entered the computation. */
  judges: number;
}

export interface ChallengeResults {
  entries: EntryResult[];
  judges: JudgeStats[];
  agreement: Agreement;
}

/**
 * Totals, means and z-scores are snapped to 1e-9. Two results that are equal on paper (say 8/10 and
 * 4/5 of the same weight) can differ in the last bit of a double, and the method gives ties real
 * meaning (shared ranks, tie corrections in W, a constant judge); snapping makes paper-equal values
 * compare equal. Nine decimals is far below anything a rubric can distinguish.
 */
const PRECISION = 1e9;
function snap(x: number): number {
  // `+ 0` turns -0 into 0, so a UI never prints "-0.00".
  return Math.round(x * PRECISION) / PRECISION + 0;
}

/**
 * Σ wᵢ·sᵢ/maxᵢ / Σ wᵢ, scaled to 0–100 (and snapped, see above). null if any criterion has no
 * score, or weights sum to 0.
 */
export function weightedTotal(criteria: RubricCriterion[], scores: Record<number, number>): number | null {
  let weightSum = 0;
  let weighted = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    // A non-finite score or a criterion without a positive maximum cannot be placed on the scale;
    // treating it as missing keeps NaN out of every later mean.
    if (score === undefined || !Number.isFinite(score) || !(criterion.maxScore > 0)) return null;
    weightSum += criterion.weight;
    weighted += (criterion.weight * score) / criterion.maxScore;
  }
  // `!(> 0)` also rejects an empty rubric and NaN weights, not only an exact zero sum.
  if (!(weightSum > 0)) return null;
  return snap((weighted / weightSum) * 100);
}

/**
 * 1-based ranks in ascending order of value; tied values share the average of their positions.
 * Values must be finite.
 */
export function averageRanks(values: readonly number[]): number[] {
  return rankWithTies(values).ranks;
}

/** Average ranks plus Σ(t³ − t) over the tie groups, which Kendall's W needs for its correction. */
function rankWithTies(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Array<number>(n);
  let tieTerm = 0;
  let start = 0;
  while (start < n) {
    const value = values[order[start]!]!;
    let end = start + 1;
    while (end < n && values[order[end]!] === value) end += 1;
    // Positions start+1 … end share their mean.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) ranks[order[i]!] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i += 1) {
    meanX += xs[i]!;
    meanY += ys[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Spearman's ρ: the Pearson correlation of average ranks, so ties are handled without the
 * 1 − 6Σd²/(n(n²−1)) shortcut (which is only exact without ties). null when fewer than two
 * pairs or either side is constant (ρ is undefined there, not zero).
 */
export function spearman(xs: number[], ys: number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError(`spearman: ${xs.length} values against ${ys.length}`);
  if (xs.length < 2) return null;
  return pearson(averageRanks(xs), averageRanks(ys));
}

interface CountedReview {
  entry: number; // index into the sorted entry list
  judge: number; // index into the sorted judge list
  total: number;
  scores: Record<number, number>;
  z: number;
}

/** One judge's view: the entries they scored (ascending entry index) and their total for each. */
interface JudgeCells {
  entries: number[];
  totals: number[];
  byEntry: Map<number, number>;
}

const DEFAULT_BOOTSTRAP = { iterations: 300, seed: 1 };

/**
 * The full results table. Entries come back in rank order (unranked ones last, by id); judges by
 * id. Same input, same output, whatever order the entries and reviews arrive in.
 */
export function computeResults(input: {
  criteria: RubricCriterion[];
  /** Every entry to list, including those without reviews. */
  entryIds: number[];
  /** Completed reviews only. */
  reviews: ReviewScores[];
  bootstrap?: { iterations: number; seed: number };
}): ChallengeResults {
  const { criteria } = input;
  const bootstrap = input.bootstrap ?? DEFAULT_BOOTSTRAP;

  // Sorted ids (and, below, reviews sorted by entry then judge) make the output, including the
  // bootstrap's draws, independent of the order the caller's queries happened to return.
  const entryIds = [...new Set(input.entryIds)].sort((a, b) => a - b);
  const entryIndex = new Map(entryIds.map((id, i) => [id, i]));

  // Reviews of entries not listed (withdrawn, say) are dropped before anything else, so they do
  // not shift their judge's mean either. A judge is listed if they reviewed a listed entry, even
  // when none of those reviews produced a total: an empty row tells the organiser something.
  const judgeIdSet = new Set<number>();
  const pending: { entry: number; judgeId: number; total: number; scores: Record<number, number> }[] = [];
  for (const review of input.reviews) {
    const entry = entryIndex.get(review.entryId);
    if (entry === undefined) continue;
    judgeIdSet.add(review.judgeId);
    const total = weightedTotal(criteria, review.scores);
    if (total !== null) pending.push({ entry, judgeId: review.judgeId, total, scores: review.scores });
  }
  const judgeIds = [...judgeIdSet].sort((a, b) => a - b);
  const judgeIndex = new Map(judgeIds.map((id, i) => [id, i]));
  pending.sort((a, b) => a.entry - b.entry || a.judgeId - b.judgeId);
  const reviews: CountedReview[] = pending.map((r) => ({ entry: r.entry, judge: judgeIndex.get(r.judgeId)!, total: r.total, scores: r.scores, z: 0 }));

  const entryCount = entryIds.length;
  const judgeCount = judgeIds.length;

  // Reviews are grouped by entry; entryStart[e] … entryStart[e + 1] are entry e's.
  const entryStart = new Int32Array(entryCount + 1);
  for (const r of reviews) entryStart[r.entry + 1]! += 1;
  for (let e = 0; e < entryCount; e += 1) entryStart[e + 1]! += entryStart[e]!;

  // --- Per-judge standardisation ---------------------------------------------------------------
  const judgeN = new Int32Array(judgeCount);
  const judgeSum = new Float64Array(judgeCount);
  const judgeMin = new Float64Array(judgeCount).fill(Infinity);
  const judgeMax = new Float64Array(judgeCount).fill(-Infinity);
  for (const r of reviews) {
    judgeN[r.judge]! += 1;
    judgeSum[r.judge]! += r.total;
    if (r.total < judgeMin[r.judge]!) judgeMin[r.judge] = r.total;
    if (r.total > judgeMax[r.judge]!) judgeMax[r.judge] = r.total;
  }
  const judgeMean = new Float64Array(judgeCount);
  for (let j = 0; j < judgeCount; j += 1) if (judgeN[j]! > 0) judgeMean[j] = judgeSum[j]! / judgeN[j]!;
  const judgeSquares = new Float64Array(judgeCount);
  for (const r of reviews) {
    const d = r.total - judgeMean[r.judge]!;
    judgeSquares[r.judge]! += d * d;
  }
  for (const r of reviews) {
    // Totals are snapped, so "all equal" is an exact test; a computed sd of 1e-15 would otherwise
    // turn rounding noise into z-scores of ±1.
    const constant = judgeMin[r.judge] === judgeMax[r.judge];
    const sd = Math.sqrt(judgeSquares[r.judge]! / judgeN[r.judge]!);
    r.z = constant || !(sd > 0) ? 0 : (r.total - judgeMean[r.judge]!) / sd;
  }

  // --- Per-entry aggregates and ranking --------------------------------------------------------
  const reviewCount = new Int32Array(entryCount);
  const rawMean = new Array<number | null>(entryCount).fill(null);
  const normalised = new Array<number | null>(entryCount).fill(null);
  const criterionMeans: Record<number, number | null>[] = [];
  for (let e = 0; e < entryCount; e += 1) {
    const start = entryStart[e]!;
    const end = entryStart[e + 1]!;
    const k = end - start;
    reviewCount[e] = k;
    const means: Record<number, number | null> = {};
    for (const criterion of criteria) {
      if (k === 0) {
        means[criterion.id] = null;
        continue;
      }
      let sum = 0;
      for (let i = start; i < end; i += 1) sum += reviews[i]!.scores[criterion.id]!;
      means[criterion.id] = snap(sum / k);
    }
    criterionMeans.push(means);
    if (k === 0) continue;
    let sumTotal = 0;
    let sumZ = 0;
    for (let i = start; i < end; i += 1) {
      sumTotal += reviews[i]!.total;
      sumZ += reviews[i]!.z;
    }
    rawMean[e] = snap(sumTotal / k);
    normalised[e] = snap(sumZ / k);
  }

  const reviewed: number[] = [];
  for (let e = 0; e < entryCount; e += 1) if (reviewCount[e]! > 0) reviewed.push(e);
  // Normalised first (the point of the method); then more reviews, because a mean over more
  // judges is better evidence; then the raw mean. Entry id only fixes the listing order of a tie.
  const compareEntries = (a: number, b: number) =>
    normalised[b]! - normalised[a]! || reviewCount[b]! - reviewCount[a]! || rawMean[b]! - rawMean[a]!;
  const ranked = [...reviewed].sort((a, b) => compareEntries(a, b) || a - b);
  const rank = new Array<number | null>(entryCount).fill(null);
  ranked.forEach((e, position) => {
    const previous = ranked[position - 1];
    rank[e] = previous !== undefined && compareEntries(previous, e) === 0 ? rank[previous]! : position + 1;
  });

  const intervals = bootstrapIntervals(reviews, reviewed, entryStart, bootstrap);

  const entries: EntryResult[] = [];
  const unranked = entryIds.map((_, e) => e).filter((e) => reviewCount[e] === 0);
  for (const e of [...ranked, ...unranked]) {
    entries.push({
      entryId: entryIds[e]!,
      reviewCount: reviewCount[e]!,
      criterionMeans: criterionMeans[e]!,
      rawMean: rawMean[e] ?? null,
      normalised: normalised[e] ?? null,
      rank: rank[e] ?? null,
      rankInterval: intervals.get(e) ?? null,
    });
  }

  // --- Judges ----------------------------------------------------------------------------------
  const cells = judgeCellsOf(reviews, judgeCount);
  const judges: JudgeStats[] = judgeIds.map((judgeId, j) => ({
    judgeId,
    reviewCount: judgeN[j]!,
    meanTotal: judgeN[j]! > 0 ? snap(judgeMean[j]!) : null,
    consensusCorrelation: consensusCorrelation(j, cells[j]!, reviews, entryStart),
  }));

  return { entries, judges, agreement: agreement(cells, reviewed.length) };
}

function judgeCellsOf(reviews: CountedReview[], judgeCount: number): JudgeCells[] {
  const sums: Map<number, { sum: number; n: number }>[] = Array.from({ length: judgeCount }, () => new Map());
  // Reviews are sorted by entry, so each map's insertion order is ascending entry index.
  for (const r of reviews) {
    const cell = sums[r.judge]!.get(r.entry);
    if (cell) {
      cell.sum += r.total;
      cell.n += 1;
    } else {
      sums[r.judge]!.set(r.entry, { sum: r.total, n: 1 });
    }
  }
  // The platform stores one review per judge and entry; should a judge ever have two, their
  // mean stands for the judge in the judge × entry matrix.
  return sums.map((map) => {
    const entries: number[] = [];
    const totals: number[] = [];
    const byEntry = new Map<number, number>();
    for (const [entry, { sum, n }] of map) {
      const total = n === 1 ? sum : snap(sum / n);
      entries.push(entry);
      totals.push(total);
      byEntry.set(entry, total);
    }
    return { entries, totals, byEntry };
  });
}

/**
 * Spearman between the judge's own totals and the mean z of the other judges on the same entries.
 * Leaving the judge out matters: with five reviews per entry, the judge's own z would make up a
 * fifth of the consensus and flatter them.
 */
function consensusCorrelation(judge: number, cells: JudgeCells, reviews: CountedReview[], entryStart: Int32Array): number | null {
  const own: number[] = [];
  const consensus: number[] = [];
  cells.entries.forEach((entry, i) => {
    let sum = 0;
    let n = 0;
    for (let r = entryStart[entry]!; r < entryStart[entry + 1]!; r += 1) {
      const review = reviews[r]!;
      if (review.judge === judge) continue;
      sum += review.z;
      n += 1;
    }
    if (n === 0) return;
    own.push(cells.totals[i]!);
    consensus.push(snap(sum / n));
  });
  if (own.length < 3) return null;
  return spearman(own, consensus);
}

function agreement(cells: JudgeCells[], reviewedCount: number): Agreement {
  const active = cells.filter((c) => c.entries.length > 0);
  const none: Agreement = { kendallW: null, method: null, judges: 0 };
  if (active.length < 2) return none;
  const m = active.length;
  const n = reviewedCount;

  if (n >= 2 && active.every((c) => c.entries.length === n)) {
    // Complete design. Entries nobody reviewed have no column in the judge × entry matrix, so an
    // entry left without judges does not tip a complete panel into the pairwise method. Every
    // judge's cells now cover the same reviewed entries, in the same (ascending) order.
    const rankSums = new Float64Array(n);
    let tieSum = 0;
    for (const c of active) {
      const { ranks, tieTerm } = rankWithTies(c.totals);
      ranks.forEach((r, i) => (rankSums[i]! += r));
      tieSum += tieTerm;
    }
    const meanRankSum = (m * (n + 1)) / 2;
    let s = 0;
    for (const r of rankSums) s += (r - meanRankSum) ** 2;
    const denominator = m * m * (n * n * n - n) - m * tieSum;
    // Zero only when every judge gave every entry the same total: no ranking to agree on.
    if (!(denominator > 0)) return none;
    return { kendallW: clamp01((12 * s) / denominator), method: 'complete', judges: m };
  }

  // Incomplete design: W = ((m − 1)·ρ̄ + 1)/m is the textbook identity between Kendall's W and the
  // mean pairwise Spearman ρ̄; on complete data without ties it gives exactly the classical W, and
  // it stays defined when judges saw different entries.
  let rhoSum = 0;
  let pairs = 0;
  const used = new Set<number>();
  for (let a = 0; a < m; a += 1) {
    for (let b = a + 1; b < m; b += 1) {
      const ca = active[a]!;
      const cb = active[b]!;
      const xs: number[] = [];
      const ys: number[] = [];
      ca.entries.forEach((entry, i) => {
        const other = cb.byEntry.get(entry);
        if (other === undefined) return;
        xs.push(ca.totals[i]!);
        ys.push(other);
      });
      if (xs.length < 3) continue;
      const rho = spearman(xs, ys);
      if (rho === null) continue;
      rhoSum += rho;
      pairs += 1;
      used.add(a).add(b);
    }
  }
  if (pairs === 0) return none;
  const k = used.size;
  return { kendallW: clamp01(((k - 1) * (rhoSum / pairs) + 1) / k), method: 'pairwise', judges: k };
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/**
 * Rank intervals by resampling each entry's reviews. This is the hot path (2,000 entries × 300
 * iterations × 5 draws): flat typed arrays prepared once, and nothing allocated inside the
 * iteration loop except, rarely, a view over a long run of tied scores.
 */
function bootstrapIntervals(
  reviews: CountedReview[],
  reviewed: number[],
  entryStart: Int32Array,
  options: { iterations: number; seed: number },
): Map<number, { low: number; high: number }> {
  const result = new Map<number, { low: number; high: number }>();
  const iterations = Math.max(0, Math.floor(options.iterations));
  const count = reviewed.length;
  if (count === 0 || !(iterations > 0)) return result;

  // Local, contiguous copies of each reviewed entry's z and raw totals.
  const offset = new Int32Array(count + 1);
  const k = new Int32Array(count);
  reviewed.forEach((e, i) => {
    k[i] = entryStart[e + 1]! - entryStart[e]!;
    offset[i + 1] = offset[i]! + k[i]!;
  });
  const zs = new Float64Array(offset[count]!);
  const totals = new Float64Array(offset[count]!);
  reviewed.forEach((e, i) => {
    for (let r = 0; r < k[i]!; r += 1) {
      const review = reviews[entryStart[e]! + r]!;
      zs[offset[i]! + r] = review.z;
      totals[offset[i]! + r] = review.total;
    }
  });

  // Scores are kept as integer multiples of 1e-9 (see `snap`) so ties behave as in the main ranking.
  const scoreKey = new Float64Array(count);
  const rawKey = new Float64Array(count);
  const order = new Uint32Array(count);
  const ranks = new Int32Array(count * iterations); // entry-major: ranks[i * iterations + it]
  const byTieBreaks = (a: number, b: number) => k[b]! - k[a]! || rawKey[b]! - rawKey[a]! || a - b;
  const byAllKeys = (a: number, b: number) => scoreKey[b]! - scoreKey[a]! || byTieBreaks(a, b);

  // A comparator sort of 2,000 indices, 300 times, is most of the cost. Instead the score and the
  // index are packed into one double, −score·radix + index, and sorted natively; only runs of equal
  // scores then need the tie-breaks. Exact while |score|·radix < 2⁵³, i.e. for any realistic z
  // (|z| ≤ √(n − 1) for a judge with n reviews); otherwise fall back to the comparator.
  let radix = 1;
  while (radix < count) radix *= 2;
  let maxAbsZ = 0;
  for (const z of zs) maxAbsZ = Math.max(maxAbsZ, Math.abs(z));
  const packable = (Math.ceil(maxAbsZ * PRECISION) + 1) * radix < Number.MAX_SAFE_INTEGER;
  const packed = new Float64Array(count);

  let state = options.seed >>> 0;
  for (let it = 0; it < iterations; it += 1) {
    for (let i = 0; i < count; i += 1) {
      const n = k[i]!;
      const base = offset[i]!;
      let sumZ = 0;
      let sumRaw = 0;
      for (let d = 0; d < n; d += 1) {
        // mulberry32, inlined: a closure call per draw costs more than the arithmetic. Tiny, fast
        // and good enough for resampling; seeded so published results reproduce.
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        const pick = base + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
        sumZ += zs[pick]!;
        sumRaw += totals[pick]!;
      }
      scoreKey[i] = Math.round((sumZ / n) * PRECISION);
      rawKey[i] = Math.round((sumRaw / n) * PRECISION);
    }

    if (packable) {
      for (let i = 0; i < count; i += 1) packed[i] = -scoreKey[i]! * radix + i;
      packed.sort();
      for (let p = 0; p < count; p += 1) {
        const v = packed[p]!;
        order[p] = v - Math.floor(v / radix) * radix;
      }
      // Runs of equal scores are in index order; sort each by the remaining keys.
      let start = 0;
      while (start < count) {
        let end = start + 1;
        while (end < count && scoreKey[order[end]!] === scoreKey[order[start]!]) end += 1;
        if (end - start > 16) {
          order.subarray(start, end).sort(byTieBreaks);
        } else {
          for (let p = start + 1; p < end; p += 1) {
            const item = order[p]!;
            let q = p - 1;
            while (q >= start && byTieBreaks(order[q]!, item) > 0) {
              order[q + 1] = order[q]!;
              q -= 1;
            }
            order[q + 1] = item;
          }
        }
        start = end;
      }
    } else {
      for (let i = 0; i < count; i += 1) order[i] = i;
      order.sort(byAllKeys);
    }

    let rank = 1;
    for (let position = 0; position < count; position += 1) {
      const i = order[position]!;
      if (position > 0) {
        const previous = order[position - 1]!;
        // Equal on all keys → same rank (the index only fixes the order, not the rank).
        if (scoreKey[previous] !== scoreKey[i] || k[previous] !== k[i] || rawKey[previous] !== rawKey[i]) rank = position + 1;
      }
      ranks[i * iterations + it] = rank;
    }
  }

  // Nearest-rank percentiles: the ⌈p·N⌉-th smallest value. Integer arithmetic keeps ⌈⌉ exact.
  const lowAt = Math.max(1, Math.ceil((iterations * 25) / 1000)) - 1;
  const highAt = Math.max(1, Math.ceil((iterations * 975) / 1000)) - 1;
  for (let i = 0; i < count; i += 1) {
    const row = ranks.subarray(i * iterations, (i + 1) * iterations).sort();
    result.set(reviewed[i]!, { low: row[lowAt]!, high: row[highAt]! });
  }
  return result;
}
