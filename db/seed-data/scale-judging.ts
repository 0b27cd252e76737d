/**
 * Judging, People's Choice and awards for the scale seed. Panels review entries the way the site
 * assigns them (every judge, or N judges per entry dealt by the real assignment code, conflicts
 * taken out); scores follow each entry's quality and each judge's leniency; awards go to the best
 * entries of challenges whose results are out.
 */
import { assignJudges, type Pair } from '../../app/lib/assignment';
import type { AwardKind } from '../schema';
import { HOUR } from './clock';
import { inserter, inTransaction } from './bulk';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import { BIG_CHALLENGE_SLUG, type ScaleChallenge, type ScaleEntry } from './scale-challenges';
import { between, cumulativeOf, normal, pickWeighted, shuffled, zipfWeights } from './sampling';
import { REVIEW_FEEDBACK, REVIEW_NOTES } from './scale-text';

/** Small challenges are reviewed by every judge; larger ones by N judges per entry. */
const ALL_JUDGES_UP_TO = 12;

interface Completion {
  completed: number;
  draft: number;
}

function completionOf(random: Random, challenge: ScaleChallenge, now: number): Completion {
  if (challenge.slug === BIG_CHALLENGE_SLUG) return { completed: 0.85, draft: 0.05 };
  if (challenge.phase === 'results') return { completed: 0.985, draft: 0.005 };
  if (challenge.judgingEndsAt <= now) return { completed: 0.95, draft: 0.02 };
  return { completed: 0.3 + random.next() * 0.65, draft: 0.05 };
}

interface JudgingPlan {
  challenge: ScaleChallenge;
  entries: ScaleEntry[];
  completion: Completion;
  mode: 'all' | 'per_entry';
  perEntry: number;
  /** Expected scores per (entry, judge) pair. */
  scoresPerPair: number;
}

/**
 * How many judges review each entry, chosen so that the scores come out near the planned total:
 * the big challenge and small ones are fixed, the others get one, two or three judges per entry.
 */
function planJudging(ctx: ScaleContext, random: Random, challenges: readonly ScaleChallenge[]): JudgingPlan[] {
  const plans = challenges
    .filter((c) => (c.phase === 'judging' || c.phase === 'results') && c.judges.length > 0)
    .map((challenge): JudgingPlan => {
      const entries = challenge.entries.filter((e) => e.status === 'submitted').sort((a, b) => a.id - b.id);
      const completion = completionOf(random, challenge, ctx.now);
      const big = challenge.slug === BIG_CHALLENGE_SLUG;
      const mode = big || entries.length > ALL_JUDGES_UP_TO ? 'per_entry' : 'all';
      return { challenge, entries, completion, mode, perEntry: big ? Math.min(3, challenge.judges.length) : 1, scoresPerPair: challenge.criteria.length * (completion.completed + completion.draft / 2) };
    });
  const fixed = plans.filter((p) => p.mode === 'all' || p.challenge.slug === BIG_CHALLENGE_SLUG);
  const flexible = plans.filter((p) => !fixed.includes(p));
  const fixedScores = fixed.reduce((n, p) => n + p.entries.length * (p.mode === 'all' ? p.challenge.judges.length : p.perEntry) * p.scoresPerPair, 0);
  const perJudge = flexible.reduce((n, p) => n + p.entries.length * p.scoresPerPair, 0);
  const mean = Math.min(3, Math.max(1, perJudge > 0 ? (ctx.volumes.scores - fixedScores) / perJudge : 1));
  for (const plan of flexible) plan.perEntry = Math.min(plan.challenge.judges.length - 1, Math.floor(mean) + (random.next() < mean % 1 ? 1 : 0)) || 1;
  return plans;
}

function judgingStatements(ctx: ScaleContext) {
  const { sqlite } = ctx;
  return {
    mode: sqlite.prepare('UPDATE challenges SET assignment_mode = ?, judges_per_entry = ? WHERE id = ?'),
    assignment: inserter(sqlite, 'judge_assignments', ['challenge_id', 'submission_id', 'judge_id', 'created_at']),
    conflict: inserter(sqlite, 'conflicts', ['challenge_id', 'submission_id', 'judge_id', 'source', 'reason', 'created_at']),
    review: inserter(sqlite, 'reviews', ['submission_id', 'judge_id', 'status', 'private_note', 'feedback', 'completed_at', 'created_at', 'updated_at']),
    score: inserter(sqlite, 'scores', ['review_id', 'criterion_id', 'score']),
  };
}

/** Judges declare a few conflicts on the big challenge; the assignment then leaves those pairs out. */
function declareConflicts(ctx: ScaleContext, random: Random, plan: JudgingPlan, statements: ReturnType<typeof judgingStatements>): Pair[] {
  if (plan.challenge.slug !== BIG_CHALLENGE_SLUG || plan.entries.length === 0) return [];
  const wanted = Math.max(1, Math.round(plan.entries.length / 500));
  const pairs = new Map<string, Pair>();
  while (pairs.size < wanted) {
    const pair = { entryId: random.pick(plan.entries).id, judgeId: random.pick(plan.challenge.judges) };
    pairs.set(`${pair.entryId}:${pair.judgeId}`, pair);
  }
  for (const pair of pairs.values()) {
    statements.conflict(plan.challenge.id, pair.entryId, pair.judgeId, 'declared', random.pick(['曾指导该团队成员', '与团队成员同一单位', '参与过相关项目']), plan.challenge.closesAt + random.int(1, 48) * HOUR);
  }
  return [...pairs.values()];
}

function reviewPairsOf(plan: JudgingPlan, conflicts: readonly Pair[]): Pair[] {
  const entryIds = plan.entries.map((e) => e.id);
  if (plan.mode === 'per_entry') return assignJudges({ entryIds, judgeIds: plan.challenge.judges, perEntry: plan.perEntry, conflicts: [...conflicts], existing: [] }).assignments;
  const conflicted = new Set(conflicts.map((c) => `${c.entryId}:${c.judgeId}`));
  return entryIds.flatMap((entryId) => plan.challenge.judges.map((judgeId) => ({ entryId, judgeId }))).filter((p) => !conflicted.has(`${p.entryId}:${p.judgeId}`));
}

/** A criterion score: the entry's quality, the judge's leniency and some noise, in half points. */
function scoreOf(random: Random, quality: number, leniency: number, maxScore: number): number {
  const share = Math.min(1, Math.max(0, quality + leniency + normal(random, 0, 0.1)));
  return Math.round(share * maxScore * 2) / 2;
}

export function seedScaleJudging(ctx: ScaleContext, challenges: readonly ScaleChallenge[]): { reviews: number; scores: number } {
  const random = ctx.random('judging');
  const statements = judgingStatements(ctx);
  const leniency = new Map<number, number>();
  const leniencyOf = (judgeId: number) => {
    let value = leniency.get(judgeId);
    if (value === undefined) leniency.set(judgeId, (value = normal(random, 0, 0.08)));
    return value;
  };
  let reviews = 0;
  let scores = 0;
  inTransaction(ctx.sqlite, () => {
    for (const plan of planJudging(ctx, random, challenges)) {
      const { challenge } = plan;
      statements.mode.run(plan.mode, plan.mode === 'per_entry' ? plan.perEntry : null, challenge.id);
      const conflicts = declareConflicts(ctx, random, plan, statements);
      const pairs = reviewPairsOf(plan, conflicts);
      const quality = new Map(plan.entries.map((e) => [e.id, e.quality]));
      const from = challenge.closesAt + HOUR;
      const until = Math.min(challenge.judgingEndsAt, challenge.resultsAt ?? Infinity, ctx.now) - HOUR;
      for (const pair of pairs) {
        if (plan.mode === 'per_entry') statements.assignment(challenge.id, pair.entryId, pair.judgeId, from);
        const roll = random.next();
        if (roll >= plan.completion.completed + plan.completion.draft) continue;
        const complete = roll < plan.completion.completed;
        const createdAt = between(random, from, until);
        const updatedAt = Math.min(until, createdAt + random.int(5, 120) * 60_000);
        const reviewId = statements.review(pair.entryId, pair.judgeId, complete ? 'completed' : 'draft', complete ? random.pick(REVIEW_NOTES) : '', complete ? random.pick(REVIEW_FEEDBACK) : '', complete ? updatedAt : null, createdAt, updatedAt);
        reviews += 1;
        // A draft has some criteria scored; a completed review has all of them.
        const scored = complete ? challenge.criteria.length : random.int(1, Math.max(1, challenge.criteria.length - 1));
        for (const criterion of challenge.criteria.slice(0, scored)) {
          statements.score(reviewId, criterion.id, scoreOf(random, quality.get(pair.entryId) ?? 0.5, leniencyOf(pair.judgeId), criterion.maxScore));
          scores += 1;
        }
      }
    }
  });
  ctx.log(`judging: ${reviews.toLocaleString('en')} reviews with ${scores.toLocaleString('en')} scores`);
  return { reviews, scores };
}

/**
 * People's Choice votes: one per voter per challenge, never for the voter's own team, never by the
 * challenge's judges or organisers (voters are participants who did not enter it).
 */
export function seedScaleVotes(ctx: ScaleContext, challenges: readonly ScaleChallenge[]): Map<number, number> {
  const random = ctx.random('peoples-choice');
  const insertVote = inserter(ctx.sqlite, 'votes', ['challenge_id', 'user_id', 'submission_id', 'created_at', 'updated_at']);
  const tally = new Map<number, number>();
  let total = 0;
  inTransaction(ctx.sqlite, () => {
    for (const challenge of challenges) {
      if (!challenge.peoplesChoice || (challenge.phase !== 'judging' && challenge.phase !== 'results')) continue;
      const entries = shuffled(random, challenge.entries.filter((e) => e.status === 'submitted'));
      if (entries.length === 0) continue;
      const wanted = challenge.slug === BIG_CHALLENGE_SLUG ? ctx.volumes.bigVotes : Math.round(entries.length * (0.5 + random.next() * 2.5));
      const count = Math.min(wanted, challenge.peopleLeft());
      const popularity = cumulativeOf(zipfWeights(entries.length, 1));
      const until = Math.min(challenge.judgingEndsAt, ctx.now) - HOUR;
      for (let i = 0; i < count; i += 1) {
        const entry = entries[pickWeighted(random, popularity)] as ScaleEntry;
        const createdAt = between(random, challenge.closesAt + HOUR, until);
        insertVote(challenge.id, challenge.nextPerson(), entry.id, createdAt, random.chance(0.1) ? between(random, createdAt, until) : createdAt);
        tally.set(entry.id, (tally.get(entry.id) ?? 0) + 1);
      }
      total += count;
    }
  });
  ctx.log(`People's Choice: ${total.toLocaleString('en')} votes`);
  return tally;
}

/** Awards of the challenges whose results are out: the best entries by quality, and the public's favourite. */
export function seedScaleAwards(ctx: ScaleContext, challenges: readonly ScaleChallenge[], votes: ReadonlyMap<number, number>): number {
  const random = ctx.random('awards');
  const insertAward = inserter(ctx.sqlite, 'awards', ['challenge_id', 'submission_id', 'kind', 'custom_name', 'position', 'created_at']);
  let total = 0;
  inTransaction(ctx.sqlite, () => {
    for (const challenge of challenges) {
      if (challenge.phase !== 'results' || challenge.resultsAt === null) continue;
      const ranked = challenge.entries.filter((e) => e.status === 'submitted').sort((a, b) => b.quality - a.quality);
      if (ranked.length === 0) continue;
      const n = ranked.length;
      const kinds: AwardKind[] = ['first', ...repeat<AwardKind>('second', n >= 6 ? 2 : 1), ...repeat<AwardKind>('third', n >= 10 ? 3 : 1), ...repeat<AwardKind>('honourable', n >= 15 ? random.int(0, 3) : 0)];
      const awarded: { entry: ScaleEntry; kind: AwardKind }[] = kinds.slice(0, n).map((kind, i) => ({ entry: ranked[i] as ScaleEntry, kind }));
      if (challenge.peoplesChoice) {
        const favourite = ranked.reduce((best, e) => ((votes.get(e.id) ?? 0) > (votes.get(best.id) ?? 0) ? e : best), ranked[0] as ScaleEntry);
        if ((votes.get(favourite.id) ?? 0) > 0) awarded.push({ entry: favourite, kind: 'peoples_choice' });
      }
      const at = between(random, challenge.judgingEndsAt - 3 * 24 * HOUR, challenge.resultsAt);
      awarded.forEach(({ entry, kind }, position) => insertAward(challenge.id, entry.id, kind, null, position, at));
      total += awarded.length;
    }
  });
  ctx.log(`awards: ${total.toLocaleString('en')} on ${challenges.filter((c) => c.phase === 'results').length.toLocaleString('en')} challenges with published results`);
  return total;
}

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}
