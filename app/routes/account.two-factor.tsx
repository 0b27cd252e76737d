/**
 * Two-factor authentication: enrol an authenticator app with a QR code (the offered secret is
 * derived from the session, so nothing is stored until a code proves the app has it), get
 * recovery codes once, replace them, or (participants only) turn it off. Officials and admins are
 * sent here until they have enrolled.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionButton, Field } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { safeRedirect } from '~/lib/safe-redirect';
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, resetTwoFactor } from '~/actions/accounts.server';
import type { Problem } from '~/lib/result';
import { countUnusedRecoveryCodes } from '~/models/two-factor.server';
import { webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';
import { enrolmentSecret, totpQrSvg, totpUri } from '~/services/two-factor.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const common = {
    email: user.email,
    staff: user.role === 'official' || user.role === 'admin',
    required: url.searchParams.get('required') === '1',
    recovered: url.searchParams.get('recovered') === '1',
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), '/me'),
  };
  if (user.twoFactorEnabled) return { ...common, enabled: true as const, unusedCodes: await countUnusedRecoveryCodes(user.id), setup: null };
  const secret = enrolmentSecret(user.sessionId ?? '');
  return { ...common, enabled: false as const, unusedCodes: 0, setup: { secret, qr: await totpQrSvg(totpUri(secret, user.email)) } };
}

type ActionData = { kind: 'codes'; codes: string[] } | { kind: 'error'; error: string };

/** A state the page did not expect (another tab changed it) shows the page afresh; a wrong or stale code is said beside the code. */
function refused(problem: Problem): ActionData | Response {
  return problem.kind === 'conflict' ? redirect('/account/two-factor') : { kind: 'error', error: problem.message };
}

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = readIntent(form).name;
  const code = String(form.get('code') ?? '').slice(0, 40);
  const actor = webActor(user, context);
  switch (intent) {
    case 'enable': {
      const result = await enableTwoFactor(actor, code);
      return result.ok ? { kind: 'codes', codes: result.value.codes } : refused(result.problem);
    }
    case 'regenerate': {
      const result = await regenerateRecoveryCodes(actor, code);
      return result.ok ? { kind: 'codes', codes: result.value.codes } : refused(result.problem);
    }
    case 'replace': {
      // A lost phone: right after signing in with a recovery code (or a fresh code), set up a new one.
      const result = await resetTwoFactor(actor);
      return result.ok ? redirect('/account/two-factor') : refused(result.problem);
    }
    case 'disable': {
      const result = await disableTwoFactor(actor, code);
      return result.ok ? redirect('/account/two-factor') : refused(result.problem);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'twoFactor.title');

export default function TwoFactorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const error = actionData?.kind === 'error' ? actionData.error : null;
  const busy = navigation.state === 'submitting';

  if (actionData?.kind === 'codes') {
    return (
      <div className="mx-auto max-w-xl px-4 py-10">
        <PageHeader title={t('twoFactor.codes.title')} intro={t('twoFactor.codes.intro')} />
        <ul className="mt-6 grid grid-cols-2 gap-2 font-mono text-lg" aria-label={t('twoFactor.codes.title')}>
          {actionData.codes.map((c: string) => (
            <li key={c} className="rounded bg-slate-100 px-3 py-1.5 text-slate-900">
              {c}
            </li>
          ))}
        </ul>
        <Link to={data.redirectTo} className="mt-8 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800">
          {t('twoFactor.codes.done')}
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <PageHeader title={t('twoFactor.title')} intro={t('twoFactor.intro')} />
      {data.required && !data.enabled ? (
        <p role="alert" className="mt-4 rounded-md border border-gold-300 bg-gold-50 p-3 text-gold-900">
          {t('twoFactor.required')}
        </p>
      ) : null}
      {data.recovered ? (
        <p role="alert" className="mt-4 rounded-md border border-gold-300 bg-gold-50 p-3 text-gold-900">
          {t('twoFactor.recovered', { count: data.unusedCodes })}
        </p>
      ) : null}

      {data.enabled ? (
        <section className="mt-6 space-y-6">
          <p className="text-emerald-800">{t('twoFactor.on', { count: data.unusedCodes })}</p>
          <Form method="post" className="max-w-sm space-y-3">
            <Field
              label={t('twoFactor.code')}
              hint={t('twoFactor.manageHint')}
              errorId="code-error"
              errors={error ? [error] : null}
              inputProps={{ id: 'code', name: 'code', type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code', required: true }}
            />
            <div className="flex flex-wrap gap-2">
              <ActionButton intent="regenerate" disabled={busy}>
                {t('twoFactor.regenerate')}
              </ActionButton>
              {data.staff ? null : (
                <ActionButton intent="disable" tone="danger" disabled={busy}>
                  {t('twoFactor.disable')}
                </ActionButton>
              )}
            </div>
          </Form>
          <Form method="post" className="max-w-xl">
            <p className="text-sm text-slate-700">{t('twoFactor.replaceHint')}</p>
            <div className="mt-2">
              <ActionButton intent="replace" disabled={busy}>
                {t('twoFactor.replace')}
              </ActionButton>
            </div>
          </Form>
        </section>
      ) : data.setup ? (
        <section className="mt-6">
          <ol className="list-decimal space-y-2 pl-5 text-slate-800">
            <li>{t('twoFactor.step1')}</li>
            <li>{t('twoFactor.step2')}</li>
            <li>{t('twoFactor.step3')}</li>
          </ol>
          {/* The SVG comes from the qrcode library (no script, no user input). */}
          <div className="mt-4 w-48 max-w-full" role="img" aria-label={t('twoFactor.qrLabel')} dangerouslySetInnerHTML={{ __html: data.setup.qr }} />
          <p className="mt-2 text-sm text-slate-700">
            {t('twoFactor.manual')} <code className="break-all font-mono text-slate-900">{data.setup.secret}</code>
          </p>
          <Form method="post" className="mt-4 max-w-sm space-y-3">
            <Field
              label={t('twoFactor.code')}
              errorId="code-error"
              errors={error ? [error] : null}
              inputProps={{ id: 'code', name: 'code', type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code', required: true }}
            />
            <ActionButton intent="enable" tone="primary" disabled={busy}>
              {t('twoFactor.enable')}
            </ActionButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
