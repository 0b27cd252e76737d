/**
 * What officials do with their department's challenges: create, edit under the post-publication
 * rules, publish, post announcements and FAQ, and invite judges. Every function takes the acting
 * viewer and checks the department itself.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows } from './rows.server';
import { transaction } from './transaction.server';
import {
  challengeDatasets,
  challengeJudges,
  challengePosts,
  challenges,
  criteria,
  datasets,
  departments,
  submissionMembers,
  submissions,
  users,
  type PostKind,
} from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { encodeNotice } from '~/lib/announcements';
import { changeProblems, describeChanges, type ChallengeSettings, type ChangeNotice, type ChangeProblem, type ProblemField } from '~/lib/challenge-rules';
import { challengePhase, type Phase } from '~/lib/phase';
import { normaliseEmail } from './users.server';

export type ChallengeInput = ChallengeSettings & { slug: string };

async function loadChallenge(where: ReturnType<typeof eq>) {
  return (await getDb()
    .select({ challenge: challenges, departmentName: departments.name, departmentSlug: departments.slug })
    .from(challenges)
    .innerJoin(departments, eq(challenges.departmentId, departments.id))
    .where(where).limit(1))[0];
}

async function settingsOf(challengeId: number): Promise<ChallengeSettings | undefined> {
  const row = (await getDb().select().from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row) return undefined;
  const criteriaRows = await getDb()
    .select({ name: criteria.name, description: criteria.description, weight: criteria.weight, maxScore: criteria.maxScore })
    .from(criteria)
    .where(eq(criteria.challengeId, challengeId))
    .orderBy(asc(criteria.position), asc(criteria.id));
  const linked = await getDb()
    .select({ slug: datasets.slug, entrantAccess: challengeDatasets.entrantAccess })
    .from(challengeDatasets)
    .innerJoin(datasets, eq(challengeDatasets.datasetId, datasets.id))
    .where(eq(challengeDatasets.challengeId, challengeId));
  const datasetSlugs = linked.map((r) => r.slug);
  const entrantAccessSlugs = linked.filter((r) => r.entrantAccess).map((r) => r.slug);
  return {
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    judgingEndsAt: row.judgingEndsAt,
    title: row.title,
    summary: row.summary,
    body: row.body,
    prizes: row.prizes,
    allowIdeas: row.allowIdeas,
    allowPrototypes: row.allowPrototypes,
    teamSizeLimit: row.teamSizeLimit,
    blindJudging: row.blindJudging,
    peoplesChoice: row.peoplesChoice,
    entriesPublic: row.entriesPublic,
    criteria: criteriaRows,
    datasetSlugs,
    entrantAccessSlugs,
  };
}

/** A challenge the viewer may manage, with everything the management pages show. */
export async function getManagedChallenge(slug: string, viewer: Viewer, now: Date) {
  const row = await loadChallenge(eq(challenges.slug, slug));
  if (!row || !canManageDepartment(viewer, row.challenge.departmentId)) return undefined;
  const c = row.challenge;
  const settings = await settingsOf(c.id);
  if (!settings) return undefined;
  const db = getDb();
  const judges = await db
    .select({ id: challengeJudges.id, email: challengeJudges.email, userId: challengeJudges.userId, name: users.name, acceptedAt: challengeJudges.acceptedAt, createdAt: challengeJudges.createdAt })
    .from(challengeJudges)
    .leftJoin(users, eq(challengeJudges.userId, users.id))
    .where(eq(challengeJudges.challengeId, c.id))
    .orderBy(asc(challengeJudges.id));
  const posts = await db.select().from(challengePosts).where(eq(challengePosts.challengeId, c.id)).orderBy(desc(challengePosts.createdAt), desc(challengePosts.id));
  const drafts = (await db.select({ n: sql<number>`count(*)` }).from(submissions).where(and(eq(submissions.challengeId, c.id), eq(submissions.status, 'draft'))).limit(1))[0]?.n ?? 0;
  return {
    id: c.id,
    slug: c.slug,
    status: c.status,
    phase: challengePhase(c, now),
    departmentId: c.departmentId,
    departmentName: row.departmentName,
    publishedAt: c.publishedAt,
    updatedAt: c.updatedAt,
    settings,
    judges,
    posts,
    draftCount: Number(drafts),
  };
}

/**
 * One page of the entries the organisers see on a challenge's management page (everything but
 * drafts), latest submission first, and how many there are.
 */
export async function listManagedEntries(challengeId: number, window: { limit: number; offset: number }) {
  const db = getDb();
  const notDraft = and(eq(submissions.challengeId, challengeId), inArray(submissions.status, ['submitted', 'withdrawn', 'disqualified']));
  const entries = await db
    .select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName, kind: submissions.kind, status: submissions.status, submittedAt: submissions.submittedAt, updatedAt: submissions.updatedAt })
    .from(submissions)
    .where(notDraft)
    .orderBy(desc(submissions.submittedAt), desc(submissions.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = Number((await db.select({ n: sql<number>`count(*)` }).from(submissions).where(notDraft).limit(1))[0]?.n ?? 0);
  return { entries, total };
}

/** A challenge's slug, for audit entries and redirects after a change. */
export async function challengeSlug(challengeId: number): Promise<string> {
  return (await getDb().select({ slug: challenges.slug }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0]?.slug ?? '';
}

/** What a notification about the challenge names. */
export async function challengeForNotice(challengeId: number): Promise<{ slug: string; title: string; status: string } | undefined> {
  return (await getDb().select({ slug: challenges.slug, title: challenges.title, status: challenges.status }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
}

export class ChallengeSlugTakenError extends Error {
  constructor() {
    super('slug taken');
  }
}

export async function isChallengeSlugTaken(slug: string, exceptId?: number): Promise<boolean> {
  return (await getDb()
    .select({ id: challenges.id })
    .from(challenges)
    .where(eq(challenges.slug, slug)))
    .some((r) => r.id !== exceptId);
}

/**
 * Criteria are updated in place by position, never deleted and re-created: judges' scores refer to
 * criterion rows, and an edit that leaves the rubric as it was (extending judging, fixing a typo in
 * the brief) must not touch them.
 */
async function writeCriteria(challengeId: number, next: ChallengeSettings['criteria']): Promise<void> {
  const db = getDb();
  const existing = await db.select({ id: criteria.id }).from(criteria).where(eq(criteria.challengeId, challengeId)).orderBy(asc(criteria.position), asc(criteria.id));
  for (const [position, c] of next.entries()) {
    const values = { name: c.name, description: c.description, weight: c.weight, maxScore: c.maxScore, position };
    const row = existing[position];
    if (row) await db.update(criteria).set(values).where(eq(criteria.id, row.id));
    else await db.insert(criteria).values({ challengeId, ...values });
  }
  const surplus = existing.slice(next.length).map((r) => r.id);
  if (surplus.length > 0) await db.delete(criteria).where(inArray(criteria.id, surplus));
}

async function writeCriteriaAndDatasets(challengeId: number, settings: ChallengeSettings): Promise<void> {
  const db = getDb();
  await writeCriteria(challengeId, settings.criteria);
  await db.delete(challengeDatasets).where(eq(challengeDatasets.challengeId, challengeId));
  if (settings.datasetSlugs.length > 0) {
    // Only publicly listed datasets (open or conditional) can be linked; anything else in the form is ignored.
    const rows = await db
      .select({ id: datasets.id, slug: datasets.slug, accessLevel: datasets.accessLevel, departmentId: datasets.departmentId })
      .from(datasets)
      .where(and(inArray(datasets.slug, settings.datasetSlugs), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')));
    // Entrants get conditional rows only from the department that owns them: a challenge cannot
    // open another department's data.
    const owner = (await db.select({ departmentId: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0]?.departmentId;
    const opened = new Set(settings.entrantAccessSlugs ?? []);
    for (const row of rows) {
      const entrantAccess = opened.has(row.slug) && row.accessLevel === 'conditional' && row.departmentId === owner;
      await db.insert(challengeDatasets).values({ challengeId, datasetId: row.id, entrantAccess });
    }
  }
}

function rowValues(input: ChallengeInput) {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    prizes: input.prizes,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    judgingEndsAt: input.judgingEndsAt,
    allowIdeas: input.allowIdeas,
    allowPrototypes: input.allowPrototypes,
    teamSizeLimit: input.teamSizeLimit,
    blindJudging: input.blindJudging,
    peoplesChoice: input.peoplesChoice,
    entriesPublic: input.entriesPublic,
  };
}

/** Creates a draft challenge in a department the viewer manages. */
export async function createChallenge(viewer: Viewer, departmentId: number, input: ChallengeInput): Promise<{ id: number; slug: string } | undefined> {
  if (!canManageDepartment(viewer, departmentId)) return undefined;
  if (await isChallengeSlugTaken(input.slug)) throw new ChallengeSlugTakenError();
  return await transaction(async () => {
    const row = inserted(await getDb()
      .insert(challenges)
      .values({ ...rowValues(input), slug: input.slug, departmentId, createdBy: viewer.id })
      .returning({ id: challenges.id, slug: challenges.slug }));
    await writeCriteriaAndDatasets(row.id, input);
    return row;
  });
}

export type UpdateResult =
  | { ok: true; slug: string; notices: ChangeNotice[]; phase: Phase }
  | { ok: false; problems: { field: ProblemField; problem: ChangeProblem }[] };

/**
 * Applies an edit under the rules of the challenge's phase. After publication, every change that
 * matters to participants is posted as an automatic announcement.
 */
export async function updateChallenge(viewer: Viewer, challengeId: number, input: ChallengeInput, now: Date): Promise<UpdateResult | undefined> {
  const row = (await getDb().select().from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  const current = await settingsOf(challengeId);
  if (!row || !current || !canManageDepartment(viewer, row.departmentId)) return undefined;
  const phase = challengePhase(row, now);
  const problems = changeProblems({ current, next: input, phase, kindsInUse: await kindsInUse(challengeId) });
  if (problems.length > 0) return { ok: false, problems };
  // The URL name may change only while nobody outside the department has seen the challenge.
  const slug = row.status === 'draft' && input.slug ? input.slug : row.slug;
  if (slug !== row.slug && await isChallengeSlugTaken(slug, challengeId)) throw new ChallengeSlugTakenError();
  const notices = row.status === 'published' ? describeChanges(current, input) : [];
  await transaction(async () => {
    await getDb()
      .update(challenges)
      .set({ ...rowValues(input), slug, updatedAt: now })
      .where(eq(challenges.id, challengeId));
    await writeCriteriaAndDatasets(challengeId, input);
    for (const notice of notices) {
      await getDb().insert(challengePosts).values({ challengeId, kind: 'announcement', body: encodeNotice(notice), automatic: true, createdBy: viewer.id, createdAt: now });
    }
  });
  return { ok: true, slug, notices, phase };
}

export type PublishProblem = 'noCriteria' | 'closesPassed';

export async function publishChallenge(viewer: Viewer, challengeId: number, now: Date): Promise<{ ok: true } | { ok: false; problem: PublishProblem } | undefined> {
  const row = (await getDb().select().from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return undefined;
  if (row.status === 'published') return { ok: true };
  const count = (await getDb().select({ n: sql<number>`count(*)` }).from(criteria).where(eq(criteria.challengeId, challengeId)).limit(1))[0]?.n ?? 0;
  if (Number(count) === 0) return { ok: false, problem: 'noCriteria' };
  // A challenge published after its own deadline could never receive an entry.
  if (row.closesAt.getTime() <= now.getTime()) return { ok: false, problem: 'closesPassed' };
  await getDb().update(challenges).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(challenges.id, challengeId));
  return { ok: true };
}

/** Which entry kinds existing entries use (they cannot be disallowed afterwards). */
export async function kindsInUse(challengeId: number): Promise<{ idea: boolean; prototype: boolean }> {
  const kinds = await getDb().selectDistinct({ kind: submissions.kind }).from(submissions).where(eq(submissions.challengeId, challengeId));
  return { idea: kinds.some((k) => k.kind === 'idea'), prototype: kinds.some((k) => k.kind === 'prototype') };
}

export async function addChallengePost(viewer: Viewer, challengeId: number, post: { kind: PostKind; title: string; body: string }): Promise<number | undefined> {
  const row = (await getDb().select({ departmentId: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return undefined;
  return inserted(await getDb()
    .insert(challengePosts)
    .values({ challengeId, kind: post.kind, title: post.title, body: post.body, createdBy: viewer.id })
    .returning({ id: challengePosts.id })).id;
}

export async function deleteChallengePost(viewer: Viewer, challengeId: number, postId: number): Promise<boolean> {
  const row = (await getDb().select({ departmentId: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return false;
  return affectedRows(await getDb().delete(challengePosts).where(and(eq(challengePosts.id, postId), eq(challengePosts.challengeId, challengeId)))) > 0;
}

export type JudgeInviteResult = { ok: true; assigned: boolean } | { ok: false; problem: 'alreadyInvited' | 'isEntrant' };

/**
 * Invites a judge by e-mail: someone with an account is assigned at once; an unknown address gets
 * a pending invitation that attaches when that person registers.
 */
export async function inviteJudge(viewer: Viewer, challengeId: number, email: string, now = new Date()): Promise<JudgeInviteResult | undefined> {
  const db = getDb();
  const row = (await db.select({ departmentId: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return undefined;
  const address = normaliseEmail(email);
  if ((await db.select({ id: challengeJudges.id }).from(challengeJudges).where(and(eq(challengeJudges.challengeId, challengeId), eq(challengeJudges.email, address))).limit(1))[0]) {
    return { ok: false, problem: 'alreadyInvited' };
  }
  const user = (await db.select({ id: users.id }).from(users).where(eq(users.email, address)).limit(1))[0];
  if (user) {
    // Someone competing in the challenge cannot judge it.
    const entrant = (await db
      .select({ id: submissionMembers.id })
      .from(submissionMembers)
      .where(and(eq(submissionMembers.challengeId, challengeId), eq(submissionMembers.userId, user.id), eq(submissionMembers.status, 'active'))).limit(1))[0];
    if (entrant) return { ok: false, problem: 'isEntrant' };
  }
  await db.insert(challengeJudges)
    .values({ challengeId, email: address, userId: user?.id ?? null, invitedBy: viewer.id, createdAt: now, acceptedAt: user ? now : null });
  return { ok: true, assigned: Boolean(user) };
}

export async function removeJudge(viewer: Viewer, challengeId: number, judgeRowId: number): Promise<boolean> {
  const db = getDb();
  const row = (await db.select({ departmentId: challenges.departmentId }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return false;
  return affectedRows(await db.delete(challengeJudges).where(and(eq(challengeJudges.id, judgeRowId), eq(challengeJudges.challengeId, challengeId)))) > 0;
}

/** Pending judge invitations for an address attach to the account that registers with it. */
export async function attachPendingJudgeInvitations(userId: number, email: string, now = new Date()): Promise<number> {
  return affectedRows(await getDb()
    .update(challengeJudges)
    .set({ userId, acceptedAt: now })
    .where(and(eq(challengeJudges.email, normaliseEmail(email)), isNull(challengeJudges.userId))));
}
