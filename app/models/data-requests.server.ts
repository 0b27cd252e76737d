/** Data requests: what the public asks departments to open, with votes and structured answers. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb } from '../../db/client';
import { inserted, affectedRows } from './rows.server';
import { transaction } from './transaction.server';
import {
  challenges,
  dataRequestEvents,
  dataRequests,
  dataRequestVotes,
  datasets,
  departments,
  users,
  type DataRequestStatus,
  type DeclineReason,
  type RequestEventKind,
} from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import type { AnswerStatus, RequestSort } from '~/lib/validation/data-request';

export interface DataRequestSummary {
  id: number;
  title: string;
  description: string;
  purpose: string;
  status: DataRequestStatus;
  response: string;
  respondedAt: Date | null;
  plannedFor: string | null;
  declineReason: DeclineReason | null;
  createdAt: Date;
  requesterName: string;
  departmentId: number | null;
  departmentSlug: string | null;
  departmentName: string | null;
  dataset: { slug: string; title: string } | null;
  voteCount: number;
  votedByViewer: boolean;
}

const voteCount = dataRequests.voteCount;

const ORDER: Record<RequestSort, SQL[]> = {
  votes: [desc(voteCount), desc(dataRequests.createdAt)],
  newest: [desc(dataRequests.createdAt)],
  oldest: [asc(dataRequests.createdAt)],
  // Unanswered demand first, the longest-waiting at the top.
  // Written as the expression index data_requests_waiting_idx holds, so the list reads it in order.
  waiting: [asc(sql`(${dataRequests.respondedAt} is not null)`), asc(dataRequests.createdAt)],
};

function selectRequests(viewerId: number | null) {
  const linked = alias(datasets, 'linked');
  const voted =
    viewerId === null
      ? sql<number>`0`
      : sql<number>`exists(select 1 from ${dataRequestVotes} where ${dataRequestVotes.requestId} = ${dataRequests.id} and ${dataRequestVotes.userId} = ${viewerId})`;
  return getDb()
    .select({
      request: dataRequests,
      requesterName: users.name,
      departmentSlug: departments.slug,
      departmentName: departments.name,
      linkedSlug: linked.slug,
      linkedTitle: linked.title,
      linkedStatus: linked.status,
      voteCount,
      voted,
    })
    .from(dataRequests)
    .innerJoin(users, eq(dataRequests.requesterId, users.id))
    .leftJoin(departments, eq(dataRequests.departmentId, departments.id))
    .leftJoin(linked, eq(dataRequests.fulfilledDatasetId, linked.id));
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['all']>>[number];

function toSummary(row: SelectedRow): DataRequestSummary {
  const r = row.request;
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    purpose: r.purpose,
    status: r.status,
    response: r.response,
    respondedAt: r.respondedAt,
    plannedFor: r.plannedFor,
    declineReason: r.declineReason,
    createdAt: r.createdAt,
    requesterName: row.requesterName,
    departmentId: r.departmentId,
    departmentSlug: row.departmentSlug,
    departmentName: row.departmentName,
    // Only link a dataset the public can open.
    dataset: row.linkedSlug && row.linkedTitle && row.linkedStatus === 'published' ? { slug: row.linkedSlug, title: row.linkedTitle } : null,
    voteCount: Number(row.voteCount),
    votedByViewer: Boolean(row.voted),
  };
}

export async function listDataRequests(options: { status?: DataRequestStatus; department?: string; sort?: RequestSort; viewerId?: number | null; limit?: number; offset?: number } = {}): Promise<{ requests: DataRequestSummary[]; total: number }> {
  const conditions = and(
    options.status ? eq(dataRequests.status, options.status) : undefined,
    options.department ? eq(departments.slug, options.department) : undefined,
  );
  const rows = await selectRequests(options.viewerId ?? null)
    .where(conditions)
    .orderBy(...ORDER[options.sort ?? 'votes'])
    .limit(options.limit ?? 1000)
    .offset(options.offset ?? 0);
  const total =
    (await getDb().select({ n: sql<number>`count(*)` }).from(dataRequests).leftJoin(departments, eq(dataRequests.departmentId, departments.id)).where(conditions).limit(1))[0]?.n ?? 0;
  return { requests: rows.map(toSummary), total };
}

export interface DataRequestEvent {
  id: number;
  kind: RequestEventKind;
  /** For a `challenge` event: the challenge, while the public can open it. */
  challenge: { slug: string; title: string } | null;
  status: DataRequestStatus;
  note: string;
  actorName: string | null;
  dataset: { slug: string; title: string } | null;
  plannedFor: string | null;
  declineReason: DeclineReason | null;
  createdAt: Date;
}

export async function getDataRequest(id: number, viewer: Viewer | null): Promise<(DataRequestSummary & { events: DataRequestEvent[]; canAnswer: boolean }) | undefined> {
  const row = (await selectRequests(viewer?.id ?? null).where(eq(dataRequests.id, id)).limit(1))[0];
  if (!row) return undefined;
  const summary = toSummary(row);
  const events = (await getDb()
    .select({
      event: dataRequestEvents,
      actorName: users.name,
      datasetSlug: datasets.slug,
      datasetTitle: datasets.title,
      datasetStatus: datasets.status,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      challengeStatus: challenges.status,
    })
    .from(dataRequestEvents)
    .leftJoin(users, eq(dataRequestEvents.actorId, users.id))
    .leftJoin(datasets, eq(dataRequestEvents.datasetId, datasets.id))
    .leftJoin(challenges, eq(dataRequestEvents.challengeId, challenges.id))
    .where(eq(dataRequestEvents.requestId, id))
    .orderBy(asc(dataRequestEvents.createdAt), asc(dataRequestEvents.id)))
    .map((e) => ({
      id: e.event.id,
      kind: e.event.kind,
      challenge: e.challengeSlug && e.challengeTitle && e.challengeStatus === 'published' ? { slug: e.challengeSlug, title: e.challengeTitle } : null,
      status: e.event.status,
      note: e.event.note,
      actorName: e.actorName,
      dataset: e.datasetSlug && e.datasetTitle && e.datasetStatus === 'published' ? { slug: e.datasetSlug, title: e.datasetTitle } : null,
      plannedFor: e.event.plannedFor,
      declineReason: e.event.declineReason,
      createdAt: e.event.createdAt,
    }));
  return { ...summary, events, canAnswer: canAnswer(viewer, summary.departmentId) };
}

/** Officials of the request's department answer it; a request without one can be taken up by any department. */
export function canAnswer(viewer: Viewer | null, departmentId: number | null): boolean {
  if (!viewer) return false;
  if (departmentId === null) return viewer.role === 'admin' || (viewer.role === 'official' && viewer.departmentId !== null);
  return canManageDepartment(viewer, departmentId);
}

export async function createDataRequest(requesterId: number, input: { title: string; description: string; purpose: string; departmentId: number | null }): Promise<number> {
  return await transaction(async (tx) => {
    const row = inserted(await tx
      .insert(dataRequests)
      .values({ title: input.title, description: input.description, purpose: input.purpose, departmentId: input.departmentId, requesterId })
      .returning({ id: dataRequests.id }));
    await tx.insert(dataRequestEvents).values({ requestId: row.id, actorId: requesterId, status: 'open' });
    // Asking for data counts as wanting it.
    await tx.insert(dataRequestVotes).values({ requestId: row.id, userId: requesterId });
    return row.id;
  });
}

/** Adds the user's vote, or takes it back; returns whether the user now supports the request. */
export async function toggleVote(requestId: number, userId: number): Promise<boolean | undefined> {
  const db = getDb();
  if (!(await db.select({ id: dataRequests.id }).from(dataRequests).where(eq(dataRequests.id, requestId)).limit(1))[0]) return undefined;
  return await transaction(async (tx) => {
    const removed = affectedRows(await tx.delete(dataRequestVotes).where(and(eq(dataRequestVotes.requestId, requestId), eq(dataRequestVotes.userId, userId))));
    if (removed > 0) return false;
    await tx.insert(dataRequestVotes).values({ requestId, userId });
    return true;
  });
}

export type AnswerProblem = 'datasetUnknown';

/** Records a department's answer as the request's status and in its history. */
export async function answerDataRequest(
  viewer: Viewer,
  requestId: number,
  answer: { status: AnswerStatus; note: string; datasetSlug: string; plannedFor: string; declineReason: string },
): Promise<{ ok: true } | { ok: false; problem: AnswerProblem } | undefined> {
  const db = getDb();
  const request = (await db.select().from(dataRequests).where(eq(dataRequests.id, requestId)).limit(1))[0];
  if (!request || !canAnswer(viewer, request.departmentId)) return undefined;
  let datasetId: number | null = null;
  if (answer.status === 'exists' || answer.status === 'fulfilled' || answer.status === 'released') {
    const dataset = (await db.select({ id: datasets.id, status: datasets.status, accessLevel: datasets.accessLevel }).from(datasets).where(eq(datasets.slug, answer.datasetSlug)).limit(1))[0];
    if (!dataset || dataset.status !== 'published' || dataset.accessLevel === 'closed') return { ok: false, problem: 'datasetUnknown' };
    datasetId = dataset.id;
  }
  const plannedFor = answer.status === 'planned' ? answer.plannedFor : null;
  const declineReason = answer.status === 'declined' ? (answer.declineReason as DeclineReason) : null;
  const now = new Date();
  await transaction(async (tx) => {
    await tx.update(dataRequests)
      .set({
        status: answer.status,
        response: answer.note,
        respondedBy: viewer.id,
        respondedAt: now,
        fulfilledDatasetId: datasetId,
        plannedFor,
        declineReason,
        // A request nobody had placed belongs to the department that answers it.
        departmentId: request.departmentId ?? viewer.departmentId,
        updatedAt: now,
      })
      .where(eq(dataRequests.id, requestId));
    await tx.insert(dataRequestEvents)
      .values({ requestId, actorId: viewer.id, status: answer.status, note: answer.note, datasetId, plannedFor, declineReason, createdAt: now });
  });
  return { ok: true };
}
