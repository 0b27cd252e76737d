/**
 * 成果转化 (adoption) records: what became of an entry after the results. One record per entry,
 * kept by officials of the challenge's department or of a department taking the idea up; every
 * save appends a dated public update to its timeline.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import {
  adoptionDepartments,
  adoptions,
  adoptionUpdates,
  awards,
  challenges,
  departments,
  submissions,
  type AdoptionOutcome,
  type AdoptionStage,
  type NotAdoptedReason,
  type TeamResponse,
} from '../../db/tables';
import type { Viewer } from '~/lib/access';
import { inserted } from './rows.server';
import { transaction } from './transaction.server';

export const ADOPTIONS_PAGE_MAX = 100;
export const TIMELINE_MAX = 100;

/** The entry an adoption record is about, with what decides who may keep it. */
export interface AdoptionTarget {
  entryId: number;
  entryTitle: string;
  entryStatus: string;
  challengeId: number;
  challengeSlug: string;
  challengeTitle: string;
  departmentId: number;
  resultsPublishedAt: Date | null;
  awarded: boolean;
  adoptionId: number | null;
  adoptedBy: number[];
}

export async function adoptionTarget(entryId: number): Promise<AdoptionTarget | undefined> {
  const row = (
    await getDb()
      .select({
        entryId: submissions.id,
        entryTitle: submissions.title,
        entryStatus: submissions.status,
        challengeId: challenges.id,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
        departmentId: challenges.departmentId,
        resultsPublishedAt: challenges.resultsPublishedAt,
        adoptionId: adoptions.id,
      })
      .from(submissions)
      .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
      .leftJoin(adoptions, eq(adoptions.submissionId, submissions.id))
      .where(eq(submissions.id, entryId))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const awarded = (await getDb().select({ id: awards.id }).from(awards).where(eq(awards.submissionId, entryId)).limit(1)).length > 0;
  const adoptedBy = row.adoptionId === null ? [] : (await getDb().select({ id: adoptionDepartments.departmentId }).from(adoptionDepartments).where(eq(adoptionDepartments.adoptionId, row.adoptionId))).map((d) => d.id);
  return { ...row, awarded, adoptedBy };
}

/**
 * Who keeps a record: admins, and officials of the challenge's department or of a department
 * already taking the idea up. Only entries of a challenge whose results are out, submitted.
 */
export function canKeepAdoption(viewer: Viewer | null, target: AdoptionTarget): boolean {
  if (!viewer || target.resultsPublishedAt === null || target.entryStatus !== 'submitted') return false;
  if (viewer.role === 'admin') return true;
  if (viewer.role !== 'official' || viewer.departmentId === null) return false;
  return viewer.departmentId === target.departmentId || target.adoptedBy.includes(viewer.departmentId);
}

export interface AdoptionInput {
  stage: AdoptionStage;
  notAdoptedReason: NotAdoptedReason | null;
  note: string;
  /** undefined: leave as it is (the API's optional fields). */
  link?: string | null;
  outcomes?: AdoptionOutcome[];
  adoptedBy?: number[];
  credit?: string;
  terms?: string;
}

/**
 * Creates the record on first use, otherwise changes it; either way appends a dated update with
 * the note to the public timeline (also when the stage is unchanged). Answers the record's id, the
 * stage before (null when new) and the update's id.
 */
export async function saveAdoption(
  target: AdoptionTarget,
  input: AdoptionInput,
  actor: { id: number; departmentId: number | null },
  resultsYear: number,
  now: Date,
): Promise<{ id: number; previousStage: AdoptionStage | null }> {
  return await transaction(async (tx) => {
    const existing = (await tx.select({ id: adoptions.id, stage: adoptions.stage }).from(adoptions).where(eq(adoptions.submissionId, target.entryId)).limit(1))[0];
    const fields = {
      stage: input.stage,
      notAdoptedReason: input.stage === 'not_adopted' ? input.notAdoptedReason : null,
      ...(input.link !== undefined ? { link: input.link } : {}),
      ...(input.outcomes !== undefined ? { outcomes: input.outcomes } : {}),
      ...(input.credit !== undefined ? { credit: input.credit } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
      awarded: target.awarded,
      lastUpdateAt: now,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await tx.update(adoptions).set(fields).where(eq(adoptions.id, id));
    } else {
      id = inserted(
        await tx
          .insert(adoptions)
          .values({ ...fields, submissionId: target.entryId, challengeId: target.challengeId, departmentId: target.departmentId, resultsYear, createdBy: actor.id, createdAt: now })
          .returning({ id: adoptions.id }),
      ).id;
    }
    if (input.adoptedBy !== undefined) {
      await tx.delete(adoptionDepartments).where(eq(adoptionDepartments.adoptionId, id));
      if (input.adoptedBy.length > 0) await tx.insert(adoptionDepartments).values([...new Set(input.adoptedBy)].map((departmentId) => ({ adoptionId: id, departmentId })));
    }
    await tx.insert(adoptionUpdates).values({ adoptionId: id, stage: input.stage, note: input.note, actorId: actor.id, departmentId: actor.departmentId, createdAt: now });
    return { id, previousStage: existing?.stage ?? null };
  });
}

/** The team's word on an "adopted" claim; false when there is no record. */
export async function respondToAdoption(entryId: number, response: TeamResponse, note: string, now: Date): Promise<boolean> {
  const rows = await getDb()
    .update(adoptions)
    .set({ teamResponse: response, teamResponseNote: note, teamRespondedAt: now })
    .where(eq(adoptions.submissionId, entryId))
    .returning({ id: adoptions.id });
  return rows.length > 0;
}

export interface AdoptionRecord {
  id: number;
  stage: AdoptionStage;
  notAdoptedReason: NotAdoptedReason | null;
  awarded: boolean;
  link: string | null;
  outcomes: AdoptionOutcome[];
  credit: string;
  terms: string;
  teamResponse: TeamResponse | null;
  teamResponseNote: string;
  teamRespondedAt: Date | null;
  resultsYear: number;
  lastUpdateAt: Date;
  entry: { id: number; title: string };
  challenge: { slug: string; title: string };
  department: { slug: string; name: string };
  adoptedBy: { id: number; slug: string; name: string }[];
}

function selectRecords() {
  return getDb()
    .select({
      adoption: adoptions,
      entryTitle: submissions.title,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      departmentSlug: departments.slug,
      departmentName: departments.name,
    })
    .from(adoptions)
    .innerJoin(submissions, eq(adoptions.submissionId, submissions.id))
    .innerJoin(challenges, eq(adoptions.challengeId, challenges.id))
    .innerJoin(departments, eq(adoptions.departmentId, departments.id));
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof selectRecords>['all']>>[number];

async function toRecords(rows: RecordRow[]): Promise<AdoptionRecord[]> {
  const ids = rows.map((r) => r.adoption.id);
  const taking =
    ids.length === 0
      ? []
      : await getDb()
          .select({ adoptionId: adoptionDepartments.adoptionId, id: departments.id, slug: departments.slug, name: departments.name })
          .from(adoptionDepartments)
          .innerJoin(departments, eq(adoptionDepartments.departmentId, departments.id))
          .where(inArray(adoptionDepartments.adoptionId, ids))
          .orderBy(departments.id);
  return rows.map((r) => {
    const a = r.adoption;
    return {
      id: a.id,
      stage: a.stage,
      notAdoptedReason: a.notAdoptedReason,
      awarded: a.awarded,
      link: a.link,
      outcomes: a.outcomes,
      credit: a.credit,
      terms: a.terms,
      teamResponse: a.teamResponse,
      teamResponseNote: a.teamResponseNote,
      teamRespondedAt: a.teamRespondedAt,
      resultsYear: a.resultsYear,
      lastUpdateAt: a.lastUpdateAt,
      entry: { id: a.submissionId, title: r.entryTitle },
      challenge: { slug: r.challengeSlug, title: r.challengeTitle },
      department: { slug: r.departmentSlug, name: r.departmentName },
      adoptedBy: taking.filter((d) => d.adoptionId === a.id).map(({ id, slug, name }) => ({ id, slug, name })),
    };
  });
}

export async function adoptionOfEntry(entryId: number): Promise<AdoptionRecord | undefined> {
  return (await toRecords(await selectRecords().where(eq(adoptions.submissionId, entryId)).limit(1)))[0];
}

export interface AdoptionUpdate {
  id: number;
  stage: AdoptionStage;
  note: string;
  departmentName: string | null;
  createdAt: Date;
}

/** A record's public timeline, newest first. */
export async function adoptionTimeline(adoptionId: number, limit = TIMELINE_MAX): Promise<AdoptionUpdate[]> {
  return await getDb()
    .select({ id: adoptionUpdates.id, stage: adoptionUpdates.stage, note: adoptionUpdates.note, departmentName: departments.name, createdAt: adoptionUpdates.createdAt })
    .from(adoptionUpdates)
    .leftJoin(departments, eq(adoptionUpdates.departmentId, departments.id))
    .where(eq(adoptionUpdates.adoptionId, adoptionId))
    .orderBy(desc(adoptionUpdates.createdAt), desc(adoptionUpdates.id))
    .limit(Math.min(limit, TIMELINE_MAX));
}

/** The public stages: an idea not adopted is listed only when asked for. */
export const LISTED_STAGES: readonly AdoptionStage[] = ['evaluating', 'piloting', 'in_service'];

export interface AdoptionFilter {
  departmentId?: number;
  stage?: AdoptionStage;
  year?: number;
}

function filterCondition(filter: AdoptionFilter): SQL | undefined {
  return and(
    filter.departmentId !== undefined ? eq(adoptions.departmentId, filter.departmentId) : undefined,
    filter.stage ? eq(adoptions.stage, filter.stage) : inArray(adoptions.stage, [...LISTED_STAGES]),
    filter.year !== undefined ? eq(adoptions.resultsYear, filter.year) : undefined,
  );
}

/** Records for the public list and the API, most recently updated first. */
export async function listAdoptions(filter: AdoptionFilter, window: { limit: number; offset: number }): Promise<{ total: number; adoptions: AdoptionRecord[] }> {
  const where = filterCondition(filter);
  const rows = await selectRecords()
    .where(where)
    .orderBy(desc(adoptions.lastUpdateAt), desc(adoptions.id))
    .limit(Math.min(window.limit, ADOPTIONS_PAGE_MAX))
    .offset(window.offset);
  const total = Number((await getDb().select({ n: count() }).from(adoptions).where(where).limit(1))[0]?.n ?? 0);
  return { total, adoptions: await toRecords(rows) };
}

/** The years results were published in, for the filter (newest first). */
export async function adoptionYears(): Promise<number[]> {
  return (await getDb().selectDistinct({ year: adoptions.resultsYear }).from(adoptions).orderBy(desc(adoptions.resultsYear)).limit(50)).map((r) => r.year);
}

export interface AdoptionHeadline {
  awarded: number;
  byStage: Record<AdoptionStage, number>;
  /** Awarded ideas whose department has not reported on them yet. */
  unreported: number;
}

/**
 * "Of 42 awarded ideas: 9 in service, …": awarded entries of challenges with published results
 * (each counted once, however many awards), and where their records stand.
 */
export async function adoptionHeadline(filter: { departmentId?: number; year?: number; yearRange?: { from: Date; to: Date } }): Promise<AdoptionHeadline> {
  const db = getDb();
  const awardedRow = (
    await db
      .select({ n: sql<number>`count(distinct ${awards.submissionId})` })
      .from(awards)
      .innerJoin(challenges, eq(awards.challengeId, challenges.id))
      .where(
        and(
          isNotNull(challenges.resultsPublishedAt),
          filter.departmentId !== undefined ? eq(challenges.departmentId, filter.departmentId) : undefined,
          filter.yearRange ? and(gte(challenges.resultsPublishedAt, filter.yearRange.from), lt(challenges.resultsPublishedAt, filter.yearRange.to)) : undefined,
        ),
      )
      .limit(1)
  )[0];
  const stages = await db
    .select({ stage: adoptions.stage, n: count() })
    .from(adoptions)
    .where(
      and(
        eq(adoptions.awarded, true),
        filter.departmentId !== undefined ? eq(adoptions.departmentId, filter.departmentId) : undefined,
        filter.year !== undefined ? eq(adoptions.resultsYear, filter.year) : undefined,
      ),
    )
    .groupBy(adoptions.stage);
  const byStage: Record<AdoptionStage, number> = { evaluating: 0, piloting: 0, in_service: 0, not_adopted: 0 };
  for (const s of stages) byStage[s.stage] = Number(s.n);
  const awarded = Number(awardedRow?.n ?? 0);
  const reported = Object.values(byStage).reduce((a, b) => a + b, 0);
  return { awarded, byStage, unreported: Math.max(0, awarded - reported) };
}

/** The newest public updates across all records, for the Atom feed. */
export async function recentAdoptionUpdates(limit = 50): Promise<(AdoptionUpdate & { entryId: number; entryTitle: string; challengeTitle: string })[]> {
  return await getDb()
    .select({
      id: adoptionUpdates.id,
      stage: adoptionUpdates.stage,
      note: adoptionUpdates.note,
      departmentName: departments.name,
      createdAt: adoptionUpdates.createdAt,
      entryId: submissions.id,
      entryTitle: submissions.title,
      challengeTitle: challenges.title,
    })
    .from(adoptionUpdates)
    .innerJoin(adoptions, eq(adoptionUpdates.adoptionId, adoptions.id))
    .innerJoin(submissions, eq(adoptions.submissionId, submissions.id))
    .innerJoin(challenges, eq(adoptions.challengeId, challenges.id))
    .leftJoin(departments, eq(adoptionUpdates.departmentId, departments.id))
    .orderBy(desc(adoptionUpdates.createdAt), desc(adoptionUpdates.id))
    .limit(Math.min(limit, ADOPTIONS_PAGE_MAX));
}

/** Departments by slug (the adopting departments the API names), active ones only. */
export async function departmentIdsBySlug(slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await getDb().select({ id: departments.id, slug: departments.slug }).from(departments).where(and(inArray(departments.slug, [...slugs]), isNull(departments.deactivatedAt)));
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export interface ChallengeAdoptionRow {
  entryId: number;
  entryTitle: string;
  awarded: boolean;
  stage: AdoptionStage | null;
  lastUpdateAt: Date | null;
}

/** A challenge's awarded entries and any other entry with a record, with where each stands. */
export async function challengeAdoptionRows(challengeId: number): Promise<ChallengeAdoptionRow[]> {
  const db = getDb();
  const awarded = await db
    .selectDistinct({ entryId: submissions.id, entryTitle: submissions.title, stage: adoptions.stage, lastUpdateAt: adoptions.lastUpdateAt })
    .from(awards)
    .innerJoin(submissions, eq(awards.submissionId, submissions.id))
    .leftJoin(adoptions, eq(adoptions.submissionId, submissions.id))
    .where(eq(awards.challengeId, challengeId))
    .limit(ADOPTIONS_PAGE_MAX);
  const others = await db
    .select({ entryId: submissions.id, entryTitle: submissions.title, stage: adoptions.stage, lastUpdateAt: adoptions.lastUpdateAt })
    .from(adoptions)
    .innerJoin(submissions, eq(adoptions.submissionId, submissions.id))
    .where(and(eq(adoptions.challengeId, challengeId), eq(adoptions.awarded, false)))
    .orderBy(desc(adoptions.lastUpdateAt))
    .limit(ADOPTIONS_PAGE_MAX);
  return [...awarded.map((r) => ({ ...r, awarded: true })), ...others.map((r) => ({ ...r, awarded: false }))];
}

/** Each recorded entry's stage in a challenge (for its public results page). */
export async function adoptionStagesOf(challengeId: number): Promise<{ entryId: number; stage: AdoptionStage }[]> {
  return await getDb()
    .select({ entryId: adoptions.submissionId, stage: adoptions.stage })
    .from(adoptions)
    .where(eq(adoptions.challengeId, challengeId))
    .orderBy(desc(adoptions.lastUpdateAt))
    .limit(ADOPTIONS_PAGE_MAX);
}
