import { keepRetryAfter } from '~/lib/error-headers';
import { getFormProps, getInputProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { ErrorList, FormField, SubmitButton, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { pageMeta } from '~/components/meta';
import { PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH } from '~/lib/password-policy';
import { safeRedirect } from '~/lib/safe-redirect';
import { registerSchema } from '~/lib/validation/auth';
import { register } from '~/actions/accounts.server';
import { mailConfigured } from '~/services/mail/transport.server';
import { formRefusal, refusalResponse, webActor } from '~/services/actors.server';
import { currentVersions } from '~/models/legal.server';
import { ConsentField } from '~/components/consent-field';
import { getLocale } from '~/services/locale.server';
import { rateLimitedData, registerLimiter } from '~/services/rate-limit.server';
import { redirectIfSignedIn, signIn } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return { versions: await currentVersions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) };
  }
  const { name, email, password, redirectTo, consent, privacyVersion, termsVersion } = submission.value;
  // The versions the form showed; a client that sends none (a script) consents to those in force.
  const inForce = await currentVersions();
  const consented = consent === 'on' ? { privacy: Number(privacyVersion) || inForce.privacy, terms: Number(termsVersion) || inForce.terms } : {};
  const limited = await registerLimiter.attempt(`ip:${context.clientIp ?? ''}`, Date.now());
  if (!limited.allowed) return rateLimitedData(limited.retryAfterMs, { result: submission.reply({ hideFields: ['password'] }) });
  const registered = await register(webActor(null, context), { name, email, password, consented }, await getLocale(request));
  if (registered.ok) {
    const destination = safeRedirect(redirectTo);
    // Without a mail server no verification link went out: the next page says so, and how to go on.
    const next = mailConfigured() ? destination : `/account/verify?${new URLSearchParams({ registered: '1', redirectTo: destination })}`;
    return await signIn({ request, context, user: registered.value, redirectTo: next });
  }
  const { problem } = registered;
  if (problem.field) return formRefusal(submission, problem, ['password']);
  throw refusalResponse(problem);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.register.title');

export default function RegisterPage() {
  const t = useT();
  const { versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '';
  const [form, fields] = useValidatedForm(registerSchema, { id: 'register', lastResult: actionData?.result, defaultValue: { redirectTo } });
  const loginHref = redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login';

  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('auth.register.title')}</h1>
      <p className="mt-2 text-slate-700">{t('auth.register.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <FormField field={fields.name} type="text" label={t('auth.field.name')} autoComplete="name" autoFocus />
        <FormField field={fields.email} type="email" label={t('auth.field.email')} autoComplete="email" />
        <FormField
          field={fields.password}
          type="password"
          label={t('auth.field.password')}
          hint={t('auth.field.passwordHint', { min: PASSWORD_MIN_LENGTH, recommended: PASSWORD_RECOMMENDED_LENGTH })}
          autoComplete="new-password"
        />
        {versions.privacy || versions.terms ? <ConsentField field={fields.consent} versions={versions} privacyField={fields.privacyVersion} termsField={fields.termsVersion} /> : null}
        <div role="alert" aria-live="polite">
          <ErrorList id={form.errorId} errors={form.errors} />
          <RateLimitNotice actionData={actionData} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.register.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-slate-700">
        {t('auth.register.haveAccount')} <Link to={loginHref}>{t('auth.register.loginLink')}</Link>
      </p>
    </div>
  );
}

export const headers = keepRetryAfter;
