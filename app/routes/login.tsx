import { keepRetryAfter } from '~/lib/error-headers';
import { getFormProps, getInputProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { ErrorList, FormField, SubmitButton, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { pageMeta } from '~/components/meta';
import { safeRedirect } from '~/lib/safe-redirect';
import { landingPage } from '~/services/landing.server';
import { loginSchema } from '~/lib/validation/auth';
import { recordPasswordSignIn, recordSignInFailure, recordSignInThrottled } from '~/actions/accounts.server';
import { webActor } from '~/services/actors.server';
import { authenticator, InvalidCredentialsError } from '~/services/auth.server';
import { firstRefusal, loginIpLimiter, loginThrottle, rateLimitedData } from '~/services/rate-limit.server';
import { redirectIfSignedIn, signIn } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  // remix-auth-form reads the body itself, so validate a clone.
  const formData = await request.clone().formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) };
  }
  // Growing delays per account after failures, and a ceiling per IP, checked before the password is.
  const now = Date.now();
  const accountKey = `email:${submission.value.email}`;
  const refused = await firstRefusal(loginThrottle.check(accountKey, now), loginIpLimiter.attempt(`ip:${context.clientIp ?? ''}`, now));
  if (refused) {
    await recordSignInThrottled(webActor(null, context), submission.value.email);
    return rateLimitedData(refused.retryAfterMs, { result: submission.reply({ hideFields: ['password'] }) });
  }
  try {
    const user = await authenticator.authenticate('form', request);
    await loginThrottle.succeed(accountKey);
    await recordPasswordSignIn(webActor(user, context));
    // The second step keeps the place asked for; the landing for the role is chosen once signed in.
    const redirectTo = safeRedirect(submission.value.redirectTo);
    if (user.twoFactorEnabled) {
      return await signIn({ request, context, user, pendingTwoFactor: true, redirectTo: `/login/two-factor?${new URLSearchParams({ redirectTo })}` });
    }
    return await signIn({ request, context, user, redirectTo: await landingPage(user, redirectTo) });
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) throw error;
    await loginThrottle.fail(accountKey, Date.now());
    await recordSignInFailure(webActor(null, context), submission.value.email);
    // One message for unknown e-mail and wrong password: no account enumeration.
    return { result: submission.reply({ formErrors: ['errors.login.failed'], hideFields: ['password'] }) };
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.login.title');

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '';
  const [form, fields] = useValidatedForm(loginSchema, { id: 'login', lastResult: actionData?.result, defaultValue: { redirectTo } });
  const registerHref = redirectTo ? `/register?${new URLSearchParams({ redirectTo })}` : '/register';

  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('auth.login.title')}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <FormField field={fields.email} type="email" label={t('auth.field.email')} autoComplete="email" autoFocus />
        <FormField field={fields.password} type="password" label={t('auth.field.password')} autoComplete="current-password" />
        <div role="alert" aria-live="polite">
          <ErrorList id={form.errorId} errors={form.errors} />
          <RateLimitNotice actionData={actionData} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.login.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-slate-700">
        {t('auth.login.noAccount')} <Link to={registerHref}>{t('auth.login.registerLink')}</Link>
      </p>
      <p className="mt-2 text-sm text-slate-700">
        <Link to="/forgot-password">{t('reset.forgotLink')}</Link>
      </p>
    </div>
  );
}

export const headers = keepRetryAfter;
