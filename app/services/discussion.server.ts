/**
 * The discussion block shared by challenge, entry and data-request pages: what each viewer sees of
 * the comments, and the `comment.*` intents of those pages' actions. Routes stay thin: they resolve
 * the target and hand over.
 */
import { parseId, readPage } from './form-helpers.server';
import { redirect, type AppLoadContext } from '@remix-run/node';
import { REPORT_REASONS, type CommentTarget, type ReportReason } from '../../db/tables';
import type { Viewer } from '~/lib/access';
import { commentBodyProblem, commentPermalink, countRenderedLinks, HIDE_REASON_MAX_LENGTH, REPORT_NOTE_MAX_LENGTH, withinEditWindow } from '~/lib/comment-rules';
import type { MessageKey } from '~/lib/i18n';
import type { CommentFormResult, CommentView, Discussion } from '~/lib/discussion-view';
import * as comments from '~/actions/comments.server';
import {
  listCommentPage,
  resolveCommentTarget,
  targetForModeration,
  type CommentRecord,
  type CommentTargetInfo,
} from '~/models/comments.server';
import type { SessionUser } from '~/models/users.server';
import { renderMarkdown } from './markdown.server';
import { commentReplied, questionAsked } from './participation-events.server';
import { commentHourLimiter, commentMinuteLimiter, firstRefusal, rateLimitedData, reportLimiter, throwRateLimited } from './rate-limit.server';
import { refusalResponse, valueOrThrow, webActor } from './actors.server';
import { requireVerifiedEmail } from './session.server';

export type { CommentFormResult, CommentView, Discussion };

function toView(record: CommentRecord, target: CommentTargetInfo, viewer: SessionUser | null, now: Date): CommentView {
  const isOwn = viewer?.id === record.authorId;
  const seesHidden = isOwn || target.canModerate;
  const state: CommentView['state'] = record.deleted || (record.hiddenAt !== null && !seesHidden) ? 'removed' : record.hiddenAt !== null ? 'hidden' : 'visible';
  const visible = state === 'visible';
  const canEdit = isOwn && visible && withinEditWindow(record.createdAt, now);
  return {
    id: record.id,
    authorName: state === 'removed' ? '' : target.maskedAuthorIds.has(record.authorId) ? null : record.authorName,
    isOwn,
    isOfficial: record.isOfficial,
    isTeam: state !== 'removed' && (target.teamAuthorIds?.has(record.authorId) ?? false),
    bodyHtml: state === 'removed' ? '' : renderMarkdown(record.body),
    source: canEdit ? record.body : null,
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    state,
    hiddenReason: state === 'hidden' ? record.hiddenReason : null,
    autoHidden: state === 'hidden' && record.autoHidden,
    canEdit,
    canDelete: isOwn && state !== 'removed',
    canReport: viewer !== null && !isOwn && visible && !record.reportedByViewer,
    reportedByViewer: record.reportedByViewer,
    canModerate: target.canModerate && state !== 'removed',
    openReports: target.canModerate ? record.openReports : 0,
    canReply: viewer !== null && record.parentId === null && visible,
    canPin: target.canModerate && target.challengeId !== null && record.parentId !== null && record.isOfficial && visible && !record.pinned,
    pinned: record.pinned,
    replies: [],
    moreReplies: 0,
  };
}

/** Where a discussion is opened: a page of it, or the page holding a linked comment. */
export function discussionPosition(url: URL): { page: number; focus: number | null } {
  return { page: readPage(url, 'comments'), focus: parseId(url.searchParams.get('comment')) };
}

/**
 * One page of the comments as this viewer may see them: removed ones only where they hold replies
 * in place.
 */
export async function loadDiscussion(target: CommentTargetInfo, viewer: SessionUser | null, now = new Date(), position: { page: number; focus: number | null } = { page: 1, focus: null }): Promise<Discussion> {
  const { records, page, pages, moreReplies, visibleCount } = await listCommentPage(target, viewer?.id ?? null, position);
  const views = new Map<number, CommentView>();
  const top: CommentView[] = [];
  for (const record of records) {
    const view = toView(record, target, viewer, now);
    views.set(record.id, view);
    if (record.parentId === null) top.push({ ...view, moreReplies: moreReplies.get(record.id) ?? 0 });
    else views.get(record.parentId)?.replies.push(view);
  }
  const shown = top
    .map((c) => ({ ...c, replies: (views.get(c.id)?.replies ?? []).filter((r) => r.state !== 'removed') }))
    .filter((c) => c.state !== 'removed' || c.replies.length > 0);
  return { targetType: target.type, targetId: target.id, comments: shown, count: visibleCount, page, pages, signedIn: viewer !== null, emailVerified: viewer?.emailVerified ?? false };
}

const BODY_ERRORS: Record<string, MessageKey> = {
  required: 'comments.error.required',
  tooLong: 'comments.error.tooLong',
  tooManyLinks: 'comments.error.tooManyLinks',
  repeat: 'comments.error.repeat',
  parentInvalid: 'comments.error.parentGone',
  windowClosed: 'comments.error.editWindow',
  notAllowed: 'comments.error.notAllowed',
};

function failure(form: string, errors: CommentFormResult['errors'], values: Record<string, string>) {
  return { commentResult: { form, errors, values } satisfies CommentFormResult };
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

const MODERATION_INTENTS = new Set(['comment.hide', 'comment.restore', 'comment.dismiss']);

export function isCommentIntent(intent: string): boolean {
  return intent.startsWith('comment.');
}

/**
 * Handles a `comment.*` intent posted to a page with a discussion. Returns a redirect back to the
 * comment, or the form's errors with everything typed kept.
 */
export async function handleCommentIntent(args: {
  intent: string;
  form: FormData;
  user: SessionUser;
  type: CommentTarget;
  targetId: number;
  request: Request;
  context: AppLoadContext;
  /** Where to go afterwards instead of the comment on its page (the moderation queue). */
  returnTo?: string;
}) {
  const { intent, form, user, request } = args;
  const now = new Date();
  const viewer: Viewer = user;
  const moderating = MODERATION_INTENTS.has(intent);
  // An entry no longer public keeps its moderators; to anyone else it does not exist (404, not 403).
  const target = await resolveCommentTarget(args.type, args.targetId, viewer, now) ?? (moderating ? await targetForModeration(args.type, args.targetId, viewer) : undefined);
  if (!target) throw new Response('Not Found', { status: 404 });
  const back = (id?: number) => redirect(args.returnTo ?? (id ? commentPermalink(target.href, id) : target.href));
  const commentId = parseId(form.get('commentId'));
  const actor = webActor(user, args.context);

  if (intent === 'comment.create' || intent === 'comment.edit') {
    requireVerifiedEmail(user, request, target.href);
    const body = text(form, 'body');
    const parentId = parseId(form.get('parentId'));
    const formId = intent === 'comment.edit' ? `edit-${commentId}` : parentId ? `reply-${parentId}` : 'new';
    const values = { body };
    const bodyProblem = commentBodyProblem(body, countRenderedLinks(renderMarkdown(body)), user, now);
    if (bodyProblem) return failure(formId, { body: BODY_ERRORS[bodyProblem] }, values);
    if (intent === 'comment.edit') {
      if (commentId === null) throw new Response('Bad Request', { status: 400 });
      const edited = await comments.editComment(actor, target, commentId, body, now);
      if (!edited.ok) {
        if (edited.problem.kind === 'notFound') throw refusalResponse(edited.problem);
        return failure(formId, { body: BODY_ERRORS[edited.problem.code] }, values);
      }
      return back(commentId);
    }
    const refused = await firstRefusal(commentMinuteLimiter.attempt(`user:${user.id}`, now.getTime()), commentHourLimiter.attempt(`user:${user.id}`, now.getTime()));
    if (refused) return rateLimitedData(refused.retryAfterMs, failure(formId, {}, values));
    const created = await comments.createComment(actor, target, { parentId, body }, now);
    if (!created.ok) return failure(formId, { body: BODY_ERRORS[created.problem.code] }, values);
    const { id, parentAuthorId } = created.value;
    if (parentAuthorId !== null) await commentReplied({ id, authorId: user.id, authorName: target.maskedAuthorIds.has(user.id) ? '—' : user.name }, parentAuthorId, target);
    // A new question under a challenge, from someone who is not answering for it, goes to its department.
    if (parentId === null && target.type === 'challenge' && target.challengeId !== null && !target.officialVoice) await questionAsked({ id, challengeId: target.challengeId }, target, user.id);
    return back(id);
  }

  if (commentId === null) throw new Response('Bad Request', { status: 400 });

  if (intent === 'comment.delete') {
    valueOrThrow(await comments.deleteComment(actor, target, commentId, now));
    return back();
  }

  if (intent === 'comment.report') {
    requireVerifiedEmail(user, request, target.href);
    const limited = await reportLimiter.attempt(`user:${user.id}`, now.getTime());
    if (!limited.allowed) throwRateLimited(limited.retryAfterMs);
    const reason = text(form, 'reason');
    const note = text(form, 'note').trim();
    const formId = `report-${commentId}`;
    if (!(REPORT_REASONS as readonly string[]).includes(reason)) return failure(formId, { reason: 'comments.error.reasonRequired' }, { reason, note });
    if (note.length > REPORT_NOTE_MAX_LENGTH) return failure(formId, { note: 'comments.error.noteTooLong' }, { reason, note });
    const reported = await comments.reportComment(actor, target, commentId, { reason: reason as ReportReason, note }, now);
    if (!reported.ok && reported.problem.kind === 'notFound') throw refusalResponse(reported.problem);
    // A second report by the same person changes nothing and needs no error.
    if (!reported.ok && reported.problem.code === 'own') return failure(formId, { reason: 'comments.error.reportOwn' }, { reason, note });
    return back(commentId);
  }

  // The rest is moderation: officials of the owning department and admins only.
  if (!target.canModerate) throw new Response('Forbidden', { status: 403 });
  if (intent === 'comment.hide') {
    const reason = text(form, 'reason').trim();
    const formId = `hide-${commentId}`;
    if (reason === '') return failure(formId, { reason: 'comments.error.hideReasonRequired' }, { reason });
    if (reason.length > HIDE_REASON_MAX_LENGTH) return failure(formId, { reason: 'comments.error.hideReasonTooLong' }, { reason });
    valueOrThrow(await comments.moderateComment(actor, target, commentId, { action: 'hide', reason }, now));
    return back(commentId);
  }
  if (intent === 'comment.restore' || intent === 'comment.dismiss') {
    const action = intent === 'comment.restore' ? 'restore' : 'dismiss';
    valueOrThrow(await comments.moderateComment(actor, target, commentId, { action }, now));
    return back(commentId);
  }
  if (intent === 'comment.pin') {
    valueOrThrow(await comments.pinAnswerToFaq(actor, target, commentId));
    return back(commentId);
  }
  throw new Response('Bad Request', { status: 400 });
}
