/**
 * Conditional access (有条件开放 / 有条件共享): data-use agreements, applications, the grants they
 * lead to, and the log of every read under a grant. Whether a grant counts for a dataset's current
 * levels is decided by app/lib/access.ts; this module only finds the grants that are in force.
 */
import { and, asc, desc, eq, isNull, lte, gt, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows } from './rows.server';
import { accessApplications, accessGrants, challengeDatasets, challenges, datasetAgreements, datasetResources, datasets, departments, grantReads, submissionMembers, submissions, users } from '../../db/tables';
import type { GrantHolder, Viewer } from '~/lib/access';
import type { ApplicantKind, ApplicationStatus, GrantReadKind } from '~/lib/vocabulary';
import { groupConcat, timeValue } from './dialect.server';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Grants in force

export interface ActiveGrant {
  id: number;
  holder: GrantHolder;
  /** null: every resource of the dataset. */
  resourceIds: number[] | null;
  expiresAt: Date;
}

/**
 * The grants this viewer holds on a dataset right now: not revoked, started, not expired, and for
 * a challenge's entrants not past the end of its judging. A department's grant covers its officials.
 */
export async function activeGrants(datasetId: number, viewer: Viewer, now: Date, resourceId?: number): Promise<ActiveGrant[]> {
  const holders: SQL[] = [eq(accessGrants.userId, viewer.id)];
  if (viewer.role === 'official' && viewer.departmentId !== null) holders.push(eq(accessGrants.departmentId, viewer.departmentId));
  const rows = await getDb()
    .select({ id: accessGrants.id, userId: accessGrants.userId, resourceIds: accessGrants.resourceIds, expiresAt: accessGrants.expiresAt, judgingEndsAt: challenges.judgingEndsAt })
    .from(accessGrants)
    .leftJoin(challenges, eq(accessGrants.challengeId, challenges.id))
    .where(and(eq(accessGrants.datasetId, datasetId), or(...holders), isNull(accessGrants.revokedAt), lte(accessGrants.startsAt, now), gt(accessGrants.expiresAt, now)));
  return rows
    .filter((g) => g.judgingEndsAt === null || g.judgingEndsAt.getTime() > now.getTime())
    .filter((g) => resourceId === undefined || g.resourceIds === null || g.resourceIds.includes(resourceId))
    .map((g) => ({ id: g.id, holder: g.userId === viewer.id ? 'user' : 'department', resourceIds: g.resourceIds, expiresAt: g.expiresAt }));
}

export async function activeGrantHolders(datasetId: number, viewer: Viewer, now: Date, resourceId?: number): Promise<GrantHolder[]> {
  return (await activeGrants(datasetId, viewer, now, resourceId)).map((g) => g.holder);
}

export async function recordGrantRead(entry: { grantId: number; datasetId: number; userId: number; resourceId: number; kind: GrantReadKind; rowCount: number; query: string; at: Date }): Promise<void> {
  await getDb().insert(grantReads).values(entry);
}

// ---------------------------------------------------------------------------------------------
// Data-use agreements

export async function currentAgreement(datasetId: number): Promise<{ version: number; body: string; createdAt: Date } | undefined> {
  return (await getDb()
    .select({ version: datasetAgreements.version, body: datasetAgreements.body, createdAt: datasetAgreements.createdAt })
    .from(datasetAgreements)
    .where(eq(datasetAgreements.datasetId, datasetId))
    .orderBy(desc(datasetAgreements.version))
    .limit(1))[0];
}

export async function agreementVersion(datasetId: number, version: number): Promise<{ version: number; body: string; createdAt: Date } | undefined> {
  return (await getDb()
    .select({ version: datasetAgreements.version, body: datasetAgreements.body, createdAt: datasetAgreements.createdAt })
    .from(datasetAgreements)
    .where(and(eq(datasetAgreements.datasetId, datasetId), eq(datasetAgreements.version, version))).limit(1))[0];
}

/** Saves the agreement as a new version when its text changed; returns the version in force. */
export async function saveAgreement(datasetId: number, body: string, userId: number): Promise<{ version: number; changed: boolean }> {
  const current = await currentAgreement(datasetId);
  if (current && current.body === body) return { version: current.version, changed: false };
  if (!current && body.trim() === '') return { version: 0, changed: false };
  const version = (current?.version ?? 0) + 1;
  await getDb().insert(datasetAgreements).values({ datasetId, version, body, createdBy: userId });
  return { version, changed: true };
}

// ---------------------------------------------------------------------------------------------
// Applications

export interface ApplicationInput {
  datasetId: number;
  applicantId: number;
  applicantKind: ApplicantKind;
  organisationName: string;
  organisationCode: string;
  applicantDepartmentId: number | null;
  purpose: string;
  intendedUse: string;
  resourceIds: number[];
  periodDays: number;
  challengeId: number | null;
  submissionId: number | null;
  agreementVersion: number;
}

export async function createApplication(input: ApplicationInput): Promise<number> {
  return inserted(await getDb().insert(accessApplications).values(input).returning({ id: accessApplications.id })).id;
}

export async function pendingApplicationExists(datasetId: number, applicantId: number): Promise<boolean> {
  return Boolean(
    (await getDb()
      .select({ id: accessApplications.id })
      .from(accessApplications)
      .where(and(eq(accessApplications.datasetId, datasetId), eq(accessApplications.applicantId, applicantId), eq(accessApplications.status, 'pending'))).limit(1))[0],
  );
}

const applicationColumns = {
  id: accessApplications.id,
  datasetId: accessApplications.datasetId,
  datasetSlug: datasets.slug,
  datasetTitle: datasets.title,
  departmentId: datasets.departmentId,
  applicantId: accessApplications.applicantId,
  applicantName: users.name,
  applicantEmail: users.email,
  applicantKind: accessApplications.applicantKind,
  organisationName: accessApplications.organisationName,
  organisationCode: accessApplications.organisationCode,
  applicantDepartmentId: accessApplications.applicantDepartmentId,
  applicantDepartmentName: departments.name,
  purpose: accessApplications.purpose,
  intendedUse: accessApplications.intendedUse,
  resourceIds: accessApplications.resourceIds,
  periodDays: accessApplications.periodDays,
  challengeId: accessApplications.challengeId,
  challengeSlug: challenges.slug,
  challengeTitle: challenges.title,
  submissionId: accessApplications.submissionId,
  submissionTitle: submissions.title,
  agreementVersion: accessApplications.agreementVersion,
  status: accessApplications.status,
  decisionReason: accessApplications.decisionReason,
  decidedAt: accessApplications.decidedAt,
  createdAt: accessApplications.createdAt,
};

export type ApplicationRow = Awaited<ReturnType<typeof selectApplications>>[number];

async function selectApplications(where: SQL | undefined, window: { limit: number; offset: number }, order: 'oldest' | 'newest') {
  return await getDb()
    .select(applicationColumns)
    .from(accessApplications)
    .innerJoin(datasets, eq(accessApplications.datasetId, datasets.id))
    .innerJoin(users, eq(accessApplications.applicantId, users.id))
    .leftJoin(departments, eq(accessApplications.applicantDepartmentId, departments.id))
    .leftJoin(challenges, eq(accessApplications.challengeId, challenges.id))
    .leftJoin(submissions, eq(accessApplications.submissionId, submissions.id))
    .where(where)
    .orderBy(order === 'oldest' ? asc(accessApplications.createdAt) : desc(accessApplications.createdAt), order === 'oldest' ? asc(accessApplications.id) : desc(accessApplications.id))
    .limit(window.limit)
    .offset(window.offset);
}

async function countApplications(where: SQL | undefined): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(accessApplications).innerJoin(datasets, eq(accessApplications.datasetId, datasets.id)).where(where).limit(1))[0]?.n ?? 0;
}

/** Applications to a department's datasets (every department's for 'all'), pending ones oldest first. */
export async function listApplicationsForDepartment(scope: 'all' | number, status: ApplicationStatus | 'all', window: { limit: number; offset: number }) {
  const where = and(scope === 'all' ? undefined : eq(datasets.departmentId, scope), status === 'all' ? undefined : eq(accessApplications.status, status));
  return { applications: await selectApplications(where, window, status === 'pending' ? 'oldest' : 'newest'), total: await countApplications(where) };
}

export async function listApplicationsOfApplicant(applicantId: number, window: { limit: number; offset: number }) {
  const where = eq(accessApplications.applicantId, applicantId);
  return { applications: await selectApplications(where, window, 'newest'), total: await countApplications(where) };
}

export async function getApplication(id: number): Promise<ApplicationRow | undefined> {
  return (await selectApplications(eq(accessApplications.id, id), { limit: 1, offset: 0 }, 'newest'))[0];
}

export async function countPendingApplications(departmentId: number): Promise<number> {
  return await countApplications(and(eq(datasets.departmentId, departmentId), eq(accessApplications.status, 'pending')));
}

/** The grant an approved application led to, if any. */
export async function grantOfApplication(applicationId: number) {
  return (await getDb().select().from(accessGrants).where(eq(accessGrants.applicationId, applicationId)).limit(1))[0];
}

/** Approves: the application is marked and its grant created, from now for the approved period. */
export async function approveApplication(args: { applicationId: number; deciderId: number; resourceIds: number[] | null; periodDays: number; now: Date }): Promise<number | undefined> {
  const application = (await getDb().select().from(accessApplications).where(eq(accessApplications.id, args.applicationId)).limit(1))[0];
  if (!application || application.status !== 'pending') return undefined;
  await getDb()
    .update(accessApplications)
    .set({ status: 'approved', decidedBy: args.deciderId, decidedAt: args.now })
    .where(eq(accessApplications.id, application.id));
  return inserted(await getDb()
    .insert(accessGrants)
    .values({
      datasetId: application.datasetId,
      applicationId: application.id,
      userId: application.applicantKind === 'department' ? null : application.applicantId,
      departmentId: application.applicantKind === 'department' ? application.applicantDepartmentId : null,
      resourceIds: args.resourceIds,
      agreementVersion: application.agreementVersion,
      startsAt: args.now,
      expiresAt: new Date(args.now.getTime() + args.periodDays * DAY_MS),
    })
    .returning({ id: accessGrants.id })).id;
}

export async function refuseApplication(args: { applicationId: number; deciderId: number; reason: string; now: Date }): Promise<boolean> {
  const result = await getDb()
    .update(accessApplications)
    .set({ status: 'refused', decisionReason: args.reason, decidedBy: args.deciderId, decidedAt: args.now })
    .where(and(eq(accessApplications.id, args.applicationId), eq(accessApplications.status, 'pending')));
  return affectedRows(result) > 0;
}

export async function withdrawApplication(applicationId: number, applicantId: number): Promise<boolean> {
  const result = await getDb()
    .update(accessApplications)
    .set({ status: 'withdrawn' })
    .where(and(eq(accessApplications.id, applicationId), eq(accessApplications.applicantId, applicantId), eq(accessApplications.status, 'pending')));
  return affectedRows(result) > 0;
}

// ---------------------------------------------------------------------------------------------
// Grants: the department's view, revocation, challenge entrants

export async function getGrant(grantId: number) {
  return (await getDb()
    .select({ grant: accessGrants, departmentId: datasets.departmentId, datasetSlug: datasets.slug, datasetTitle: datasets.title })
    .from(accessGrants)
    .innerJoin(datasets, eq(accessGrants.datasetId, datasets.id))
    .where(eq(accessGrants.id, grantId)).limit(1))[0];
}

/** A dataset's grants, newest first, with who holds each. */
export async function listGrantsForDataset(datasetId: number, window: { limit: number; offset: number }) {
  const where = eq(accessGrants.datasetId, datasetId);
  const grants = await getDb()
    .select({
      id: accessGrants.id,
      userName: users.name,
      userEmail: users.email,
      departmentName: departments.name,
      challengeTitle: challenges.title,
      challengeJudgingEndsAt: challenges.judgingEndsAt,
      resourceIds: accessGrants.resourceIds,
      agreementVersion: accessGrants.agreementVersion,
      startsAt: accessGrants.startsAt,
      expiresAt: accessGrants.expiresAt,
      revokedAt: accessGrants.revokedAt,
      applicationId: accessGrants.applicationId,
      reads: sql<number>`(select count(*) from grant_reads r where r.grant_id = "access_grants"."id")`,
    })
    .from(accessGrants)
    .leftJoin(users, eq(accessGrants.userId, users.id))
    .leftJoin(departments, eq(accessGrants.departmentId, departments.id))
    .leftJoin(challenges, eq(accessGrants.challengeId, challenges.id))
    .where(where)
    .orderBy(desc(accessGrants.createdAt), desc(accessGrants.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = (await getDb().select({ n: sql<number>`count(*)` }).from(accessGrants).where(where).limit(1))[0]?.n ?? 0;
  return { grants, total };
}

/** The grants a person holds (their own and their department's), newest first. */
export async function listGrantsOfUser(viewer: Viewer, window: { limit: number; offset: number }) {
  const holders: SQL[] = [eq(accessGrants.userId, viewer.id)];
  if (viewer.role === 'official' && viewer.departmentId !== null) holders.push(eq(accessGrants.departmentId, viewer.departmentId));
  return await getDb()
    .select({
      id: accessGrants.id,
      datasetSlug: datasets.slug,
      datasetTitle: datasets.title,
      challengeTitle: challenges.title,
      challengeJudgingEndsAt: challenges.judgingEndsAt,
      startsAt: accessGrants.startsAt,
      expiresAt: accessGrants.expiresAt,
      revokedAt: accessGrants.revokedAt,
    })
    .from(accessGrants)
    .innerJoin(datasets, eq(accessGrants.datasetId, datasets.id))
    .leftJoin(challenges, eq(accessGrants.challengeId, challenges.id))
    .where(or(...holders))
    .orderBy(desc(accessGrants.createdAt), desc(accessGrants.id))
    .limit(window.limit)
    .offset(window.offset);
}

export async function revokeGrant(grantId: number, revokedBy: number, now: Date): Promise<boolean> {
  const result = await getDb()
    .update(accessGrants)
    .set({ revokedAt: now, revokedBy })
    .where(and(eq(accessGrants.id, grantId), isNull(accessGrants.revokedAt)));
  return affectedRows(result) > 0;
}

/**
 * The automatic grant of a challenge's entrant, created once. Accepting again after the judging
 * was extended carries the grant to the new end (it is also read against the challenge's current
 * end, so a shortened judging ends it sooner).
 */
export async function ensureEntrantGrant(args: { challengeId: number; datasetId: number; userId: number; agreementVersion: number; now: Date; until: Date }): Promise<number> {
  const existing = (await getDb()
    .select({ id: accessGrants.id, expiresAt: accessGrants.expiresAt })
    .from(accessGrants)
    .where(and(eq(accessGrants.challengeId, args.challengeId), eq(accessGrants.userId, args.userId), eq(accessGrants.datasetId, args.datasetId), isNull(accessGrants.revokedAt))).limit(1))[0];
  if (existing) {
    if (existing.expiresAt < args.until) await getDb().update(accessGrants).set({ expiresAt: args.until, agreementVersion: args.agreementVersion }).where(eq(accessGrants.id, existing.id));
    return existing.id;
  }
  return inserted(await getDb()
    .insert(accessGrants)
    .values({ datasetId: args.datasetId, userId: args.userId, challengeId: args.challengeId, agreementVersion: args.agreementVersion, startsAt: args.now, expiresAt: args.until })
    .returning({ id: accessGrants.id })).id;
}

/** The read log of a dataset, newest first: who, when, which resource, how, how many rows. */
export async function listGrantReads(datasetId: number, window: { limit: number; offset: number }) {
  const where = eq(grantReads.datasetId, datasetId);
  const reads = await getDb()
    .select({
      id: grantReads.id,
      grantId: grantReads.grantId,
      userName: users.name,
      userEmail: users.email,
      resourceName: datasetResources.name,
      kind: grantReads.kind,
      rowCount: grantReads.rowCount,
      query: grantReads.query,
      at: grantReads.at,
    })
    .from(grantReads)
    .leftJoin(users, eq(grantReads.userId, users.id))
    .leftJoin(datasetResources, eq(grantReads.resourceId, datasetResources.id))
    .where(where)
    .orderBy(desc(grantReads.at), desc(grantReads.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = (await getDb().select({ n: sql<number>`count(*)` }).from(grantReads).where(where).limit(1))[0]?.n ?? 0;
  return { reads, total };
}

/** Resource ids and names of a dataset's served tables, for the application form. */
export async function servedResourcesOf(datasetId: number): Promise<{ id: number; name: string }[]> {
  return await getDb()
    .select({ id: datasetResources.id, name: datasetResources.name })
    .from(datasetResources)
    .where(and(eq(datasetResources.datasetId, datasetId), eq(datasetResources.importStatus, 'ready')))
    .orderBy(asc(datasetResources.position), asc(datasetResources.id));
}

/** A published challenge that links this dataset, by slug: for an application made for it. */
export async function challengeLinkingDataset(challengeSlug: string, datasetId: number) {
  return (await getDb()
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status, opensAt: challenges.opensAt, closesAt: challenges.closesAt, judgingEndsAt: challenges.judgingEndsAt, departmentId: challenges.departmentId, entrantAccess: challengeDatasets.entrantAccess })
    .from(challengeDatasets)
    .innerJoin(challenges, eq(challengeDatasets.challengeId, challenges.id))
    .where(and(eq(challenges.slug, challengeSlug), eq(challengeDatasets.datasetId, datasetId), eq(challenges.status, 'published'))).limit(1))[0];
}

/** Whether the user is an active member of the entry, and the entry is in that challenge. */
export async function isActiveMemberOfEntry(userId: number, entryId: number, challengeId: number): Promise<boolean> {
  return Boolean(
    (await getDb()
      .select({ id: submissionMembers.id })
      .from(submissionMembers)
      .innerJoin(submissions, eq(submissionMembers.submissionId, submissions.id))
      .where(and(eq(submissionMembers.userId, userId), eq(submissionMembers.submissionId, entryId), eq(submissionMembers.status, 'active'), eq(submissions.challengeId, challengeId))).limit(1))[0],
  );
}

/** The user's entries in a challenge (for the application form's entry choice). */
export async function entriesOfUserInChallenge(userId: number, challengeId: number): Promise<{ id: number; title: string }[]> {
  return await getDb()
    .select({ id: submissions.id, title: submissions.title })
    .from(submissionMembers)
    .innerJoin(submissions, eq(submissionMembers.submissionId, submissions.id))
    .where(and(eq(submissionMembers.userId, userId), eq(submissionMembers.status, 'active'), eq(submissions.challengeId, challengeId)))
    .orderBy(desc(submissions.id))
    .limit(50);
}

/** Published challenges linking this dataset, for the application form (newest first, capped). */
export async function challengesLinkingDataset(datasetId: number): Promise<{ slug: string; title: string; entrantAccess: boolean; judgingEndsAt: Date; opensAt: Date; closesAt: Date; id: number }[]> {
  return await getDb()
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, entrantAccess: challengeDatasets.entrantAccess, judgingEndsAt: challenges.judgingEndsAt, opensAt: challenges.opensAt, closesAt: challenges.closesAt })
    .from(challengeDatasets)
    .innerJoin(challenges, eq(challengeDatasets.challengeId, challenges.id))
    .where(and(eq(challengeDatasets.datasetId, datasetId), eq(challenges.status, 'published')))
    .orderBy(desc(challenges.judgingEndsAt))
    .limit(20);
}

// ---------------------------------------------------------------------------------------------
// Sharing between departments

/**
 * Datasets a department shares (共享属性 other than 不予共享; every department's for 'all'), with
 * the departments holding a grant on each right now, newest first.
 */
export async function listSharedByDepartment(scope: 'all' | number, now: Date, window: { limit: number; offset: number }) {
  const where = and(eq(datasets.status, 'published'), sql`${datasets.sharing} <> 'not_shared'`, scope === 'all' ? undefined : eq(datasets.departmentId, scope));
  const rows = await getDb()
    .select({
      slug: datasets.slug,
      title: datasets.title,
      accessLevel: datasets.accessLevel,
      sharing: datasets.sharing,
      sharingConditions: datasets.sharingConditions,
      // Written with aliases: drizzle leaves column names unqualified inside a selected subquery.
      grantees: sql<string | null>`(select ${groupConcat(sql`dep.name`, '、')} from access_grants g join departments dep on dep.id = g.department_id
        where g.dataset_id = "datasets"."id" and g.revoked_at is null and g.expires_at > ${timeValue(now)})`,
    })
    .from(datasets)
    .where(where)
    .orderBy(desc(datasets.publishedAt), desc(datasets.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = (await getDb().select({ n: sql<number>`count(*)` }).from(datasets).where(where).limit(1))[0]?.n ?? 0;
  return { datasets: rows, total };
}

/** Other departments' datasets this department may read: shared unconditionally, or by a grant in force. */
export async function listSharedWithDepartment(departmentId: number, now: Date, window: { limit: number; offset: number }) {
  const granted = sql`exists (select 1 from ${accessGrants} where ${accessGrants.datasetId} = ${datasets.id} and ${accessGrants.departmentId} = ${departmentId}
    and ${accessGrants.revokedAt} is null and ${accessGrants.expiresAt} > ${timeValue(now)})`;
  const where = and(
    eq(datasets.status, 'published'),
    sql`${datasets.departmentId} <> ${departmentId}`,
    or(eq(datasets.sharing, 'shared'), and(eq(datasets.sharing, 'conditional'), granted)),
  );
  const rows = await getDb()
    .select({ slug: datasets.slug, title: datasets.title, departmentName: departments.name, accessLevel: datasets.accessLevel, sharing: datasets.sharing })
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(where)
    .orderBy(desc(datasets.publishedAt), desc(datasets.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = (await getDb().select({ n: sql<number>`count(*)` }).from(datasets).where(where).limit(1))[0]?.n ?? 0;
  return { datasets: rows, total };
}
