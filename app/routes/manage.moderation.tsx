/**
 * Comments waiting for a moderator: reported ones, and those hidden by three reports. Officials see
 * their department's discussions, admins all. Decisions are the same as on the page itself.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ModerationForms } from '~/components/discussion';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { commentTargetOf, moderationQueue } from '~/models/comments.server';
import { handleCommentIntent } from '~/services/discussion.server';
import { parseId, readIntent } from '~/services/form-helpers.server';
import { renderMarkdown } from '~/services/markdown.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  return {
    items: (await moderationQueue(user)).map(({ body, ...item }) => ({ ...item, bodyHtml: renderMarkdown(body) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const form = await request.formData();
  const intent = readIntent(form).name;
  if (!['comment.hide', 'comment.restore', 'comment.dismiss'].includes(intent)) throw new Response('Bad Request', { status: 400 });
  const commentId = parseId(form.get('commentId'));
  const where = commentId === null ? undefined : await commentTargetOf(commentId);
  if (!where) throw new Response('Not Found', { status: 404 });
  return await handleCommentIntent({ intent, form, user, type: where.type, targetId: where.id, request, context, returnTo: '/manage/moderation' });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'moderation.title');

export default function ModerationQueuePage() {
  const { items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <PageHeader title={t('moderation.title')} intro={t('moderation.intro')} />
      {items.length === 0 ? (
        <p className="mt-8 text-slate-700">{t('moderation.empty')}</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 p-4">
              <p className="text-sm text-slate-600">
                {t(`moderation.on.${item.targetType}`)}{' '}
                <Link to={item.href}>{item.targetTitle}</Link> · {item.authorName} · {format.dateTime(item.createdAt)}
              </p>
              {item.hiddenAt ? (
                <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {item.autoHidden ? t('moderation.autoHidden') : t('comments.hiddenWithReason', { reason: item.hiddenReason ?? '' })}
                </p>
              ) : null}
              <div className="prose-jdz mt-2 break-words text-sm" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
              {item.reports.length > 0 ? (
                <div className="mt-3">
                  <h2 className="text-sm font-semibold text-slate-900">{t('moderation.reports', { count: item.reports.length })}</h2>
                  <ul className="mt-1 list-disc pl-5 text-sm text-slate-800">
                    {item.reports.map((report, i) => (
                      <li key={i}>
                        {t(`comments.reason.${report.reason}`)}
                        {report.note ? `：${report.note}` : ''} · {format.dateTime(report.createdAt)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="mt-3 flex flex-wrap items-start gap-3">
                <ModerationForms comment={{ id: item.id, state: item.hiddenAt ? 'hidden' : 'visible', openReports: item.reports.length, autoHidden: item.autoHidden }} actionData={actionData} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
