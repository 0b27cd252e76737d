/**
 * Asks for a password-reset link. The answer is the same whether or not the address has an
 * account, so the form cannot be used to find out who is registered; limited per IP and address.
 */
import { keepRetryAfter } from '~/lib/error-headers';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { Field, SubmitButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { emailField } from '~/lib/validation/auth';
import { requestPasswordReset } from '~/actions/accounts.server';
import { webActor } from '~/services/actors.server';
import { getLocale } from '~/services/locale.server';
import { firstRefusal, rateLimitedData, resetAccountLimiter, resetIpLimiter } from '~/services/rate-limit.server';
import { redirectIfSignedIn } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const typed = String(form.get('email') ?? '').slice(0, 300);
  const parsed = emailField.safeParse(typed);
  if (!parsed.success) return { email: typed, error: parsed.error.issues[0]?.message ?? 'errors.email.invalid', sent: false, rateLimited: null };
  const now = Date.now();
  const refused = await firstRefusal(resetIpLimiter.attempt(`ip:${context.clientIp ?? ''}`, now), resetAccountLimiter.attempt(`email:${parsed.data}`, now));
  if (refused) return rateLimitedData(refused.retryAfterMs, { email: typed, error: null, sent: false });
  // The same answer whether or not the address has an account.
  await requestPasswordReset(webActor(null, context), parsed.data, await getLocale(request));
  return { email: parsed.data, error: null, sent: true, rateLimited: null };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'reset.request.title');

export default function ForgotPasswordPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('reset.request.title')}</h1>
      <p className="mt-2 text-slate-700">{t('reset.request.intro')}</p>
      {actionData?.sent ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
          {t('reset.request.sent', { email: actionData.email })}
        </p>
      ) : (
        <Form method="post" className="mt-6 space-y-5">
          <Field
            label={t('auth.field.email')}
            errorId="email-error"
            errors={actionData?.error ? [actionData.error] : null}
            inputProps={{ id: 'email', name: 'email', type: 'email', autoComplete: 'email', required: true, defaultValue: actionData?.email ?? '' }}
          />
          <RateLimitNotice actionData={actionData} />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('reset.request.submit')}</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export const headers = keepRetryAfter;
