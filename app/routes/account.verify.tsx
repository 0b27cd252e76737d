/** Why an address must be verified, and a way to get the link again (rate-limited). */
import { keepRetryAfter } from '~/lib/error-headers';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionButton } from '~/components/forms';
import { useLocale, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { safeRedirect } from '~/lib/safe-redirect';
import { sendVerificationMail } from '~/services/account-mail.server';
import { getLocale } from '~/services/locale.server';
import { rateLimitedData, verificationMailLimiter } from '~/services/rate-limit.server';
import { requireUser } from '~/services/session.server';
import { mailConfigured } from '~/services/mail/transport.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), '/me');
  return { email: user.email, verified: user.emailVerified, redirectTo, registered: url.searchParams.get('registered') === '1', mailConfigured: mailConfigured() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (user.emailVerified) return redirect('/me');
  // Without a mail server a resent link would reach nobody: there is no button, and no claim it was sent.
  if (!mailConfigured()) throw new Response('Conflict', { status: 409 });
  const limited = await verificationMailLimiter.attempt(`user:${user.id}`, Date.now());
  if (!limited.allowed) return rateLimitedData(limited.retryAfterMs, { sent: false });
  await sendVerificationMail(user, await getLocale(request));
  return { sent: true, rateLimited: null };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'verify.title');

export default function VerifyPage() {
  const { email, verified, redirectTo, registered, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  useLocale();
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('verify.title')}</h1>
      {verified ? (
        <p className="mt-4 text-slate-700">
          {t('verify.already')} <Link to={redirectTo}>{t('verify.continue')}</Link>
        </p>
      ) : (
        <>
          {registered ? <p className="mt-4 font-medium text-emerald-900">{t('verify.registered')}</p> : null}
          <p className="mt-4 text-slate-700">
            {t('verify.intro', { email })} {withMail ? t('verify.mailed') : null}
          </p>
          {withMail ? (
            <>
              <div role="status" aria-live="polite" className="mt-3 text-sm">
                {actionData?.sent ? <p className="text-emerald-800">{t('verify.sent', { email })}</p> : null}
                <RateLimitNotice actionData={actionData} />
              </div>
              <Form method="post" className="mt-6">
                <ActionButton intent="resend" tone="primary">
                  {t('verify.resend')}
                </ActionButton>
              </Form>
            </>
          ) : (
            <p className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">{t('verify.noMail')}</p>
          )}
          {registered ? (
            <p className="mt-6">
              <Link to={redirectTo}>{t('verify.continue')}</Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

export const headers = keepRetryAfter;
