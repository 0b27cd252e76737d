/**
 * Results benchmark: a challenge with 2,000 entries, 30 judges, 5 completed reviews per entry and
 * 6 criteria. Measures computing its results (the one read, grouping, z-score normalisation,
 * agreement and 300 bootstrap resamples for the rank intervals) against the time to read the same
 * scores with one plain SQL query in the same run, and reports the ratio.
 *
 *   npm run bench -- results [entries]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeAsync } from './timing';

const JUDGES = 30;
const REVIEWS_PER_ENTRY = 5;
const CRITERIA = 6;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runResultsBenchmark(entries: number): Promise<{ ratio: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-results-'));
  process.env.DATABASE_URL = path.join(dir, 'bench.db');
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { computeChallengeResults } = await import('../app/models/results.server');
  await applyMigrations(getDb());
  const sqlite = getDb().$client;

  // A deterministic pseudo-random panel: each judge has a leniency, each entry a true quality.
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const now = Date.now();
  const challengeId = sqlite.transaction(() => {
    const department = sqlite.prepare("insert into departments (slug, name) values ('bench', '基准') returning id").get() as { id: number };
    const insertUser = sqlite.prepare("insert into users (email, name, password_hash) values (?, ?, 'x') returning id");
    const judges = Array.from({ length: JUDGES }, (_, i) => (insertUser.get(`judge${i}@bench.example`, `评委${i}`) as { id: number }).id);
    const owner = (insertUser.get('owner@bench.example', '参赛者') as { id: number }).id;
    const challenge = sqlite
      .prepare("insert into challenges (slug, title, department_id, status, opens_at, closes_at, judging_ends_at) values ('bench', '基准', ?, 'published', ?, ?, ?) returning id")
      .get(department.id, now - 30 * 86_400_000, now - 86_400_000, now + 86_400_000) as { id: number };
    const insertCriterion = sqlite.prepare('insert into criteria (challenge_id, name, weight, max_score, position) values (?, ?, ?, 10, ?) returning id');
    const criteria = Array.from({ length: CRITERIA }, (_, i) => (insertCriterion.get(challenge.id, `标准${i}`, 10 + i * 5, i) as { id: number }).id);
    const insertJudge = sqlite.prepare('insert into challenge_judges (challenge_id, user_id, email) values (?, ?, ?)');
    judges.forEach((id, i) => insertJudge.run(challenge.id, id, `judge${i}@bench.example`));
    const insertEntry = sqlite.prepare("insert into submissions (challenge_id, kind, title, status, created_by, submitted_at) values (?, 'idea', ?, 'submitted', ?, ?) returning id");
    const insertReview = sqlite.prepare("insert into reviews (submission_id, judge_id, status, completed_at) values (?, ?, 'completed', ?) returning id");
    const insertScore = sqlite.prepare('insert into scores (review_id, criterion_id, score) values (?, ?, ?)');
    const leniency = judges.map(() => random() * 3 - 1.5);
    for (let e = 0; e < entries; e += 1) {
      const entry = (insertEntry.get(challenge.id, `作品${e}`, owner, now) as { id: number }).id;
      const quality = 3 + random() * 5;
      for (let r = 0; r < REVIEWS_PER_ENTRY; r += 1) {
        const j = (e * REVIEWS_PER_ENTRY + r) % JUDGES;
        const review = (insertReview.get(entry, judges[j], now) as { id: number }).id;
        for (const criterion of criteria) {
          const score = Math.min(10, Math.max(0, Math.round((quality + (leniency[j] ?? 0) + random() * 2 - 1) * 2) / 2));
          insertScore.run(review, criterion, score);
        }
      }
    }
    return challenge.id;
  })();

  // Baseline: the same completed scores, read with one SQL query and nothing else.
  const read = sqlite.prepare(
    `select r.submission_id, r.judge_id, s.criterion_id, s.score from scores s join reviews r on r.id = s.review_id
     join submissions e on e.id = r.submission_id where e.challenge_id = ? and e.status = 'submitted' and r.status = 'completed'`,
  );
  let rows = 0;
  const baseline: number[] = [];
  const computed: number[] = [];
  // One warm-up of each, then alternate so both see the same machine conditions.
  read.all(challengeId);
  await computeChallengeResults(challengeId);
  for (let i = 0; i < RUNS; i += 1) {
    baseline.push(time(() => (rows = read.all(challengeId).length)));
    computed.push((await timeAsync(() => computeChallengeResults(challengeId))).ms);
  }
  const base = median(baseline);
  const full = median(computed);
  console.log(`results benchmark: ${entries.toLocaleString('en')} entries, ${JUDGES} judges, ${REVIEWS_PER_ENTRY} reviews per entry, ${CRITERIA} criteria (${rows.toLocaleString('en')} scores)`);
  console.log(`  baseline (one SQL read):   ${base.toFixed(1)} ms (median of ${RUNS})`);
  console.log(`  full results computation:  ${full.toFixed(1)} ms (median of ${RUNS})`);
  console.log(`  ratio results/baseline: ${(full / base).toFixed(1)}×`);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ratio: full / base };
}
