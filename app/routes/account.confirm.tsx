/** Step-up: confirm the second factor before a sensitive action, then go back to it. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field, SubmitButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { keepRetryAfter } from '~/lib/error-headers';
import { safeRedirect } from '~/lib/safe-redirect';
import { confirmSecondFactor } from '~/actions/accounts.server';
import { webActor } from '~/services/actors.server';
import { loginThrottle, rateLimitedData } from '~/services/rate-limit.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/manage');
  if (!user.twoFactorEnabled) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/manage');
  if (!user.twoFactorEnabled || !user.sessionId) throw redirect(redirectTo);
  const key = `second-factor:${user.id}`;
  const limited = await loginThrottle.check(key, Date.now());
  if (!limited.allowed) return rateLimitedData(limited.retryAfterMs, { error: null as string | null });
  const confirmed = await confirmSecondFactor(webActor(user, context), String((await request.formData()).get('code') ?? '').slice(0, 40));
  if (!confirmed.ok) {
    await loginThrottle.fail(key, Date.now());
    return { error: confirmed.problem.message, rateLimited: null };
  }
  await loginThrottle.succeed(key);
  return redirect(redirectTo);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'twoFactor.confirm.title');

export default function ConfirmPage() {
  const t = useT();
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('twoFactor.confirm.title')}</h1>
      <p className="mt-2 text-slate-700">{t('twoFactor.confirm.intro')}</p>
      <Form method="post" className="mt-6 space-y-5">
        <Field
          label={t('twoFactor.code')}
          errorId="code-error"
          errors={actionData?.error ? [actionData.error] : null}
          inputProps={{ id: 'code', name: 'code', type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code', required: true, autoFocus: true }}
        />
        <RateLimitNotice actionData={actionData} />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('twoFactor.confirm.submit')}</SubmitButton>
      </Form>
    </div>
  );
}

export const headers = keepRetryAfter;
