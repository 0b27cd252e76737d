/**
 * The link in the reset e-mail: choose a new password. The token is used up only when a valid
 * new password is saved; then every session of the account ends and this browser signs in anew.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field, SubmitButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH, passwordProblem } from '~/lib/password-policy';
import { PASSWORD_PROBLEM_MESSAGES } from '~/lib/validation/auth';
import { resetPassword } from '~/actions/accounts.server';
import { peekEmailToken } from '~/models/email-tokens.server';
import { getSessionUserById } from '~/models/users.server';
import { webActor } from '~/services/actors.server';
import { signIn } from '~/services/session.server';

function tokenOf(request: Request): string {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return token.length <= 100 ? token : '';
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenOf(request);
  return { valid: token !== '' && await peekEmailToken(token, 'reset') !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const form = await request.formData();
  const password = String(form.get('password') ?? '');
  const userId = token ? await peekEmailToken(token, 'reset') : null;
  const user = userId !== null ? await getSessionUserById(userId) : undefined;
  if (!user) return { invalid: true, error: null };
  const problem = passwordProblem(password, { email: user.email, name: user.name });
  if (problem) return { invalid: false, error: PASSWORD_PROBLEM_MESSAGES[problem] };
  // The link is used up only by the reset itself, atomically, and every session of the account ends.
  const reset = await resetPassword(webActor(null, context), token, password);
  if (!reset.ok) return { invalid: true, error: null };
  const fresh = reset.value.user;
  // The mailbox alone must not get past the second factor: accounts with one still give it.
  if (fresh.twoFactorEnabled) return await signIn({ request, context, user: fresh, pendingTwoFactor: true, redirectTo: `/login/two-factor?${new URLSearchParams({ redirectTo: '/me' })}` });
  return await signIn({ request, context, user: fresh, redirectTo: '/me' });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'reset.title');

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const invalid = !valid || actionData?.invalid;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('reset.title')}</h1>
      {invalid ? (
        <p role="alert" className="mt-4 text-slate-700">
          {t('reset.invalid')} <Link to="/forgot-password">{t('reset.requestAgain')}</Link>
        </p>
      ) : (
        <Form method="post" className="mt-6 space-y-5">
          <Field
            label={t('reset.newPassword')}
            hint={t('auth.field.passwordHint', { min: PASSWORD_MIN_LENGTH, recommended: PASSWORD_RECOMMENDED_LENGTH })}
            errorId="password-error"
            errors={actionData?.error ? [actionData.error] : null}
            inputProps={{ id: 'password', name: 'password', type: 'password', autoComplete: 'new-password', required: true }}
          />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('reset.submit')}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
