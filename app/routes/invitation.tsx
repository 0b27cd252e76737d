/**
 * The link in an invitation from an admin: the invited official or admin chooses a password and is
 * signed in; staff then enrol their second factor before anything else, and land on their work.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field, SubmitButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PASSWORD_MIN_LENGTH, PASSWORD_RECOMMENDED_LENGTH, passwordProblem } from '~/lib/password-policy';
import { PASSWORD_PROBLEM_MESSAGES } from '~/lib/validation/auth';
import { acceptInvitation } from '~/actions/people.server';
import { peekEmailToken } from '~/models/email-tokens.server';
import { getPerson } from '~/models/users.server';
import { webActor } from '~/services/actors.server';
import { landingPage } from '~/services/landing.server';
import { signIn } from '~/services/session.server';

function tokenOf(request: Request): string {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return token.length <= 100 ? token : '';
}

async function invitedPerson(token: string) {
  const userId = token ? await peekEmailToken(token, 'invite') : null;
  const person = userId === null ? undefined : await getPerson(userId);
  return person && !person.disabledAt ? person : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const person = await invitedPerson(tokenOf(request));
  return { invited: person ? { name: person.name, email: person.email, role: person.role, departmentName: person.departmentName } : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const form = await request.formData();
  const password = String(form.get('password') ?? '');
  const person = await invitedPerson(token);
  if (!person) return { invalid: true, error: null };
  const problem = passwordProblem(password, { email: person.email, name: person.name });
  if (problem) return { invalid: false, error: PASSWORD_PROBLEM_MESSAGES[problem] };
  const accepted = await acceptInvitation(webActor(null, context), token, password);
  if (!accepted.ok) return { invalid: true, error: null };
  return await signIn({ request, context, user: accepted.value.user, redirectTo: await landingPage(accepted.value.user, '/') });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'invitation.title');

export default function InvitationPage() {
  const { invited } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('invitation.title')}</h1>
      {!invited || actionData?.invalid ? (
        <p role="alert" className="mt-4 text-slate-700">
          {t('invitation.invalid')} <Link to="/login">{t('nav.login')}</Link>
        </p>
      ) : (
        <>
          <p className="mt-4 text-slate-700">
            {t('invitation.intro', { name: invited.name, role: t(`role.${invited.role}`), department: invited.departmentName ?? '' })}
          </p>
          <p className="mt-2 text-sm text-slate-600">{t('invitation.twoFactorNext')}</p>
          <Form method="post" className="mt-6 space-y-5">
            <Field label={t('auth.field.email')} errorId="email-error" inputProps={{ id: 'email', name: 'email', type: 'email', value: invited.email, readOnly: true, autoComplete: 'username' }} />
            <Field
              label={t('invitation.password')}
              hint={t('auth.field.passwordHint', { min: PASSWORD_MIN_LENGTH, recommended: PASSWORD_RECOMMENDED_LENGTH })}
              errorId="password-error"
              errors={actionData?.error ? [actionData.error] : null}
              inputProps={{ id: 'password', name: 'password', type: 'password', autoComplete: 'new-password', required: true }}
            />
            <SubmitButton pending={navigation.state === 'submitting'}>{t('invitation.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
