/**
 * Challenges that answer the public's data requests: the link both ways, and its announcement.
 * A link made while the challenge is a draft stays private; when the challenge is published (or a
 * published challenge is linked) the request's public history gains a "challenge opened" event and
 * its asker and supporters are told, once per link (`announced_at`).
 */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { challengeRequests, challenges, dataRequestEvents, dataRequests, dataRequestVotes, datasets, departments } from '../../db/tables';
import type { DataRequestStatus } from '~/lib/vocabulary';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { canAnswer } from './data-requests.server';
import { affectedRows } from './rows.server';
import { transaction } from './transaction.server';

/** How many requests a challenge page lists, and how many challenges the link picker offers. */
export const REQUESTS_PER_CHALLENGE = 20;
export const LINKABLE_CHALLENGES = 50;

/** Who may answer a request with a challenge: those who may answer it, unless it was declined. */
export function canStartChallengeFrom(viewer: Viewer | null, request: { departmentId: number | null; status: DataRequestStatus }): boolean {
  return request.status !== 'declined' && canAnswer(viewer, request.departmentId);
}

export interface RequestToStartFrom {
  id: number;
  title: string;
  description: string;
  purpose: string;
  status: DataRequestStatus;
  departmentId: number | null;
  /** The fulfilled dataset, when it is published (a challenge can only link published datasets). */
  datasetSlug: string | null;
}

export async function requestToStartFrom(requestId: number): Promise<RequestToStartFrom | undefined> {
  const row = (
    await getDb()
      .select({ request: dataRequests, datasetSlug: datasets.slug, datasetStatus: datasets.status })
      .from(dataRequests)
      .leftJoin(datasets, eq(dataRequests.fulfilledDatasetId, datasets.id))
      .where(eq(dataRequests.id, requestId))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const r = row.request;
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    purpose: r.purpose,
    status: r.status,
    departmentId: r.departmentId,
    datasetSlug: row.datasetStatus === 'published' ? row.datasetSlug : null,
  };
}

export async function linkedRequestCount(challengeId: number): Promise<number> {
  const row = (await getDb().select({ n: sql<number>`count(*)` }).from(challengeRequests).where(eq(challengeRequests.challengeId, challengeId)).limit(1))[0];
  return Number(row?.n ?? 0);
}

/** Links a request to a challenge; false when they were linked already. */
export async function linkRequest(challengeId: number, requestId: number, linkedBy: number, now: Date): Promise<boolean> {
  const rows = await getDb()
    .insert(challengeRequests)
    .values({ challengeId, requestId, linkedBy, createdAt: now })
    .onConflictDoNothing()
    .returning({ requestId: challengeRequests.requestId });
  return rows.length > 0;
}

export interface AnsweredRequest {
  id: number;
  title: string;
  voteCount: number;
}

/** The requests a challenge answers, most supported first. */
export async function requestsAnsweredBy(challengeId: number): Promise<AnsweredRequest[]> {
  return await getDb()
    .select({ id: dataRequests.id, title: dataRequests.title, voteCount: dataRequests.voteCount })
    .from(challengeRequests)
    .innerJoin(dataRequests, eq(challengeRequests.requestId, dataRequests.id))
    .where(eq(challengeRequests.challengeId, challengeId))
    .orderBy(desc(dataRequests.voteCount), desc(dataRequests.id))
    .limit(REQUESTS_PER_CHALLENGE);
}

export interface LinkableChallenge {
  id: number;
  slug: string;
  title: string;
  status: string;
  departmentName: string;
}

/**
 * Challenges the viewer may link a request to: their department's (any department's for an admin),
 * still taking part in the story (results not yet published), newest first.
 */
export async function linkableChallenges(viewer: Viewer, requestId: number): Promise<LinkableChallenge[]> {
  if (viewer.role !== 'admin' && (viewer.role !== 'official' || viewer.departmentId === null)) return [];
  const linked = sql`exists(select 1 from ${challengeRequests} where ${challengeRequests.challengeId} = ${challenges.id} and ${challengeRequests.requestId} = ${requestId})`;
  return await getDb()
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status, departmentName: departments.name })
    .from(challenges)
    .innerJoin(departments, eq(challenges.departmentId, departments.id))
    .where(and(viewer.role === 'admin' ? undefined : eq(challenges.departmentId, viewer.departmentId ?? -1), isNull(challenges.resultsPublishedAt), sql`not ${linked}`))
    .orderBy(desc(challenges.id))
    .limit(LINKABLE_CHALLENGES);
}

/** The challenge a viewer links a request to, when they may (their department's, results not out). */
export async function challengeToLink(viewer: Viewer, challengeId: number): Promise<{ id: number; slug: string; title: string; status: string } | undefined> {
  const row = (
    await getDb()
      .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status, departmentId: challenges.departmentId, resultsPublishedAt: challenges.resultsPublishedAt })
      .from(challenges)
      .where(eq(challenges.id, challengeId))
      .limit(1)
  )[0];
  if (!row || row.resultsPublishedAt !== null || !canManageDepartment(viewer, row.departmentId)) return undefined;
  return { id: row.id, slug: row.slug, title: row.title, status: row.status };
}

export interface Announcement {
  requestId: number;
  title: string;
  /** The asker and everyone who supports the request. */
  userIds: number[];
}

/**
 * For a published challenge, the links not yet announced: each request's history gains its
 * "challenge opened" event (its status unchanged), and each link is marked, in one transaction,
 * so a second call announces nothing again. Answers who is to be told.
 */
export async function announceChallengeRequests(challengeId: number, actorId: number, now: Date): Promise<Announcement[]> {
  return await transaction(async (tx) => {
    const published = (await tx.select({ status: challenges.status }).from(challenges).where(eq(challenges.id, challengeId)).limit(1))[0];
    if (published?.status !== 'published') return [];
    const pending = await tx
      .select({ requestId: dataRequests.id, title: dataRequests.title, status: dataRequests.status, requesterId: dataRequests.requesterId })
      .from(challengeRequests)
      .innerJoin(dataRequests, eq(challengeRequests.requestId, dataRequests.id))
      .where(and(eq(challengeRequests.challengeId, challengeId), isNull(challengeRequests.announcedAt)))
      .limit(REQUESTS_PER_CHALLENGE);
    const announcements: Announcement[] = [];
    for (const request of pending) {
      const marked = affectedRows(
        await tx
          .update(challengeRequests)
          .set({ announcedAt: now })
          .where(and(eq(challengeRequests.challengeId, challengeId), eq(challengeRequests.requestId, request.requestId), isNull(challengeRequests.announcedAt))),
      );
      if (marked === 0) continue;
      await tx.insert(dataRequestEvents).values({ requestId: request.requestId, kind: 'challenge', challengeId, actorId, status: request.status, createdAt: now });
      const voters = await tx.select({ userId: dataRequestVotes.userId }).from(dataRequestVotes).where(eq(dataRequestVotes.requestId, request.requestId));
      announcements.push({ requestId: request.requestId, title: request.title, userIds: [request.requesterId, ...voters.map((v) => v.userId)] });
    }
    return announcements;
  });
}

/** The announced requests a challenge answers, each with its asker and supporters (for news of its ideas). */
export async function requestSupportersOf(challengeId: number): Promise<Announcement[]> {
  const requests = await getDb()
    .select({ requestId: dataRequests.id, title: dataRequests.title, requesterId: dataRequests.requesterId })
    .from(challengeRequests)
    .innerJoin(dataRequests, eq(challengeRequests.requestId, dataRequests.id))
    .where(and(eq(challengeRequests.challengeId, challengeId), isNotNull(challengeRequests.announcedAt)))
    .limit(REQUESTS_PER_CHALLENGE);
  const result: Announcement[] = [];
  for (const request of requests) {
    const voters = await getDb().select({ userId: dataRequestVotes.userId }).from(dataRequestVotes).where(eq(dataRequestVotes.requestId, request.requestId));
    result.push({ requestId: request.requestId, title: request.title, userIds: [request.requesterId, ...voters.map((v) => v.userId)] });
  }
  return result;
}
