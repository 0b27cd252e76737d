/**
 * One-click unsubscribe from notification e-mail. The link is signed for one person and one kind
 * (or the daily digest), so it works without signing in. Opening it shows one button, because
 * mail scanners open links on their own; mail clients that support RFC 8058 POST here directly.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { NOTIFICATION_KINDS, type Delivery, type NotificationKind } from '~/lib/vocabulary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { deliveryFor } from '~/lib/notification-delivery';
import { dropPendingDigest, preferencesOf, setPreferences } from '~/models/notifications.server';
import { verifyUnsubscribe, type UnsubscribeScope } from '~/services/notifications.server';

function readLink(request: Request) {
  const params = new URL(request.url).searchParams;
  return verifyUnsubscribe(params.get('u'), params.get('s'), params.get('sig'));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const link = readLink(request);
  return { valid: link !== null, scope: link?.scope ?? null };
}

/** Switches the kind off; for the digest, every kind that was going to the digest. */
async function unsubscribe(userId: number, scope: UnsubscribeScope): Promise<void> {
  const current = await preferencesOf(userId);
  const kinds: NotificationKind[] = scope === 'digest' ? NOTIFICATION_KINDS.filter((kind) => deliveryFor(kind, current) === 'digest') : [scope];
  await setPreferences(userId, new Map(kinds.map((kind): [NotificationKind, Delivery] => [kind, 'off'])));
  await dropPendingDigest(userId, kinds);
}

export async function action({ request }: ActionFunctionArgs) {
  const link = readLink(request);
  if (!link) throw new Response('Bad Request', { status: 400 });
  await unsubscribe(link.userId, link.scope);
  return { done: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'unsubscribe.title');

export default function UnsubscribePage() {
  const { valid, scope } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  const t = useT();
  const what = scope === null ? '' : scope === 'digest' ? t('unsubscribe.digest') : t(`notifications.kind.${scope}`);
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <PageHeader title={t('unsubscribe.title')} />
      {!valid ? (
        <p role="alert" className="mt-4 text-rose-700">
          {t('unsubscribe.invalid')}
        </p>
      ) : done ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-emerald-900">
          {t('unsubscribe.done', { what })}
        </p>
      ) : (
        <Form method="post" className="mt-4 space-y-4">
          <p className="text-slate-800">{t('unsubscribe.confirm', { what })}</p>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t('unsubscribe.button')}
          </button>
        </Form>
      )}
      <p className="mt-6 text-sm">
        <Link to="/account/notifications">{t('unsubscribe.settings')}</Link>
      </p>
    </div>
  );
}
