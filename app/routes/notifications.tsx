/** The signed-in person's notifications, newest first; opening one marks it read. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useFormatters, useLocale, useRootData, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { formatDateTime } from '~/lib/format';
import { notificationLine } from '~/lib/notification-text';
import { safeRedirect } from '~/lib/safe-redirect';
import { listNotifications, markAllRead, openNotification, unreadCount } from '~/models/notifications.server';
import { readIntent, readPage } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';

const PAGE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = readPage(url);
  const { items, total } = await listNotifications(user.id, PAGE, (page - 1) * PAGE);
  return {
    items: items.map((n) => ({ id: n.id, kind: n.kind, params: n.params, createdAt: n.createdAt, read: n.readAt !== null })),
    unread: await unreadCount(user.id),
    page,
    pages: Math.max(1, Math.ceil(total / PAGE)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = readIntent(await request.formData());
  const now = new Date();
  if (intent.name === 'open' && intent.id !== null) {
    const link = await openNotification(user.id, intent.id, now);
    if (link === undefined) throw new Response('Not Found', { status: 404 });
    return redirect(safeRedirect(link, '/notifications'));
  }
  if (intent.name === 'read-all') {
    await markAllRead(user.id, now);
    return redirect('/notifications');
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'notifications.title');

export default function NotificationsPage() {
  const { items, unread, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { timeZone } = useRootData();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title={t('notifications.title')} intro={t('notifications.unread', { count: unread })} />
      <div className="mt-4 flex flex-wrap items-center gap-4">
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
        <Link to="/account/notifications" className="text-sm">
          {t('notifications.settings')}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="mt-8 text-slate-700">{t('notifications.empty')}</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200">
          {items.map((item) => (
            <li key={item.id} className={item.read ? 'bg-white' : 'bg-brand-50/60'}>
              <Form method="post">
                <button
                  type="submit"
                  name="intent"
                  value={`open:${item.id}`}
                  className="block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
                >
                  <span className={`block text-slate-900 ${item.read ? '' : 'font-semibold'}`}>
                    {item.read ? null : <span className="sr-only">{t('notifications.unreadLabel')} </span>}
                    {notificationLine(t, item.kind, item.params, (iso) => formatDateTime(iso, locale, timeZone))}
                  </span>
                  <time dateTime={new Date(item.createdAt).toISOString()} className="mt-1 block text-sm text-slate-600">
                    {format.dateTime(item.createdAt)}
                  </time>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} />
    </div>
  );
}
