/**
 * Discussion under challenges, entries and data requests: writing, editing and deleting one's own
 * comments, reporting, and the moderation of the owning department. The target has been resolved
 * for the actor already (services/discussion.server.ts), which is what decides who may see it.
 */
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { ReportReason } from '~/lib/vocabulary';
import * as comments from '~/models/comments.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

type Target = comments.CommentTargetInfo;

async function auditComment(actor: Actor, target: Target, commentId: number, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await audit(actor, { action, targetType: 'comment', targetId: commentId, details: { on: `${target.type}:${target.id}`, ...details } });
}

export async function createComment(actor: Actor<ActingUser>, target: Target, input: { parentId: number | null; body: string }, now: Date): Promise<Result<{ id: number; parentAuthorId: number | null }, comments.CreateProblem>> {
  return await transaction(async () => {
    const created = await comments.createComment({ target, authorId: actor.user.id, parentId: input.parentId, body: input.body, now });
    return created.ok ? ok({ id: created.id, parentAuthorId: created.parentAuthorId }) : fail('invalid', created.problem, 'comments.error.notAllowed', { field: 'body' });
  });
}

export async function editComment(actor: Actor<ActingUser>, target: Target, commentId: number, body: string, now: Date): Promise<Result<void, comments.EditProblem | 'notFound'>> {
  return await transaction(async () => {
    const edited = await comments.editComment(target, actor.user.id, commentId, body, now);
    if (!edited) return notFound();
    return edited.ok ? ok() : fail('invalid', edited.problem, 'comments.error.notAllowed', { field: 'body' });
  });
}

export async function deleteComment(actor: Actor<ActingUser>, target: Target, commentId: number, now: Date): Promise<Result<void>> {
  return await transaction(async () => (await comments.deleteComment(target, actor.user.id, commentId, now) ? ok() : notFound()));
}

/**
 * A report; enough of them hide the comment until a moderator decides. That hiding is the
 * platform's doing, so its audit entry names no person.
 */
export async function reportComment(actor: Actor<ActingUser>, target: Target, commentId: number, report: { reason: ReportReason; note: string }, now: Date): Promise<Result<{ autoHidden: boolean }, comments.ReportProblem | 'notFound'>> {
  return await transaction(async () => {
    const reported = await comments.reportComment(target, actor.user.id, commentId, report, now);
    if (!reported) return notFound();
    if (!reported.ok) return fail('conflict', reported.problem, 'comments.error.reportOwn', { field: 'reason' });
    if (reported.autoHidden) await auditComment({ user: null, ip: null, via: 'web' }, target, commentId, 'comment.auto_hide');
    return ok({ autoHidden: reported.autoHidden });
  });
}

const MODERATION_AUDIT = { hide: 'comment.hide', restore: 'comment.restore', dismiss: 'comment.dismiss_reports' } as const;

/** Hides a comment (with a reason shown in its place), restores it, or dismisses its reports. */
export async function moderateComment(actor: Actor<ActingUser>, target: Target, commentId: number, decision: { action: 'hide'; reason: string } | { action: 'restore' } | { action: 'dismiss' }, now: Date): Promise<Result<void>> {
  if (!target.canModerate) return forbidden();
  return await transaction(async () => {
    if (!(await comments.moderateComment(target, actor.user.id, commentId, decision, now))) return notFound();
    await auditComment(actor, target, commentId, MODERATION_AUDIT[decision.action], decision.action === 'hide' ? { reason: decision.reason } : {});
    return ok();
  });
}

/** Copies an official's answer into the challenge's FAQ. */
export async function pinAnswerToFaq(actor: Actor<ActingUser>, target: Target, commentId: number): Promise<Result<{ pinned: boolean }>> {
  return await transaction(async () => {
    const pinned = await comments.pinAnswerToFaq(target, actor.user.id, commentId);
    if (!pinned) return notFound();
    if (pinned.ok) await auditComment(actor, target, commentId, 'comment.pin_faq', { postId: pinned.postId });
    return ok({ pinned: pinned.ok });
  });
}
