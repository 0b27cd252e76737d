/**
 * A challenge in judging with hundreds of entries, written straight into SQLite (the way the scale
 * seed does), for tests of the results snapshot: N judges per entry dealt round-robin, scores from
 * each entry's quality and each judge's leniency, a few drafts, conflicts, a same-domain judge and
 * private notes. Deterministic for a given seed.
 */
import type Database from 'better-sqlite3';

export interface JudgedChallenge {
  challengeId: number;
  slug: string;
  entryIds: number[];
  judgeIds: number[];
  criterionIds: number[];
  /** Reviews by id, with their entry and judge. */
  reviews: { id: number; entryId: number; judgeId: number; completed: boolean }[];
  conflicted: { entryId: number; judgeId: number }[];
}

const DAY = 86_400_000;

export function insertJudgedChallenge(
  sqlite: Database.Database,
  options: {
    slug: string;
    departmentId: number;
    entries: number;
    judges: number;
    perEntry: number;
    seed?: number;
    peoplesChoice?: boolean;
    /** Share of (entry, judge) pairs with a completed review; the rest are missing or drafts. */
    completed?: number;
    now?: number;
  },
): JudgedChallenge {
  const now = options.now ?? Date.now();
  let state = options.seed ?? 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const completedShare = options.completed ?? 0.9;
  return sqlite.transaction((): JudgedChallenge => {
    const challengeId = (
      sqlite
        .prepare(
          `INSERT INTO challenges (slug, title, summary, department_id, status, opens_at, closes_at, judging_ends_at, assignment_mode, judges_per_entry, peoples_choice, entries_public, published_at)
           VALUES (?, ?, '大规模评审测试', ?, 'published', ?, ?, ?, 'per_entry', ?, ?, 1, ?) RETURNING id`,
        )
        .get(options.slug, `评审规模测试 ${options.slug}`, options.departmentId, now - 60 * DAY, now - DAY, now + 30 * DAY, options.perEntry, options.peoplesChoice ? 1 : 0, now - 60 * DAY) as { id: number }
    ).id;
    const criterionIds = [
      ['可行性', 40, 10],
      ['数据使用', 35, 10],
      ['影响', 25, 5],
    ].map(([name, weight, max], position) => (sqlite.prepare('INSERT INTO criteria (challenge_id, name, weight, max_score, position) VALUES (?, ?, ?, ?, ?) RETURNING id').get(challengeId, name, weight, max, position) as { id: number }).id);
    const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, role, email_verified_at) VALUES (?, ?, 'x', 'participant', ?) RETURNING id");
    const judgeIds: number[] = [];
    for (let j = 0; j < options.judges; j += 1) {
      // The first judge works where the first entry's team does: a possible conflict to flag.
      const email = j === 0 ? `judge0@${options.slug}.edu.cn` : `judge${j}-${options.slug}@example.org`;
      const id = (insertUser.get(email, `评委${j}`, now) as { id: number }).id;
      sqlite.prepare('INSERT INTO challenge_judges (challenge_id, user_id, email, accepted_at) VALUES (?, ?, ?, ?)').run(challengeId, id, email, now - 50 * DAY);
      judgeIds.push(id);
    }
    const insertEntry = sqlite.prepare("INSERT INTO submissions (challenge_id, kind, title, team_name, summary, status, submitted_at, created_by) VALUES (?, 'idea', ?, ?, '摘要', 'submitted', ?, ?) RETURNING id");
    const insertMember = sqlite.prepare("INSERT INTO submission_members (submission_id, challenge_id, user_id, email, role, status, joined_at) VALUES (?, ?, ?, ?, 'owner', 'active', ?)");
    const entryIds: number[] = [];
    const quality: number[] = [];
    for (let e = 0; e < options.entries; e += 1) {
      const email = e === 0 ? `student@cs.${options.slug}.edu.cn` : `team${e}-${options.slug}@example.org`;
      const owner = (insertUser.get(email, `队长${e}`, now) as { id: number }).id;
      const id = (insertEntry.get(challengeId, `作品 ${options.slug} 第${e}号`, `团队${e}`, now - 2 * DAY, owner) as { id: number }).id;
      insertMember.run(id, challengeId, owner, email, now - 3 * DAY);
      entryIds.push(id);
      quality.push(0.3 + random() * 0.6);
    }
    const leniency = judgeIds.map(() => (random() - 0.5) * 0.2);
    const insertAssignment = sqlite.prepare('INSERT INTO judge_assignments (challenge_id, submission_id, judge_id, created_at) VALUES (?, ?, ?, ?)');
    const insertConflict = sqlite.prepare("INSERT INTO conflicts (challenge_id, submission_id, judge_id, source, reason, created_at) VALUES (?, ?, ?, 'declared', '曾指导该团队', ?)");
    const insertReview = sqlite.prepare('INSERT INTO reviews (submission_id, judge_id, status, private_note, feedback, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id');
    const insertScore = sqlite.prepare('INSERT INTO scores (review_id, criterion_id, score) VALUES (?, ?, ?)');
    const maxima = [10, 10, 5];
    const reviews: JudgedChallenge['reviews'] = [];
    const conflicted: JudgedChallenge['conflicted'] = [];
    entryIds.forEach((entryId, e) => {
      for (let k = 0; k < options.perEntry; k += 1) {
        const j = (e * options.perEntry + k) % judgeIds.length;
        const judgeId = judgeIds[j]!;
        // Every 40th entry's first judge declared a conflict: no assignment, and no review counts.
        if (e % 40 === 5 && k === 0) {
          insertConflict.run(challengeId, entryId, judgeId, now - DAY / 2);
          conflicted.push({ entryId, judgeId });
          continue;
        }
        insertAssignment.run(challengeId, entryId, judgeId, now - DAY);
        const roll = random();
        if (roll >= completedShare + 0.03) continue;
        const completed = roll < completedShare;
        const reviewId = (
          insertReview.get(entryId, judgeId, completed ? 'completed' : 'draft', e % 7 === 0 ? `备注：第${e}号作品值得关注` : '', completed ? `反馈${e}-${k}` : '', completed ? now - DAY / 4 : null, now - DAY / 3, now - DAY / 4) as { id: number }
        ).id;
        reviews.push({ id: reviewId, entryId, judgeId, completed });
        maxima.forEach((max, c) => {
          if (!completed && c > 0) return;
          const share = Math.min(1, Math.max(0, quality[e]! + leniency[j]! + (random() - 0.5) * 0.2));
          insertScore.run(reviewId, criterionIds[c], Math.round(share * max * 2) / 2);
        });
      }
    });
    return { challengeId, slug: options.slug, entryIds, judgeIds, criterionIds, reviews, conflicted };
  })();
}
