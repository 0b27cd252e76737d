/**
 * The discussion under challenges, public entries and data requests, and its moderation. Every
 * function resolves the comment's target for the acting viewer first: a comment id from a form is
 * never trusted on its own, and a target the viewer cannot see has no comments for them.
 */
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows, selectRow, selectRows } from './rows.server';
import { transaction } from './transaction.server';
import {
  challengePosts,
  challenges,
  commentReports,
  comments,
  dataRequests,
  submissionMembers,
  submissions,
  users,
  type CommentTarget,
  type ReportReason,
} from '../../db/tables';
import { canManageDepartment, managedDepartmentScope, type Viewer } from '~/lib/access';
import { AUTO_HIDE_REPORTS, commentPermalink, faqQuestionFrom, repeatKey, REPEAT_WINDOW_MS, withinEditWindow } from '~/lib/comment-rules';
import { entriesArePublic } from '~/lib/entry-access';
import { challengePhase } from '~/lib/phase';
import { timeValue } from './dialect.server';

type CommentRow = typeof comments.$inferSelect;

export interface CommentTargetInfo {
  type: CommentTarget;
  id: number;
  title: string;
  /** The page the discussion is on. */
  href: string;
  canModerate: boolean;
  /** The viewer's comments here are marked as the organisers' answer. */
  officialVoice: boolean;
  /** Team members whose names stay hidden while judging is blind. */
  maskedAuthorIds: ReadonlySet<number>;
  /** An entry's team members, whose comments are marked as the team's answer (when not masked). */
  teamAuthorIds?: ReadonlySet<number>;
  /** For pinning answers into the FAQ. */
  challengeId: number | null;
}

function isOfficialOf(viewer: Viewer | null, departmentId: number | null): boolean {
  if (!viewer || viewer.role !== 'official' || viewer.departmentId === null) return false;
  return departmentId === null || viewer.departmentId === departmentId;
}

function canModerateFor(viewer: Viewer | null, departmentId: number | null): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return departmentId === null ? isOfficialOf(viewer, null) : canManageDepartment(viewer, departmentId);
}

/** The target as this viewer may discuss it, or undefined when there is no discussion for them. */
export async function resolveCommentTarget(type: CommentTarget, id: number, viewer: Viewer | null, now: Date): Promise<CommentTargetInfo | undefined> {
  const db = getDb();
  // The department whose officials answer and moderate; null for a request addressed to nobody.
  const base = (departmentId: number | null) => ({
    canModerate: canModerateFor(viewer, departmentId),
    officialVoice: isOfficialOf(viewer, departmentId),
  });
  if (type === 'challenge') {
    const c = (await db.select().from(challenges).where(and(eq(challenges.id, id), eq(challenges.status, 'published'))).limit(1))[0];
    if (!c) return undefined;
    return { type, id, title: c.title, href: `/challenges/${c.slug}`, ...base(c.departmentId), maskedAuthorIds: new Set(), challengeId: c.id };
  }
  if (type === 'submission') {
    const row = (await db
      .select({ entry: submissions, challenge: challenges })
      .from(submissions)
      .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
      .where(and(eq(submissions.id, id), eq(submissions.status, 'submitted'), eq(challenges.status, 'published'))).limit(1))[0];
    if (!row) return undefined;
    const phase = challengePhase(row.challenge, now);
    // Only entries the public can read have a public discussion.
    if (!entriesArePublic(row.challenge, phase)) return undefined;
    const blind = row.challenge.blindJudging && phase !== 'results';
    const members = (await db
      .select({ userId: submissionMembers.userId })
      .from(submissionMembers)
      .where(and(eq(submissionMembers.submissionId, id), eq(submissionMembers.status, 'active'))))
      .flatMap((m) => (m.userId === null ? [] : [m.userId]));
    return {
      type,
      id,
      title: row.entry.title,
      href: `/entries/${id}`,
      ...base(row.challenge.departmentId),
      maskedAuthorIds: new Set(blind ? members : []),
      teamAuthorIds: new Set(blind ? [] : members),
      challengeId: null,
    };
  }
  const r = (await db.select({ id: dataRequests.id, title: dataRequests.title, departmentId: dataRequests.departmentId }).from(dataRequests).where(eq(dataRequests.id, id)).limit(1))[0];
  if (!r) return undefined;
  return { type, id, title: r.title, href: `/requests/${id}`, ...base(r.departmentId), maskedAuthorIds: new Set(), challengeId: null };
}

export interface CommentRecord {
  id: number;
  parentId: number | null;
  authorId: number;
  authorName: string;
  body: string;
  isOfficial: boolean;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  /** Hidden by three reports rather than by a moderator. */
  autoHidden: boolean;
  deleted: boolean;
  openReports: number;
  reportedByViewer: boolean;
  pinned: boolean;
}

/** Top-level comments per page of a discussion, and the replies shown under each. */
export const THREADS_PER_PAGE = 20;
export const REPLIES_PER_THREAD = 100;

export interface CommentPage {
  /** The page's top-level comments and their replies (at most REPLIES_PER_THREAD each), oldest first. */
  records: CommentRecord[];
  page: number;
  pages: number;
  /** Replies not shown, per top-level comment id. */
  moreReplies: Map<number, number>;
  /** Comments and replies everyone can read, over every page. */
  visibleCount: number;
}

const onTarget = (target: CommentTargetInfo) => and(eq(comments.targetType, target.type), eq(comments.targetId, target.id));

/** The page (1-based) that holds a comment's thread, or undefined when the comment is not here. */
async function pageOfComment(target: CommentTargetInfo, commentId: number): Promise<number | undefined> {
  const db = getDb();
  const comment = (await db.select({ id: comments.id, parentId: comments.parentId }).from(comments).where(and(onTarget(target), eq(comments.id, commentId))).limit(1))[0];
  if (!comment) return undefined;
  const root = (await db.select({ id: comments.id, createdAt: comments.createdAt }).from(comments).where(eq(comments.id, comment.parentId ?? comment.id)).limit(1))[0];
  if (!root) return undefined;
  const before = (await db
    .select({ n: sql<number>`count(*)` })
    .from(comments)
    .where(and(onTarget(target), isNull(comments.parentId), sql`(${comments.createdAt} < ${timeValue(root.createdAt)} or (${comments.createdAt} = ${timeValue(root.createdAt)} and ${comments.id} < ${root.id}))`)).limit(1))[0]?.n;
  return Math.floor(Number(before ?? 0) / THREADS_PER_PAGE) + 1;
}

/**
 * One page of the discussion: top-level comments oldest first, each with its replies. `focus`
 * (a comment id from a permalink) picks the page that holds it, whatever `page` says.
 */
export async function listCommentPage(target: CommentTargetInfo, viewerId: number | null, options: { page?: number; focus?: number | null } = {}): Promise<CommentPage> {
  const db = getDb();
  const topLevel = and(onTarget(target), isNull(comments.parentId));
  const threads = Number((await db.select({ n: sql<number>`count(*)` }).from(comments).where(topLevel).limit(1))[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(threads / THREADS_PER_PAGE));
  const focused = options.focus ? await pageOfComment(target, options.focus) : undefined;
  const page = Math.min(pages, focused ?? Math.max(1, options.page ?? 1));
  const visibleCount = Number(
    (await db.select({ n: sql<number>`count(*)` }).from(comments).where(and(onTarget(target), isNull(comments.deletedAt), isNull(comments.hiddenAt))).limit(1))[0]?.n ?? 0,
  );
  const columns = { comment: comments, authorName: users.name };
  const roots = await db
    .select(columns)
    .from(comments)
    .innerJoin(users, eq(comments.authorId, users.id))
    .where(topLevel)
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(THREADS_PER_PAGE)
    .offset((page - 1) * THREADS_PER_PAGE);
  const moreReplies = new Map<number, number>();
  const rows: { comment: CommentRow; authorName: string }[] = [];
  for (const root of roots) {
    const replies = await db
      .select(columns)
      .from(comments)
      .innerJoin(users, eq(comments.authorId, users.id))
      .where(and(onTarget(target), eq(comments.parentId, root.comment.id)))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(REPLIES_PER_THREAD + 1);
    if (replies.length > REPLIES_PER_THREAD) {
      const total = Number((await db.select({ n: sql<number>`count(*)` }).from(comments).where(and(onTarget(target), eq(comments.parentId, root.comment.id))).limit(1))[0]?.n ?? 0);
      moreReplies.set(root.comment.id, total - REPLIES_PER_THREAD);
    }
    rows.push(root, ...replies.slice(0, REPLIES_PER_THREAD));
  }
  return { records: await toRecords(rows, viewerId), page, pages, moreReplies, visibleCount };
}

/** Adds what the page needs beside each comment: open reports, the viewer's own reports, FAQ pins. */
async function toRecords(rows: { comment: CommentRow; authorName: string }[], viewerId: number | null): Promise<CommentRecord[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((r) => r.comment.id);
  const reports = await db
    .select({ commentId: commentReports.commentId, reporterId: commentReports.reporterId, resolvedAt: commentReports.resolvedAt })
    .from(commentReports)
    .where(inArray(commentReports.commentId, ids));
  const pinned = new Set(
    (await db
      .select({ id: challengePosts.sourceCommentId })
      .from(challengePosts)
      .where(and(inArray(challengePosts.sourceCommentId, ids), eq(challengePosts.kind, 'faq'))))
      .map((p) => p.id),
  );
  const open = new Map<number, number>();
  const reportedByViewer = new Set<number>();
  for (const r of reports) {
    if (r.resolvedAt === null) open.set(r.commentId, (open.get(r.commentId) ?? 0) + 1);
    if (viewerId !== null && r.reporterId === viewerId) reportedByViewer.add(r.commentId);
  }
  return rows.map(({ comment: c, authorName }) => ({
    id: c.id,
    parentId: c.parentId,
    authorId: c.authorId,
    authorName,
    body: c.body,
    isOfficial: c.isOfficial,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    hiddenAt: c.hiddenAt,
    hiddenReason: c.hiddenReason,
    autoHidden: c.hiddenAt !== null && c.hiddenByReports,
    deleted: c.deletedAt !== null,
    openReports: open.get(c.id) ?? 0,
    reportedByViewer: reportedByViewer.has(c.id),
    pinned: pinned.has(c.id),
  }));
}

async function commentOn(target: CommentTargetInfo, commentId: number): Promise<CommentRow | undefined> {
  return (await getDb()
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.targetType, target.type), eq(comments.targetId, target.id))).limit(1))[0];
}

export type CreateProblem = 'parentInvalid' | 'repeat';

export async function createComment(args: {
  target: CommentTargetInfo;
  authorId: number;
  parentId: number | null;
  body: string;
  now: Date;
}): Promise<{ ok: true; id: number; parentAuthorId: number | null } | { ok: false; problem: CreateProblem }> {
  const db = getDb();
  const body = args.body.trim();
  let parentAuthorId: number | null = null;
  if (args.parentId !== null) {
    const parent = await commentOn(args.target, args.parentId);
    // One level of replies, and only to comments everyone can still read.
    if (!parent || parent.parentId !== null || parent.deletedAt !== null || parent.hiddenAt !== null) return { ok: false, problem: 'parentInvalid' };
    parentAuthorId = parent.authorId;
  }
  const since = new Date(args.now.getTime() - REPEAT_WINDOW_MS);
  const key = repeatKey(body);
  const recent = await db
    .select({ body: comments.body })
    .from(comments)
    .where(and(eq(comments.authorId, args.authorId), gt(comments.createdAt, since), isNull(comments.deletedAt)));
  if (key !== '' && recent.some((r) => repeatKey(r.body) === key)) return { ok: false, problem: 'repeat' };
  const id = inserted(await db
    .insert(comments)
    .values({
      targetType: args.target.type,
      targetId: args.target.id,
      parentId: args.parentId,
      authorId: args.authorId,
      body,
      isOfficial: args.target.officialVoice,
      createdAt: args.now,
      updatedAt: args.now,
    })
    .returning({ id: comments.id })).id;
  return { ok: true, id, parentAuthorId };
}

export type EditProblem = 'notAllowed' | 'windowClosed';

export async function editComment(target: CommentTargetInfo, viewerId: number, commentId: number, body: string, now: Date): Promise<{ ok: true } | { ok: false; problem: EditProblem } | undefined> {
  const row = await commentOn(target, commentId);
  if (!row || row.deletedAt !== null) return undefined;
  // A hidden comment stays as the moderator saw it.
  if (row.authorId !== viewerId || row.hiddenAt !== null) return { ok: false, problem: 'notAllowed' };
  if (!withinEditWindow(row.createdAt, now)) return { ok: false, problem: 'windowClosed' };
  await getDb().update(comments).set({ body: body.trim(), editedAt: now, updatedAt: now }).where(eq(comments.id, commentId));
  return { ok: true };
}

/** The author deletes their own comment: the text goes; replies to it stay under a placeholder. */
export async function deleteComment(target: CommentTargetInfo, viewerId: number, commentId: number, now: Date): Promise<boolean> {
  const row = await commentOn(target, commentId);
  if (!row || row.deletedAt !== null || row.authorId !== viewerId) return false;
  await transaction(async () => {
    await getDb().update(comments).set({ body: '', deletedAt: now, updatedAt: now }).where(eq(comments.id, commentId));
    await resolveReports(commentId, now);
    await removeFaqCopies(commentId);
  });
  return true;
}

/**
 * A FAQ entry pinned from the discussion is a copy of a question and its answer: when either is
 * deleted or hidden, the copy goes too, so a phone number reported in a question does not live on.
 */
async function removeFaqCopies(commentId: number): Promise<void> {
  const db = getDb();
  const replies = (await db.select({ id: comments.id }).from(comments).where(eq(comments.parentId, commentId))).map((r) => r.id);
  await db.delete(challengePosts)
    .where(and(eq(challengePosts.kind, 'faq'), inArray(challengePosts.sourceCommentId, [commentId, ...replies])));
}

export type ReportProblem = 'own' | 'already';

/** One report per person; the third open report from different people hides the comment. */
export async function reportComment(
  target: CommentTargetInfo,
  reporterId: number,
  commentId: number,
  report: { reason: ReportReason; note: string },
  now: Date,
): Promise<{ ok: true; autoHidden: boolean } | { ok: false; problem: ReportProblem } | undefined> {
  return await transaction(async (tx) => {
    const row = (await tx.select().from(comments).where(and(eq(comments.id, commentId), eq(comments.targetType, target.type), eq(comments.targetId, target.id))).limit(1))[0];
    // A hidden comment has had (or is waiting for) a moderator's decision already.
    if (!row || row.deletedAt !== null || row.hiddenAt !== null) return undefined;
    if (row.authorId === reporterId) return { ok: false as const, problem: 'own' as const };
    const added = await tx
      .insert(commentReports)
      .values({ commentId, reporterId, reason: report.reason, note: report.note, createdAt: now })
      .onConflictDoNothing();
    if (affectedRows(added) === 0) return { ok: false as const, problem: 'already' as const };
    const open = (await tx
      .select({ n: sql<number>`count(*)` })
      .from(commentReports)
      .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt))).limit(1))[0]?.n;
    // The organisers' answers are not silenced by reports alone: they wait in the queue instead.
    const autoHidden = !row.isOfficial && Number(open) >= AUTO_HIDE_REPORTS;
    if (autoHidden) await tx.update(comments).set({ hiddenAt: now, hiddenBy: null, hiddenReason: null, hiddenByReports: true, updatedAt: now }).where(eq(comments.id, commentId));
    return { ok: true as const, autoHidden };
  });
}

async function resolveReports(commentId: number, now: Date): Promise<void> {
  await getDb().update(commentReports).set({ resolvedAt: now }).where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)));
}

/**
 * A moderator's decision: hide with a reason (the author still sees it; also "keep hidden" for one
 * hidden by reports), restore, or keep a visible comment and close its reports.
 */
export async function moderateComment(
  target: CommentTargetInfo,
  moderatorId: number,
  commentId: number,
  decision: { action: 'hide'; reason: string } | { action: 'restore' } | { action: 'dismiss' },
  now: Date,
): Promise<boolean> {
  if (!target.canModerate) return false;
  const row = await commentOn(target, commentId);
  if (!row || row.deletedAt !== null) return false;
  if (decision.action === 'restore' && row.hiddenAt === null) return false;
  if (decision.action === 'dismiss' && row.hiddenAt !== null) return false;
  await transaction(async () => {
    if (decision.action === 'hide') {
      await getDb()
        .update(comments)
        .set({ hiddenAt: row.hiddenAt ?? now, hiddenBy: moderatorId, hiddenReason: decision.reason, hiddenByReports: false, updatedAt: now })
        .where(eq(comments.id, commentId));
      await removeFaqCopies(commentId);
    } else if (decision.action === 'restore') {
      await getDb().update(comments).set({ hiddenAt: null, hiddenBy: null, hiddenReason: null, hiddenByReports: false, updatedAt: now }).where(eq(comments.id, commentId));
    }
    await resolveReports(commentId, now);
  });
  return true;
}

export type PinProblem = 'notAnswer' | 'already';

/** An official turns a question and its answer into a FAQ entry of the challenge. */
export async function pinAnswerToFaq(target: CommentTargetInfo, viewerId: number, commentId: number): Promise<{ ok: true; postId: number } | { ok: false; problem: PinProblem } | undefined> {
  if (!target.canModerate || target.challengeId === null) return undefined;
  const db = getDb();
  const answer = await commentOn(target, commentId);
  if (!answer || answer.deletedAt !== null) return undefined;
  const question = answer.parentId === null ? undefined : await commentOn(target, answer.parentId);
  // Only the organisers' own answers become FAQ entries: the FAQ speaks for them.
  if (!answer.isOfficial || !question || question.deletedAt !== null || answer.hiddenAt !== null || question.hiddenAt !== null) return { ok: false, problem: 'notAnswer' };
  const existing = (await db.select({ id: challengePosts.id }).from(challengePosts).where(and(eq(challengePosts.sourceCommentId, commentId), eq(challengePosts.kind, 'faq'))).limit(1))[0];
  if (existing) return { ok: false, problem: 'already' };
  const postId = inserted(await db
    .insert(challengePosts)
    .values({ challengeId: target.challengeId, kind: 'faq', title: faqQuestionFrom(question.body), body: answer.body, sourceCommentId: commentId, createdBy: viewerId })
    .returning({ id: challengePosts.id })).id;
  return { ok: true, postId };
}

export interface QueueItem {
  id: number;
  targetType: CommentTarget;
  targetTitle: string;
  href: string;
  authorName: string;
  body: string;
  createdAt: Date;
  hiddenAt: Date | null;
  autoHidden: boolean;
  hiddenReason: string | null;
  reports: { reason: ReportReason; note: string; createdAt: Date }[];
}

/**
 * Comments waiting for a moderator, in one query scoped in SQL: those with open reports, and those
 * hidden by reports. Officials see their department's challenges, entries and requests (and
 * requests addressed to nobody); admins see all. Most recently reported first.
 */
function queueFrom(scope: { all: boolean; dept: number }): SQL {
  return sql`
  FROM comments c
  JOIN users u ON u.id = c.author_id
  LEFT JOIN challenges ch ON c.target_type = 'challenge' AND ch.id = c.target_id
  LEFT JOIN submissions s ON c.target_type = 'submission' AND s.id = c.target_id
  LEFT JOIN challenges sch ON sch.id = s.challenge_id
  LEFT JOIN data_requests r ON c.target_type = 'data_request' AND r.id = c.target_id
  WHERE c.deleted_at IS NULL
    AND (EXISTS (SELECT 1 FROM comment_reports cr WHERE cr.comment_id = c.id AND cr.resolved_at IS NULL)
         OR (c.hidden_at IS NOT NULL AND c.hidden_by_reports = true))
    AND ${scope.all ? sql`true` : sql`(ch.department_id = ${scope.dept} OR sch.department_id = ${scope.dept}
         OR (c.target_type = 'data_request' AND (r.department_id = ${scope.dept} OR r.department_id IS NULL)))`}`;
}

function queueScope(viewer: Viewer): { all: boolean; dept: number } | null {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return null;
  return scope === 'all' ? { all: true, dept: -1 } : { all: false, dept: scope };
}

export async function moderationQueue(viewer: Viewer, limit = 100): Promise<QueueItem[]> {
  const scope = queueScope(viewer);
  if (!scope) return [];
  const lastReport = sql`(SELECT MAX(cr.created_at) FROM comment_reports cr WHERE cr.comment_id = c.id AND cr.resolved_at IS NULL)`;
  const rows = await selectRows<{
    id: number;
    targetType: CommentTarget;
    body: string;
    createdAt: number | string;
    hiddenAt: number | string | null;
    hiddenByReports: number | boolean;
    hiddenReason: string | null;
    authorName: string;
    targetTitle: string | null;
    page: string | null;
  }>(sql`SELECT c.id, c.target_type AS "targetType", c.body, c.created_at AS "createdAt", c.hidden_at AS "hiddenAt",
              c.hidden_by_reports AS "hiddenByReports", c.hidden_reason AS "hiddenReason", u.name AS "authorName",
              COALESCE(ch.title, s.title, r.title) AS "targetTitle",
              CASE c.target_type WHEN 'challenge' THEN '/challenges/' || ch.slug WHEN 'submission' THEN '/entries/' || s.id ELSE '/requests/' || r.id END AS page
       ${queueFrom(scope)}
       ORDER BY COALESCE(${lastReport}, c.hidden_at, c.created_at) DESC
       LIMIT ${limit}`);
  if (rows.length === 0) return [];
  const reports = await getDb()
    .select({ commentId: commentReports.commentId, reason: commentReports.reason, note: commentReports.note, createdAt: commentReports.createdAt })
    .from(commentReports)
    .where(and(inArray(commentReports.commentId, rows.map((r) => r.id)), isNull(commentReports.resolvedAt)))
    .orderBy(asc(commentReports.createdAt));
  return rows.map((row) => ({
    id: row.id,
    targetType: row.targetType,
    targetTitle: row.targetTitle ?? '',
    href: commentPermalink(row.page ?? '/', row.id),
    authorName: row.authorName,
    body: row.body,
    createdAt: new Date(row.createdAt),
    hiddenAt: row.hiddenAt === null ? null : new Date(row.hiddenAt),
    autoHidden: row.hiddenAt !== null && Boolean(row.hiddenByReports),
    hiddenReason: row.hiddenReason,
    reports: reports.filter((r) => r.commentId === row.id).map(({ commentId: _id, ...r }) => r),
  }));
}

export async function countModerationQueue(viewer: Viewer): Promise<number> {
  const scope = queueScope(viewer);
  if (!scope) return 0;
  return (await selectRow<{ n: number }>(sql`SELECT COUNT(*) AS n ${queueFrom(scope)}`))?.n ?? 0;
}

/**
 * Moderators keep their say over an entry's discussion after the entry stops being public (it was
 * withdrawn, say): the target is then resolved from the challenge alone.
 */
export async function targetForModeration(type: CommentTarget, id: number, viewer: Viewer): Promise<CommentTargetInfo | undefined> {
  if (type !== 'submission') return undefined;
  const row = (await getDb()
    .select({ title: submissions.title, departmentId: challenges.departmentId })
    .from(submissions)
    .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
    .where(eq(submissions.id, id)).limit(1))[0];
  if (!row || !canModerateFor(viewer, row.departmentId)) return undefined;
  return {
    type,
    id,
    title: row.title,
    href: `/entries/${id}`,
    canModerate: true,
    officialVoice: false,
    maskedAuthorIds: new Set(),
    challengeId: null,
  };
}

/** Where a comment lives, for the moderation queue's actions. */
export async function commentTargetOf(commentId: number): Promise<{ type: CommentTarget; id: number } | undefined> {
  const row = (await getDb().select({ type: comments.targetType, id: comments.targetId }).from(comments).where(eq(comments.id, commentId)).limit(1))[0];
  return row ?? undefined;
}
