/** Per kind of notification: e-mail at once, in the daily digest, or not at all. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { DELIVERIES, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from '~/lib/vocabulary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { deliveryFor } from '~/lib/notification-delivery';
import { dropPendingDigest, preferencesOf, setPreferences } from '~/models/notifications.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const chosen = await preferencesOf(user.id);
  return {
    emailVerified: user.emailVerified,
    choices: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: deliveryFor(kind, chosen) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const choices = new Map<NotificationKind, Delivery>();
  for (const kind of NOTIFICATION_KINDS) {
    const value = form.get(kind);
    // A kind missing from the form keeps its setting; an unknown value is not a choice.
    if (typeof value === 'string' && (DELIVERIES as readonly string[]).includes(value)) choices.set(kind, value as Delivery);
  }
  await setPreferences(user.id, choices);
  await dropPendingDigest(user.id, [...choices].filter(([, delivery]) => delivery !== 'digest').map(([kind]) => kind));
  return redirect('/account/notifications?saved=1');
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'notifications.settingsTitle');

export default function NotificationSettingsPage() {
  const { choices, emailVerified } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title={t('notifications.settingsTitle')} intro={t('notifications.settingsIntro')} />
      {params.get('saved') ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('notifications.saved')}
        </p>
      ) : null}
      {!emailVerified ? (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <Link to="/account/verify?redirectTo=/account/notifications">{t('notifications.verifyForMail')}</Link>
        </p>
      ) : null}
      <Form method="post" className="mt-6 space-y-4">
        {choices.map(({ kind, delivery }) => (
          <fieldset key={kind} className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 font-medium text-slate-900">{t(`notifications.kind.${kind}`)}</legend>
            <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
              {DELIVERIES.map((option) => (
                <label key={option} className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name={kind} value={option} defaultChecked={delivery === option} />
                  {t(`notifications.delivery.${option}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <p className="text-sm text-slate-600">{t('notifications.inAppAlways')}</p>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t('notifications.save')}
        </button>
      </Form>
    </div>
  );
}
