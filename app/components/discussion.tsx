/**
 * The discussion under a challenge, a public entry or a data request. Every form posts to the
 * page's own action with a `comment.*` intent and works without JavaScript; the smaller forms
 * (reply, edit, report, hide) sit in <details> so they stay out of the way until asked for.
 */
import { Form, Link, useLocation, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { REPORT_REASONS } from '~/lib/vocabulary';
import { COMMENT_MAX_LENGTH } from '~/lib/comment-rules';
import type { MessageKey } from '~/lib/i18n';
import type { CommentFormResult, CommentView, Discussion } from '~/lib/discussion-view';
import { Field } from './forms';
import { Pager } from './page';
import { useFormatters, useT } from './i18n';
import { RateLimitNotice } from './rate-limit-notice';

type ActionResult = { commentResult?: CommentFormResult; rateLimited?: { minutes: number } | null } | undefined;

const button =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
const primary = `${button} bg-brand-700 text-white hover:bg-brand-800`;
const secondary = `${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
const linkish = 'text-sm font-medium text-brand-800 underline-offset-2 hover:underline cursor-pointer rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600';

function resultFor(actionData: ActionResult, form: string): CommentFormResult | undefined {
  return actionData?.commentResult?.form === form ? actionData.commentResult : undefined;
}

function FieldError({ id, error }: { id: string; error?: MessageKey }) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-rose-700">
      {t(error)}
    </p>
  );
}

/**
 * Once this form's post has gone through (a redirect: no result came back for it), its text is
 * cleared and its disclosure closed. Other forms on the page keep whatever is typed in them.
 */
function useResetAfterSuccess(formId: string, sending: boolean, refused: boolean) {
  const wasSending = useRef(false);
  useEffect(() => {
    if (sending) {
      wasSending.current = true;
      return;
    }
    if (!wasSending.current) return;
    wasSending.current = false;
    if (refused) return;
    const form = document.querySelector<HTMLFormElement>(`form[data-form-id="${formId}"]`);
    form?.reset();
    form?.closest('details')?.removeAttribute('open');
  }, [formId, sending, refused]);
}

function BodyForm(props: {
  formId: string;
  intent: 'comment.create' | 'comment.edit';
  label: string;
  submit: string;
  defaultValue?: string;
  parentId?: number;
  commentId?: number;
  actionData: ActionResult;
  /** A result whose own form is no longer on the page (the comment was hidden, the edit window closed). */
  fallback?: CommentFormResult;
}) {
  const t = useT();
  const navigation = useNavigation();
  const result = resultFor(props.actionData, props.formId) ?? props.fallback;
  const error = result?.errors.body ?? result?.errors.reason ?? result?.errors.note;
  const fieldId = `${props.formId}-body`;
  const sending = navigation.state !== 'idle' && navigation.formData?.get('formId') === props.formId;
  const pending = navigation.state === 'submitting' && sending;
  useResetAfterSuccess(props.formId, sending, result !== undefined);
  return (
    <Form method="post" className="space-y-2" data-form-id={props.formId}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="formId" value={props.formId} />
      {props.parentId ? <input type="hidden" name="parentId" value={props.parentId} /> : null}
      {props.commentId ? <input type="hidden" name="commentId" value={props.commentId} /> : null}
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <textarea
        id={fieldId}
        name="body"
        rows={props.parentId ? 3 : 4}
        defaultValue={result?.values.body ?? props.defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
      />
      <p id={`${fieldId}-hint`} className="text-xs text-slate-600">
        {t('comments.markdownHint', { max: COMMENT_MAX_LENGTH })}
      </p>
      <FieldError id={`${fieldId}-error`} error={error} />
      {result ? <RateLimitNotice actionData={props.actionData} /> : null}
      <button type="submit" className={primary} disabled={pending}>
        {props.submit}
      </button>
    </Form>
  );
}

function ReportForm({ comment, actionData }: { comment: CommentView; actionData: ActionResult }) {
  const t = useT();
  const formId = `report-${comment.id}`;
  const result = resultFor(actionData, formId);
  return (
    <details className="group" open={result ? true : undefined}>
      <summary className={linkish}>{t('comments.report')}</summary>
      <Form method="post" className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
        <input type="hidden" name="intent" value="comment.report" />
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="commentId" value={comment.id} />
        <fieldset aria-describedby={result?.errors.reason ? `${formId}-reason-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t('comments.reportReason')}</legend>
          <div className="mt-1 space-y-1">
            {REPORT_REASONS.map((reason) => (
              <label key={reason} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="reason" value={reason} defaultChecked={result?.values.reason === reason} />
                {t(`comments.reason.${reason}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <FieldError id={`${formId}-reason-error`} error={result?.errors.reason} />
        <Field
          label={t('comments.reportNote')}
          errors={result?.errors.note ? [result.errors.note] : null}
          errorId={`${formId}-note-error`}
          inputProps={{ id: `${formId}-note`, name: 'note', defaultValue: result?.values.note ?? '' }}
        />
        <button type="submit" className={secondary}>
          {t('comments.reportSubmit')}
        </button>
      </Form>
    </details>
  );
}

/** Hide (with a reason), restore, or close the reports; also used by the moderation queue. */
export function ModerationForms({ comment, actionData }: { comment: Pick<CommentView, 'id' | 'state' | 'openReports' | 'autoHidden'>; actionData: unknown }) {
  const t = useT();
  const formId = `hide-${comment.id}`;
  const result = resultFor(actionData as ActionResult, formId);
  return (
    <>
      {comment.state === 'hidden' ? (
        <Form method="post">
          <input type="hidden" name="commentId" value={comment.id} />
          <button type="submit" name="intent" value="comment.restore" className={secondary}>
            {t('comments.restore')}
          </button>
        </Form>
      ) : null}
      {comment.state === 'visible' || comment.autoHidden ? (
        <details open={result ? true : undefined}>
          <summary className={linkish}>{comment.state === 'hidden' ? t('comments.keepHidden') : t('comments.hide')}</summary>
          <Form method="post" className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
            <input type="hidden" name="intent" value="comment.hide" />
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="commentId" value={comment.id} />
            <Field
              label={t('comments.hideReason')}
              errors={result?.errors.reason ? [result.errors.reason] : null}
              errorId={`${formId}-reason-error`}
              inputProps={{ id: `${formId}-reason`, name: 'reason', defaultValue: result?.values.reason ?? '' }}
            />
            <button type="submit" className={secondary}>
              {t('comments.hideSubmit')}
            </button>
          </Form>
        </details>
      ) : null}
      {comment.openReports > 0 && comment.state === 'visible' ? (
        <Form method="post">
          <input type="hidden" name="commentId" value={comment.id} />
          <button type="submit" name="intent" value="comment.dismiss" className={secondary}>
            {t('comments.dismissReports')}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function CommentItem({ comment, actionData, isReply }: { comment: CommentView; actionData: ActionResult; isReply: boolean }) {
  const t = useT();
  const format = useFormatters();
  if (comment.state === 'removed') {
    return (
      <li id={`comment-${comment.id}`} className="space-y-3">
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm italic text-slate-600">{t('comments.removed')}</p>
        <Replies comment={comment} actionData={actionData} />
      </li>
    );
  }
  const editResult = resultFor(actionData, `edit-${comment.id}`);
  const replyResult = resultFor(actionData, `reply-${comment.id}`);
  return (
    <li id={`comment-${comment.id}`} className="space-y-3">
      <article
        aria-label={t('comments.by', { name: comment.authorName ?? t('comments.teamMember') })}
        className={`rounded-lg border p-4 ${comment.isOfficial ? 'border-brand-300 bg-brand-50/50' : 'border-slate-200 bg-white'} ${comment.state === 'hidden' ? 'opacity-90' : ''}`}
      >
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="font-semibold text-slate-900">{comment.authorName ?? t('comments.teamMember')}</span>
          {comment.isOfficial ? <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs font-medium text-white">{t('comments.official')}</span> : null}
          {comment.isTeam ? <span className="rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-medium text-white">{t('comments.team')}</span> : null}
          {comment.pinned ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t('comments.pinned')}</span> : null}
          <time dateTime={new Date(comment.createdAt).toISOString()} className="text-slate-600">
            {format.dateTime(comment.createdAt)}
          </time>
          {comment.editedAt ? <span className="text-slate-600">· {t('comments.edited')}</span> : null}
          {comment.openReports > 0 ? <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-900">{t('comments.openReports', { count: comment.openReports })}</span> : null}
        </header>
        {comment.state === 'hidden' ? (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
            {comment.autoHidden ? t('comments.autoHidden') : t('comments.hiddenWithReason', { reason: comment.hiddenReason ?? '' })}
          </p>
        ) : null}
        <div className="prose-jdz mt-2 break-words text-sm" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {comment.canReply ? (
            <details open={replyResult ? true : undefined} className="w-full sm:w-auto">
              <summary className={linkish}>{t('comments.reply')}</summary>
              <div className="mt-2">
                <BodyForm formId={`reply-${comment.id}`} intent="comment.create" parentId={comment.id} label={t('comments.replyLabel')} submit={t('comments.replySubmit')} actionData={actionData} />
              </div>
            </details>
          ) : null}
          {comment.canEdit && comment.source !== null ? (
            <details open={editResult ? true : undefined} className="w-full sm:w-auto">
              <summary className={linkish}>{t('comments.edit')}</summary>
              <div className="mt-2">
                <BodyForm formId={`edit-${comment.id}`} intent="comment.edit" commentId={comment.id} defaultValue={comment.source} label={t('comments.editLabel')} submit={t('comments.editSubmit')} actionData={actionData} />
              </div>
            </details>
          ) : null}
          {comment.canDelete ? (
            <Form
              method="post"
             
              onSubmit={(event) => {
                if (!window.confirm(t('comments.deleteConfirm'))) event.preventDefault();
              }}
            >
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" name="intent" value="comment.delete" className={linkish}>
                {t('comments.delete')}
              </button>
            </Form>
          ) : null}
          {comment.canPin ? (
            <Form method="post">
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" name="intent" value="comment.pin" className={secondary}>
                {t('comments.pin')}
              </button>
            </Form>
          ) : null}
          {comment.canReport ? <ReportForm comment={comment} actionData={actionData} /> : null}
          {comment.reportedByViewer ? <span className="text-sm text-slate-600">{t('comments.reported')}</span> : null}
          {comment.canModerate ? <ModerationForms comment={comment} actionData={actionData} /> : null}
        </div>
      </article>
      {isReply ? null : <Replies comment={comment} actionData={actionData} />}
    </li>
  );
}

function Replies({ comment, actionData }: { comment: CommentView; actionData: ActionResult }) {
  const t = useT();
  if (comment.replies.length === 0) return null;
  return (
    <ol className="ml-4 space-y-3 border-l-2 border-slate-200 pl-4 sm:ml-8">
      {comment.replies.map((reply) => (
        <CommentItem key={reply.id} comment={reply} actionData={actionData} isReply />
      ))}
      {comment.moreReplies > 0 ? <li className="text-sm text-slate-600">{t('comments.moreReplies', { count: comment.moreReplies })}</li> : null}
    </ol>
  );
}

/** The ids of the forms this viewer has on the page, to find results that lost theirs. */
function renderedForms(comments: CommentView[]): Set<string> {
  const ids = new Set(['new']);
  for (const c of comments.flatMap((top) => [top, ...top.replies])) {
    if (c.canReply) ids.add(`reply-${c.id}`);
    if (c.canEdit) ids.add(`edit-${c.id}`);
    if (c.canReport) ids.add(`report-${c.id}`);
    if (c.canModerate && (c.state === 'visible' || c.autoHidden)) ids.add(`hide-${c.id}`);
  }
  return ids;
}

export function DiscussionSection({ discussion, actionData, intro }: { discussion: Discussion; actionData: unknown; intro: string }) {
  const t = useT();
  const location = useLocation();
  const result = actionData as ActionResult;
  // Nothing typed is lost: a refused reply or edit whose form is gone comes back in the new-comment form.
  const orphan = result?.commentResult && !renderedForms(discussion.comments).has(result.commentResult.form) ? result.commentResult : undefined;
  const back = `${location.pathname}${location.search}#discussion`;
  return (
    <section id="discussion" className="mt-10" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading" className="text-xl font-semibold text-slate-900">
        {t('comments.title', { count: discussion.count })}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      <div className="mt-4">
        {!discussion.signedIn ? (
          <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
            <Link to={`/login?${new URLSearchParams({ redirectTo: back })}`}>{t('comments.signInToComment')}</Link>
          </p>
        ) : !discussion.emailVerified ? (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            <Link to={`/account/verify?${new URLSearchParams({ redirectTo: back })}`}>{t('comments.verifyToComment')}</Link>
          </p>
        ) : (
          <BodyForm formId="new" intent="comment.create" label={t('comments.newLabel')} submit={t('comments.submit')} actionData={result} fallback={orphan} />
        )}
      </div>
      {discussion.comments.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{t('comments.empty')}</p>
      ) : (
        <ol className="mt-6 space-y-5">
          {discussion.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} actionData={result} isReply={false} />
          ))}
        </ol>
      )}
      {/* A permalink's `comment` is dropped once the reader pages on. */}
      <Pager page={discussion.page} pages={discussion.pages} param="comments" anchor="discussion" clear={['comment']} />
    </section>
  );
}
