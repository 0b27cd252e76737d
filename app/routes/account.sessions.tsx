/** Where the account is signed in: every active session, with a way to end any or all the others. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ActionButton } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { describeUserAgent } from '~/lib/user-agent';
import { endOtherSessions, endSession } from '~/actions/accounts.server';
import { listUserSessions } from '~/models/sessions.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireUser, signOut } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    sessions: (await listUserSessions(user.id)).map((s) => ({
      // The stored id is a hash of the cookie token: it names the session without being usable as one.
      id: s.id,
      current: s.id === user.sessionId,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      device: describeUserAgent(s.userAgent),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = readIntent(form).name;
  if (intent === 'end') {
    const id = String(form.get('session') ?? '');
    if (!/^[0-9a-f]{64}$/.test(id)) throw new Response('Not Found', { status: 404 });
    valueOrThrow(await endSession(webActor(user, context), id));
    return id === user.sessionId ? await signOut(request, '/login') : redirect('/account/sessions');
  }
  if (intent === 'endOthers') {
    valueOrThrow(await endOtherSessions(webActor(user, context)));
    return redirect('/account/sessions');
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'sessions.title');

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader
        title={t('sessions.title')}
        intro={
          <>
            {t('sessions.intro')} <Link to="/account/password">{t('sessions.changePassword')}</Link>
          </>
        }
      />
      <ul className="mt-6 space-y-3">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 p-4">
            <div>
              <p className="font-medium text-slate-900">
                {s.device.browser ? t('sessions.device', { browser: s.device.browser, os: s.device.os ?? t('sessions.unknownOs') }) : t('sessions.unknownDevice')}
                {s.current ? <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">{t('sessions.current')}</span> : null}
              </p>
              <p className="text-sm text-slate-700">
                {t('sessions.details', { ip: s.ip ?? '—', since: format.dateTime(s.createdAt), seen: format.dateTime(s.lastSeenAt) })}
              </p>
            </div>
            <Form method="post" aria-label={t('sessions.endLabel', { device: s.device.browser ? t('sessions.device', { browser: s.device.browser, os: s.device.os ?? t('sessions.unknownOs') }) : t('sessions.unknownDevice') })}>
              <input type="hidden" name="session" value={s.id} />
              <ActionButton intent="end">{s.current ? t('sessions.signOutHere') : t('sessions.end')}</ActionButton>
            </Form>
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <Form method="post" className="mt-6">
          <ActionButton intent="endOthers" tone="danger">
            {t('sessions.endOthers')}
          </ActionButton>
        </Form>
      ) : null}
      <p className="mt-8 text-sm">
        <Link to="/account/two-factor">{t('twoFactor.title')}</Link>
      </p>
    </div>
  );
}
