/**
 * The link mailed to a new address: one button confirms the change (a mail scanner that opens the
 * link changes nothing). Afterwards every session ends and the person signs in with the new address.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionButton } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { confirmEmailChange } from '~/actions/accounts.server';
import { peekEmailChange } from '~/models/email-tokens.server';
import { webActor } from '~/services/actors.server';

function tokenOf(request: Request): string {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return token.length <= 100 ? token : '';
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenOf(request);
  const change = token ? await peekEmailChange(token) : null;
  return { newEmail: change?.newEmail ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const confirmed = token ? await confirmEmailChange(webActor(null, context), token) : null;
  return { changed: Boolean(confirmed?.ok), problem: confirmed && !confirmed.ok ? confirmed.problem.message : 'account.email.invalidLink' };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'account.email.title');

export default function ConfirmEmailChangePage() {
  const { newEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-bold text-slate-900">{t('account.email.title')}</h1>
      {actionData?.changed ? (
        <p role="status" className="mt-4 text-slate-700">
          {t('account.email.changed')} <Link to="/login">{t('nav.login')}</Link>
        </p>
      ) : actionData || !newEmail ? (
        <p role="alert" className="mt-4 text-slate-700">
          {t(actionData && !actionData.changed ? actionData.problem : 'account.email.invalidLink')}
        </p>
      ) : (
        <Form method="post" className="mt-4 space-y-4">
          <p className="text-slate-700">{t('account.email.confirmIntro', { email: newEmail })}</p>
          <ActionButton intent="confirm" tone="primary">
            {t('account.email.confirm')}
          </ActionButton>
        </Form>
      )}
    </div>
  );
}
