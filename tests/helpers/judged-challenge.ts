/**
 * A challenge in judging with hundreds of entries, written straight into the database in a few
 * multi-row statements (the way the scale seed does), for tests of the results snapshot: N judges per
 * entry dealt round-robin, scores from each entry's quality and each judge's leniency, a few drafts,
 * conflicts, a same-domain judge and private notes. Deterministic for a given seed.
 *
 * `db` is the app's database (getDb(), on either engine) or a drizzle handle on another process's
 * SQLite file (`drizzle(new Database(file))`): the statements are drizzle's, so they run on both.
 */
import type { Db } from '../../db/client';
import { challengeJudges, challenges, conflicts, criteria, judgeAssignments, reviews, scores, submissionMembers, submissions, users } from '../../db/tables';

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
/** Rows per INSERT: under SQLite's and PostgreSQL's limits on parameters. */
const BATCH = 400;

type Inserter = Pick<Db, 'insert'>;

/** Inserts rows in batches; answers the ids in the order of the rows. */
async function insertAll(rows: unknown[], run: (batch: never[]) => Promise<{ id: number }[]>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) ids.push(...(await run(rows.slice(i, i + BATCH) as never[])).map((r) => r.id));
  return ids;
}

export async function insertJudgedChallenge(
  db: Inserter,
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
): Promise<JudgedChallenge> {
  const now = options.now ?? Date.now();
  const at = (offset: number) => new Date(now + offset);
  let state = options.seed ?? 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const completedShare = options.completed ?? 0.9;
  const [challenge] = await db
    .insert(challenges)
    .values({
      slug: options.slug,
      title: `评审规模测试 ${options.slug}`,
      summary: '大规模评审测试',
      departmentId: options.departmentId,
      status: 'published',
      opensAt: at(-60 * DAY),
      closesAt: at(-DAY),
      judgingEndsAt: at(30 * DAY),
      assignmentMode: 'per_entry',
      judgesPerEntry: options.perEntry,
      peoplesChoice: options.peoplesChoice ?? false,
      entriesPublic: true,
      publishedAt: at(-60 * DAY),
    })
    .returning({ id: challenges.id });
  const challengeId = challenge!.id;
  const criterionIds = (
    await db
      .insert(criteria)
      .values([
        { challengeId, name: '可行性', weight: 40, maxScore: 10, position: 0 },
        { challengeId, name: '数据使用', weight: 35, maxScore: 10, position: 1 },
        { challengeId, name: '影响', weight: 25, maxScore: 5, position: 2 },
      ])
      .returning({ id: criteria.id })
  ).map((r) => r.id);

  const person = (email: string, name: string) => ({ email, name, passwordHash: 'x', role: 'participant' as const, emailVerifiedAt: at(0) });
  // The first judge works where the first entry's team does: a possible conflict to flag.
  const judgeEmails = Array.from({ length: options.judges }, (_, j) => (j === 0 ? `judge0@${options.slug}.edu.cn` : `judge${j}-${options.slug}@example.org`));
  const judgeIds = await insertAll(judgeEmails.map((email, j) => person(email, `评委${j}`)), (batch) => db.insert(users).values(batch).returning({ id: users.id }));
  await insertAll(judgeIds.map((userId, j) => ({ challengeId, userId, email: judgeEmails[j]!, acceptedAt: at(-50 * DAY) })), (batch) => db.insert(challengeJudges).values(batch).returning({ id: challengeJudges.id }));

  const ownerEmails = Array.from({ length: options.entries }, (_, e) => (e === 0 ? `student@cs.${options.slug}.edu.cn` : `team${e}-${options.slug}@example.org`));
  const ownerIds = await insertAll(ownerEmails.map((email, e) => person(email, `队长${e}`)), (batch) => db.insert(users).values(batch).returning({ id: users.id }));
  const entryIds = await insertAll(
    ownerIds.map((owner, e) => ({ challengeId, kind: 'idea' as const, title: `作品 ${options.slug} 第${e}号`, teamName: `团队${e}`, summary: '摘要', status: 'submitted' as const, submittedAt: at(-2 * DAY), createdBy: owner })),
    (batch) => db.insert(submissions).values(batch).returning({ id: submissions.id }),
  );
  await insertAll(
    entryIds.map((submissionId, e) => ({ submissionId, challengeId, userId: ownerIds[e]!, email: ownerEmails[e]!, role: 'owner' as const, status: 'active' as const, joinedAt: at(-3 * DAY) })),
    (batch) => db.insert(submissionMembers).values(batch).returning({ id: submissionMembers.id }),
  );
  const quality = entryIds.map(() => 0.3 + random() * 0.6);
  const leniency = judgeIds.map(() => (random() - 0.5) * 0.2);

  const maxima = [10, 10, 5];
  const conflicted: JudgedChallenge['conflicted'] = [];
  const assignments: { challengeId: number; submissionId: number; judgeId: number; createdAt: Date }[] = [];
  const planned: { entryId: number; judgeId: number; completed: boolean; note: string; feedback: string; scores: number[] }[] = [];
  entryIds.forEach((entryId, e) => {
    for (let k = 0; k < options.perEntry; k += 1) {
      const j = (e * options.perEntry + k) % judgeIds.length;
      const judgeId = judgeIds[j]!;
      // Every 40th entry's first judge declared a conflict: no assignment, and no review counts.
      if (e % 40 === 5 && k === 0) {
        conflicted.push({ entryId, judgeId });
        continue;
      }
      assignments.push({ challengeId, submissionId: entryId, judgeId, createdAt: at(-DAY) });
      const roll = random();
      if (roll >= completedShare + 0.03) continue;
      const completed = roll < completedShare;
      const given: number[] = [];
      maxima.forEach((max, c) => {
        if (!completed && c > 0) return;
        const share = Math.min(1, Math.max(0, quality[e]! + leniency[j]! + (random() - 0.5) * 0.2));
        given.push(Math.round(share * max * 2) / 2);
      });
      planned.push({ entryId, judgeId, completed, note: e % 7 === 0 ? `备注：第${e}号作品值得关注` : '', feedback: completed ? `反馈${e}-${k}` : '', scores: given });
    }
  });
  if (conflicted.length > 0) {
    await db.insert(conflicts).values(conflicted.map((c) => ({ challengeId, submissionId: c.entryId, judgeId: c.judgeId, source: 'declared' as const, reason: '曾指导该团队', createdAt: at(-DAY / 2) })));
  }
  for (let i = 0; i < assignments.length; i += BATCH) await db.insert(judgeAssignments).values(assignments.slice(i, i + BATCH));
  const reviewIds = await insertAll(
    planned.map((p) => ({
      submissionId: p.entryId,
      judgeId: p.judgeId,
      status: p.completed ? ('completed' as const) : ('draft' as const),
      privateNote: p.note,
      feedback: p.feedback,
      completedAt: p.completed ? at(-DAY / 4) : null,
      createdAt: at(-DAY / 3),
      updatedAt: at(-DAY / 4),
    })),
    (batch) => db.insert(reviews).values(batch).returning({ id: reviews.id }),
  );
  const scoreRows = planned.flatMap((p, i) => p.scores.map((score, c) => ({ reviewId: reviewIds[i]!, criterionId: criterionIds[c]!, score })));
  for (let i = 0; i < scoreRows.length; i += BATCH) await db.insert(scores).values(scoreRows.slice(i, i + BATCH));
  return {
    challengeId,
    slug: options.slug,
    entryIds,
    judgeIds,
    criterionIds,
    reviews: planned.map((p, i) => ({ id: reviewIds[i]!, entryId: p.entryId, judgeId: p.judgeId, completed: p.completed })),
    conflicted,
  };
}
