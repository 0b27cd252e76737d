/**
 * Changing the password while signed in: the current one is required, and every other session
 * ends (someone who saw an unknown device on the sessions page comes here).
 */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SubmitButton, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { changePassword } from '~/actions/accounts.server';
import { keepRetryAfter } from '~/lib/error-headers';
import { PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH, passwordProblem } from '~/lib/password-policy';
import { changePasswordSchema, PASSWORD_PROBLEM_MESSAGES } from '~/lib/validation/auth';
import { formRefusal, webActor } from '~/services/actors.server';
import { loginThrottle, rateLimitedData } from '~/services/rate-limit.server';
import { requireUser } from '~/services/session.server';

const HIDDEN = ['current', 'password'];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: HIDDEN }), changed: false };
  const problem = passwordProblem(submission.value.password, { email: user.email, name: user.name });
  if (problem) return { result: submission.reply({ fieldErrors: { password: [PASSWORD_PROBLEM_MESSAGES[problem]] }, hideFields: HIDDEN }), changed: false };
  // Guessing the current password from a borrowed session meets the sign-in throttle of the account.
  const throttleKey = `email:${user.email}`;
  const throttled = await loginThrottle.check(throttleKey, Date.now());
  if (!throttled.allowed) return rateLimitedData(throttled.retryAfterMs, { result: submission.reply({ hideFields: HIDDEN }), changed: false });
  const changed = await changePassword(webActor(user, context), submission.value.current, submission.value.password);
  if (!changed.ok) {
    await loginThrottle.fail(throttleKey, Date.now());
    return { ...formRefusal(submission, changed.problem, HIDDEN), changed: false };
  }
  await loginThrottle.succeed(throttleKey);
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'account.password.title');

export default function ChangePasswordPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useValidatedForm(changePasswordSchema, { id: 'change-password', lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <PageHeader title={t('account.password.title')} intro={t('account.password.intro')} />
      <div role="status" aria-live="polite" className="mt-4">
        {actionData?.changed ? <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">{t('account.password.changed')}</p> : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormField field={fields.current} type="password" label={t('account.password.current')} autoComplete="current-password" />
        <FormField
          field={fields.password}
          type="password"
          label={t('account.password.new')}
          hint={t('auth.field.passwordHint', { min: PASSWORD_MIN_LENGTH, recommended: PASSWORD_RECOMMENDED_LENGTH })}
          autoComplete="new-password"
        />
        <div role="alert">
          <ErrorList id={form.errorId} errors={form.errors} />
          <RateLimitNotice actionData={actionData} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.password.submit')}</SubmitButton>
      </Form>
    </div>
  );
}

export const headers = keepRetryAfter;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
