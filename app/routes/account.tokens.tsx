/** Personal API tokens: departments publish with them (CKAN clients); approved applicants read conditional data. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionButton, ConfirmForm } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { createApiToken, revokeApiToken } from '~/actions/tokens.server';
import { listApiTokens } from '~/models/api-tokens.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireRecentTwoFactor, requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { tokens: await listApiTokens(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = readIntent(form);
  if (intent.name === 'create') {
    // A token acts without the second factor: creating one needs it proved just now.
    requireRecentTwoFactor(user, request);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return { kind: 'error' as const, error: 'tokens.nameRequired' as const };
    if ([...name].length > 100) return { kind: 'error' as const, error: 'tokens.nameTooLong' as const };
    const created = valueOrThrow(await createApiToken(webActor(user, context), user.id, name));
    // Shown once, in this response only.
    return { kind: 'created' as const, token: created.token, name };
  }
  if (intent.name === 'revoke' && intent.id !== null) {
    valueOrThrow(await revokeApiToken(webActor(user, context), intent.id));
    return { kind: 'revoked' as const };
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'tokens.title');

export default function TokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData?.kind === 'created' ? actionData : null;
  const error = actionData?.kind === 'error' ? actionData.error : null;
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t('tokens.title')}</h1>
      <p className="mt-2 text-slate-700">
        {t('tokens.intro')} <Link to="/api">{t('tokens.seeApi')}</Link>
      </p>

      {created ? (
        <div role="status" className="mt-6 rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <p className="font-medium text-emerald-900">{t('tokens.created', { name: created.name })}</p>
          <p className="mt-1 text-sm text-emerald-900">{t('tokens.copyNow')}</p>
          <code className="mt-2 block select-all break-all rounded bg-white p-2 text-sm text-slate-900">{created.token}</code>
        </div>
      ) : null}

      <Form method="post" className="mt-8 flex flex-wrap items-end gap-3">
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="token-name" className="block text-sm font-medium text-slate-800">
            {t('tokens.name')}
          </label>
          <input
            id="token-name"
            name="name"
            maxLength={100}
            placeholder={t('tokens.namePlaceholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'token-name-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          {error ? (
            <p id="token-name-error" className="mt-1 text-sm text-rose-700">
              {t(error)}
            </p>
          ) : null}
        </div>
        <ActionButton intent="create" tone="primary">
          {t('tokens.create')}
        </ActionButton>
      </Form>

      <section className="mt-10" aria-labelledby="existing">
        <h2 id="existing" className="text-xl font-semibold text-slate-900">
          {t('tokens.existing')}
        </h2>
        {tokens.length === 0 ? <p className="mt-3 text-slate-700">{t('tokens.none')}</p> : null}
        <ul className="mt-4 space-y-3">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 p-4">
              <div>
                <p className="font-medium text-slate-900">{token.name}</p>
                <p className="text-sm text-slate-600">
                  <code>{token.prefix}…</code> · {t('tokens.createdAt', { date: format.date(token.createdAt) })} ·{' '}
                  {token.lastUsedAt ? t('tokens.lastUsed', { date: format.dateTime(token.lastUsedAt) }) : t('tokens.neverUsed')}
                </p>
              </div>
              <ConfirmForm message={t('tokens.confirmRevoke', { name: token.name })}>
                <ActionButton intent="revoke" value={String(token.id)} tone="danger">
                  {t('tokens.revoke')}
                </ActionButton>
              </ConfirmForm>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
