/**
 * Second step of signing in for accounts with a second factor: the code from the authenticator
 * app, or one of the recovery codes. Wrong codes slow down like wrong passwords do.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { Field, SubmitButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { keepRetryAfter } from '~/lib/error-headers';
import { safeRedirect } from '~/lib/safe-redirect';
import { landingPage } from '~/services/landing.server';
import { completeTwoFactorSignIn } from '~/actions/accounts.server';
import { webActor } from '~/services/actors.server';
import { loginThrottle, rateLimitedData } from '~/services/rate-limit.server';
import { getPendingTwoFactorSignIn, signIn } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getPendingTwoFactorSignIn(request))) throw redirect('/login');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getPendingTwoFactorSignIn(request);
  if (!user) throw redirect('/login');
  const form = await request.formData();
  const code = String(form.get('code') ?? '').slice(0, 40);
  const key = `second-factor:${user.id}`;
  const limited = await loginThrottle.check(key, Date.now());
  if (!limited.allowed) return rateLimitedData(limited.retryAfterMs, { error: null as string | null });
  const result = await completeTwoFactorSignIn(webActor(user, context), code);
  if (!result.ok) {
    await loginThrottle.fail(key, Date.now());
    return { error: result.problem.message, rateLimited: null };
  }
  await loginThrottle.succeed(key);
  const { matched } = result.value;
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  // A new token: the half-signed-in one is never promoted.
  return await signIn({ request, context, user, redirectTo: matched === 'recovery' ? '/account/two-factor?recovered=1' : await landingPage(user, redirectTo), twoFactorAt: new Date() });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'twoFactor.login.title');

export default function TwoFactorLoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('twoFactor.login.title')}</h1>
      <p className="mt-2 text-slate-700">{t('twoFactor.login.intro')}</p>
      <Form method="post" className="mt-6 space-y-5">
        <Field
          label={t('twoFactor.code')}
          hint={t('twoFactor.login.recoveryHint')}
          errorId="code-error"
          errors={actionData?.error ? [actionData.error] : null}
          inputProps={{ id: 'code', name: 'code', type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code', required: true, autoFocus: true }}
        />
        <RateLimitNotice actionData={actionData} />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('twoFactor.login.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/login">{t('twoFactor.login.back')}</Link>
      </p>
    </div>
  );
}

export const headers = keepRetryAfter;
