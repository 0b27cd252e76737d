/**
 * Deleting one's own account: what happens is said first (personal data erased, contributions kept
 * as 已注销用户, teams passed on or withdrawn), then the password confirms it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, Field } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { deleteOwnAccount } from '~/actions/accounts.server';
import { countActiveAdmins } from '~/models/users.server';
import { webActor } from '~/services/actors.server';
import { requireRecentTwoFactor, requireUser, signOut } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { lastAdmin: user.role === 'admin' && await countActiveAdmins() <= 1 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireRecentTwoFactor(user, request);
  const password = String((await request.formData()).get('password') ?? '').slice(0, 1024);
  const deleted = await deleteOwnAccount(webActor(user, context), password);
  if (!deleted.ok) return { error: deleted.problem.message };
  return await signOut(request, '/?accountDeleted=1');
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'account.delete.title');

export default function DeleteAccountPage() {
  const { lastAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <PageHeader title={t('account.delete.title')} intro={t('account.delete.intro')} />
      <ul className="mt-4 list-disc space-y-1 pl-5 text-slate-800">
        <li>{t('account.delete.erased')}</li>
        <li>{t('account.delete.kept')}</li>
        <li>{t('account.delete.teams')}</li>
        <li>{t('account.delete.judging')}</li>
      </ul>
      {lastAdmin ? (
        <p className="mt-6 rounded-md bg-amber-50 p-3 text-amber-950">{t('admin.people.lastAdmin')}</p>
      ) : (
        <ConfirmForm message={t('account.delete.confirm')} className="mt-6 space-y-4">
          <Field
            label={t('account.delete.password')}
            errorId="password-error"
            errors={actionData?.error ? [actionData.error] : null}
            inputProps={{ id: 'password', name: 'password', type: 'password', autoComplete: 'current-password', required: true }}
          />
          <ActionButton intent="delete" tone="danger">
            {t('account.delete.submit')}
          </ActionButton>
        </ConfirmForm>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
