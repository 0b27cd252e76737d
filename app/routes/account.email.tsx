/**
 * Changing one's e-mail address: the password confirms it is the owner, and the new address takes
 * effect only once the link mailed to it is used. Without a mail server no link can reach it, and
 * the page says so instead of pretending.
 */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SubmitButton, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { requestEmailChange } from '~/actions/accounts.server';
import { keepRetryAfter } from '~/lib/error-headers';
import { changeEmailSchema } from '~/lib/validation/auth';
import { formRefusal, webActor } from '~/services/actors.server';
import { getLocale } from '~/services/locale.server';
import { mailConfigured } from '~/services/mail/transport.server';
import { loginThrottle, rateLimitedData, verificationMailLimiter } from '~/services/rate-limit.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, mailConfigured: mailConfigured() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!mailConfigured()) throw new Response('Conflict', { status: 409 });
  const submission = parseWithZod(await request.formData(), { schema: changeEmailSchema });
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['password'] }), sentTo: null };
  const now = Date.now();
  const throttleKey = `email:${user.email}`;
  const throttled = await loginThrottle.check(throttleKey, now);
  const mailLimit = await verificationMailLimiter.attempt(`user:${user.id}`, now);
  if (!throttled.allowed || !mailLimit.allowed) {
    const retryAfterMs = Math.max(throttled.allowed ? 0 : throttled.retryAfterMs, mailLimit.allowed ? 0 : mailLimit.retryAfterMs);
    return rateLimitedData(retryAfterMs, { result: submission.reply({ hideFields: ['password'] }), sentTo: null });
  }
  const requested = await requestEmailChange(webActor(user, context), submission.value.email, submission.value.password, await getLocale(request));
  if (!requested.ok) {
    if (requested.problem.code === 'wrongPassword') await loginThrottle.fail(throttleKey, Date.now());
    return { ...formRefusal(submission, requested.problem, ['password']), sentTo: null };
  }
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'account.email.title');

export default function ChangeEmailPage() {
  const { email, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useValidatedForm(changeEmailSchema, { id: 'change-email', lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <PageHeader title={t('account.email.title')} intro={t('account.email.intro', { email })} />
      {!withMail ? (
        <p className="mt-6 rounded-md bg-amber-50 p-3 text-amber-950">{t('account.email.noMail')}</p>
      ) : (
        <>
          <div role="status" aria-live="polite" className="mt-4">
            {actionData?.sentTo ? <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">{t('account.email.sent', { email: actionData.sentTo })}</p> : null}
          </div>
          <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
            <FormField field={fields.email} type="email" label={t('account.email.new')} autoComplete="email" />
            <FormField field={fields.password} type="password" label={t('account.email.password')} autoComplete="current-password" />
            <div role="alert">
              <ErrorList id={form.errorId} errors={form.errors} />
              <RateLimitNotice actionData={actionData} />
            </div>
            <SubmitButton pending={navigation.state === 'submitting'}>{t('account.email.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}

export const headers = keepRetryAfter;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
