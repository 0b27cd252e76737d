/**
 * Challenges as the public and officials see them. Visibility is decided here, next to the query:
 * drafts exist only for officials of the owning department and admins.
 */
import { containsPattern } from '~/lib/like-pattern';
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import {
  awards,
  challengeDatasets,
  challengeJudges,
  challengePosts,
  challenges,
  criteria,
  datasets,
  departments,
  submissions,
} from '../../db/tables';
import { canManageDepartment, managedDepartmentScope, type Viewer } from '~/lib/access';
import { challengePhase, type Phase, type PublicPhase } from '~/lib/phase';
import { epochMs, likeText, timeValue } from './dialect.server';

export type ChallengeRow = typeof challenges.$inferSelect;

/** SQL form of lib/phase.ts, for filtering lists in the database. Keep the two in step. */
function phaseCondition(phase: PublicPhase, now: Date): SQL | undefined {
  const resultsOut = and(isNotNull(challenges.resultsPublishedAt), lte(challenges.resultsPublishedAt, now));
  const noResults = sql`(${challenges.resultsPublishedAt} is null or ${challenges.resultsPublishedAt} > ${timeValue(now)})`;
  switch (phase) {
    case 'results':
      return resultsOut;
    case 'upcoming':
      return and(noResults, gt(challenges.opensAt, now));
    case 'open':
      return and(noResults, lte(challenges.opensAt, now), gt(challenges.closesAt, now));
    case 'judging':
      return and(noResults, lte(challenges.closesAt, now));
  }
}

const entryCount = sql<number>`(select count(*) from ${submissions} where ${submissions.challengeId} = ${challenges.id} and ${submissions.status} = 'submitted')`;

const listColumns = {
  id: challenges.id,
  slug: challenges.slug,
  title: challenges.title,
  summary: challenges.summary,
  status: challenges.status,
  opensAt: challenges.opensAt,
  closesAt: challenges.closesAt,
  judgingEndsAt: challenges.judgingEndsAt,
  resultsPublishedAt: challenges.resultsPublishedAt,
  updatedAt: challenges.updatedAt,
  departmentId: challenges.departmentId,
  departmentName: departments.name,
  entryCount,
};

export interface ChallengeSummary {
  id: number;
  slug: string;
  title: string;
  summary: string;
  phase: Phase;
  opensAt: Date;
  closesAt: Date;
  judgingEndsAt: Date;
  resultsPublishedAt: Date | null;
  updatedAt: Date;
  departmentId: number;
  departmentName: string;
  entryCount: number;
}

type SummarySource = Pick<
  ChallengeRow,
  'id' | 'slug' | 'title' | 'summary' | 'status' | 'opensAt' | 'closesAt' | 'judgingEndsAt' | 'resultsPublishedAt' | 'updatedAt' | 'departmentId'
> & { departmentName: string; entryCount: number };

function toSummary(row: SummarySource, now: Date): ChallengeSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    phase: challengePhase(row, now),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    judgingEndsAt: row.judgingEndsAt,
    resultsPublishedAt: row.resultsPublishedAt,
    updatedAt: row.updatedAt,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    entryCount: Number(row.entryCount),
  };
}

/**
 * The order a visitor wants across phases, in SQL (the same rules as lib/phase.ts): open ones by
 * nearest deadline, then upcoming by opening, then judging and finished ones newest first.
 */
function phaseOrder(now: Date): SQL[] {
  const t = timeValue(now);
  // Ordered as numbers (epoch milliseconds) so that "newest first" can be a negation.
  const closes = epochMs(challenges.closesAt);
  const rank = sql`case
    when ${challenges.resultsPublishedAt} is not null and ${challenges.resultsPublishedAt} <= ${t} then 3
    when ${challenges.opensAt} > ${t} then 1
    when ${challenges.closesAt} > ${t} then 0
    else 2 end`;
  const within = sql`case
    when ${challenges.resultsPublishedAt} is not null and ${challenges.resultsPublishedAt} <= ${t} then -${closes}
    when ${challenges.opensAt} > ${t} then ${epochMs(challenges.opensAt)}
    when ${challenges.closesAt} > ${t} then ${closes}
    else -${closes} end`;
  return [rank, within, asc(challenges.id)];
}

/**
 * Published challenges, optionally of one phase, one page at a time. The page is chosen first
 * (ids only) and its cards read after, so entry counts are computed for the page alone.
 */
export async function listPublicChallenges(options: {
  now: Date;
  phase?: PublicPhase;
  department?: string;
  q?: string;
  /** 'deadline': nearest deadline first across phases; default groups by phase. */
  sort?: 'phase' | 'deadline';
  limit: number;
  offset?: number;
}): Promise<{ challenges: ChallengeSummary[]; total: number }> {
  const q = options.q?.trim();
  const pattern = q ? containsPattern(q) : null;
  const where = and(
    eq(challenges.status, 'published'),
    options.phase ? phaseCondition(options.phase, options.now) : undefined,
    options.department ? sql`${challenges.departmentId} = (select ${departments.id} from ${departments} where ${departments.slug} = ${options.department})` : undefined,
    pattern ? sql`(${likeText(challenges.title, pattern)} OR ${likeText(challenges.summary, pattern)} OR ${likeText(challenges.body, pattern)})` : undefined,
  );
  const db = getDb();
  const order = options.sort === 'deadline' ? [asc(challenges.closesAt), asc(challenges.id)] : phaseOrder(options.now);
  const ids = (await db
    .select({ id: challenges.id })
    .from(challenges)
    .where(where)
    .orderBy(...order)
    .limit(options.limit)
    .offset(options.offset ?? 0))
    .map((r) => r.id);
  const total = (await db.select({ n: sql<number>`count(*)` }).from(challenges).where(where).limit(1))[0]?.n ?? 0;
  return { challenges: await challengeSummariesByIds(ids, options.now), total: Number(total) };
}

/** Challenge cards for these ids, in the order given. */
async function challengeSummariesByIds(ids: number[], now: Date): Promise<ChallengeSummary[]> {
  if (ids.length === 0) return [];
  const rows = await getDb().select(listColumns).from(challenges).innerJoin(departments, eq(challenges.departmentId, departments.id)).where(inArray(challenges.id, ids));
  const byId = new Map(rows.map((row) => [row.id, toSummary(row, now)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One page of a department's challenges (all departments for admins), drafts included, latest change first. */
export async function listChallengesForManager(viewer: Viewer, now: Date, window: { limit: number; offset: number }): Promise<{ challenges: ChallengeSummary[]; total: number }> {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return { challenges: [], total: 0 };
  const where = scope === 'all' ? undefined : eq(challenges.departmentId, scope);
  const db = getDb();
  const ids = (await db.select({ id: challenges.id }).from(challenges).where(where).orderBy(desc(challenges.updatedAt), desc(challenges.id)).limit(window.limit).offset(window.offset)).map((r) => r.id);
  const total = Number((await db.select({ n: sql<number>`count(*)` }).from(challenges).where(where).limit(1))[0]?.n ?? 0);
  return { challenges: await challengeSummariesByIds(ids, now), total };
}

export interface ChallengeDetail extends ChallengeSummary {
  body: string;
  prizes: string;
  status: 'draft' | 'published';
  allowIdeas: boolean;
  allowPrototypes: boolean;
  teamSizeLimit: number;
  blindJudging: boolean;
  peoplesChoice: boolean;
  entriesPublic: boolean;
  criteria: { id: number; name: string; description: string; weight: number; maxScore: number }[];
  datasets: { slug: string; title: string; departmentName: string; accessLevel: string; entrantAccess: boolean }[];
  awards: { kind: (typeof awards.$inferSelect)['kind']; customName: string | null; entryId: number; title: string; teamName: string }[];
  posts: { id: number; kind: 'announcement' | 'faq'; title: string; body: string; automatic: boolean; createdAt: Date }[];
}

/** A challenge as this viewer may see it, or undefined when it does not exist for them. */
export async function getChallengeForViewer(args: { slug: string; viewer: Viewer | null; now: Date }): Promise<ChallengeDetail | undefined> {
  const db = getDb();
  const row = (await db
    .select({ challenge: challenges, departmentName: departments.name, entryCount })
    .from(challenges)
    .innerJoin(departments, eq(challenges.departmentId, departments.id))
    .where(eq(challenges.slug, args.slug)).limit(1))[0];
  if (!row) return undefined;
  const c = row.challenge;
  if (c.status !== 'published' && !canManageDepartment(args.viewer, c.departmentId)) return undefined;

  const criteriaRows = await db
    .select({ id: criteria.id, name: criteria.name, description: criteria.description, weight: criteria.weight, maxScore: criteria.maxScore })
    .from(criteria)
    .where(eq(criteria.challengeId, c.id))
    .orderBy(asc(criteria.position), asc(criteria.id));
  const datasetRows = await db
    .select({ slug: datasets.slug, title: datasets.title, departmentName: departments.name, accessLevel: datasets.accessLevel, entrantAccess: challengeDatasets.entrantAccess })
    .from(challengeDatasets)
    .innerJoin(datasets, eq(challengeDatasets.datasetId, datasets.id))
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(and(eq(challengeDatasets.challengeId, c.id), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')))
    .orderBy(asc(datasets.title));
  const phase = challengePhase(c, args.now);
  // Awards are public only once results are out.
  const awardRows =
    phase === 'results'
      ? await db
          .select({ kind: awards.kind, customName: awards.customName, entryId: submissions.id, title: submissions.title, teamName: submissions.teamName })
          .from(awards)
          .innerJoin(submissions, eq(awards.submissionId, submissions.id))
          .where(and(eq(awards.challengeId, c.id), eq(submissions.status, 'submitted')))
          .orderBy(asc(awards.position), asc(awards.id))
      : [];

  const posts = await db
    .select({ id: challengePosts.id, kind: challengePosts.kind, title: challengePosts.title, body: challengePosts.body, automatic: challengePosts.automatic, createdAt: challengePosts.createdAt })
    .from(challengePosts)
    .where(eq(challengePosts.challengeId, c.id))
    .orderBy(desc(challengePosts.createdAt), desc(challengePosts.id));

  return {
    ...toSummary({ ...c, departmentName: row.departmentName, entryCount: row.entryCount }, args.now),
    posts,
    body: c.body,
    prizes: c.prizes,
    status: c.status,
    allowIdeas: c.allowIdeas,
    allowPrototypes: c.allowPrototypes,
    teamSizeLimit: c.teamSizeLimit,
    blindJudging: c.blindJudging,
    peoplesChoice: c.peoplesChoice,
    entriesPublic: c.entriesPublic,
    criteria: criteriaRows,
    datasets: datasetRows,
    awards: awardRows,
  };
}

/** Published challenges that link a dataset. */
export async function listChallengesUsingDataset(datasetId: number, now: Date): Promise<ChallengeSummary[]> {
  const ids = (await getDb()
    .select({ id: challengeDatasets.challengeId })
    .from(challengeDatasets)
    .where(eq(challengeDatasets.datasetId, datasetId)))
    .map((r) => r.id);
  if (ids.length === 0) return [];
  return (await getDb()
    .select(listColumns)
    .from(challenges)
    .innerJoin(departments, eq(challenges.departmentId, departments.id))
    .where(and(inArray(challenges.id, ids), eq(challenges.status, 'published')))
    .orderBy(desc(challenges.opensAt)))
    .map((row) => toSummary(row, now));
}

export async function countPublicChallenges(): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(challenges).where(eq(challenges.status, 'published')).limit(1))[0]?.n ?? 0;
}

export async function countSubmittedEntries(): Promise<number> {
  return (
    (await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
      .where(and(eq(submissions.status, 'submitted'), eq(challenges.status, 'published'))).limit(1))[0]?.n ?? 0
  );
}

export async function isJudgeOfChallenge(challengeId: number, userId: number): Promise<boolean> {
  return Boolean(
    (await getDb()
      .select({ id: challengeJudges.id })
      .from(challengeJudges)
      .where(and(eq(challengeJudges.challengeId, challengeId), eq(challengeJudges.userId, userId))).limit(1))[0],
  );
}
