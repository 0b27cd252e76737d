/**
 * The outbox, for admins: whether mail leaves this machine at all, a test mail, and every e-mail
 * with its status, attempts and last error, to try again or send again. Without SMTP settings this
 * is where mail ends up ("logged"), so an operator can still pass a link on.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ActionButton } from '~/components/forms';
import { resendMail, retryMail, sendTestMail } from '~/actions/mail.server';
import type { MessageKey } from '~/lib/i18n';
import { refusalResponse, webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { getLocale } from '~/services/locale.server';
import { checkMailServer, mailConfigured } from '~/services/mail/transport.server';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { FilterBar, FilterInput, FilterSelect } from '~/components/filter-bar';
import { MAIL_STATUSES, type MailStatus } from '~/lib/vocabulary';
import { listOutbox } from '~/models/mail.server';
import { requireRole } from '~/services/session.server';
import { valueOrThrow } from '~/services/actors.server';

const PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get('status');
  const status = MAIL_STATUSES.find((s) => s === statusParam);
  const to = url.searchParams.get('to')?.trim().toLowerCase().slice(0, 254) || undefined;
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const { rows: all, total } = await listOutbox({ status, to, limit: PAGE, offset: (page - 1) * PAGE });
  // Bodies hold live sign-in links (reset, verification). Only mail that never left (no SMTP) is
  // shown, so an operator can pass it on; with a mail server, an admin cannot read others' links.
  const rows = all.map((m) => ({ ...m, text: m.status === 'logged' ? m.text : null }));
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE)), status: status ?? '', to: to ?? '', statuses: [...MAIL_STATUSES], mailConfigured: mailConfigured() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const intent = readIntent(await request.formData());
  const actor = webActor(user, context);
  if (intent.name === 'test') {
    // The server's answer to a connection now; the test mail itself then goes through the outbox.
    const check = await checkMailServer();
    valueOrThrow(await sendTestMail(actor, await getLocale(request)));
    return check.ok ? { done: 'outbox.testQueued' as MessageKey, error: null } : { done: 'outbox.testFailed' as MessageKey, error: check.error };
  }
  if (intent.id === null) throw new Response('Bad Request', { status: 400 });
  if (intent.name === 'retry') {
    const retried = await retryMail(actor, intent.id);
    if (!retried.ok && retried.problem.kind === 'notFound') throw refusalResponse(retried.problem);
    return { done: retried.ok ? ('outbox.retried' as MessageKey) : retried.problem.message, error: null };
  }
  if (intent.name === 'resend') {
    valueOrThrow(await resendMail(actor, intent.id));
    return { done: 'outbox.resent' as MessageKey, error: null };
  }
  throw new Response('Bad Request', { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'outbox.title');

export default function OutboxPage() {
  const { rows, total, page, pages, status, to, statuses, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('outbox.title')} intro={t('outbox.intro')} />
      <section aria-labelledby="mail-server" className="mt-6 rounded-lg border border-slate-200 p-4">
        <h2 id="mail-server" className="text-lg font-semibold text-slate-900">
          {withMail ? t('outbox.configured') : t('outbox.notConfigured')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{withMail ? t('outbox.configuredHint') : t('outbox.notConfiguredHint')}</p>
        <Form method="post" className="mt-3">
          <ActionButton intent="test">{t('outbox.sendTest')}</ActionButton>
        </Form>
        <div role="status" aria-live="polite" className="mt-3 text-sm">
          {actionData ? (
            <p className={actionData.error ? 'text-rose-800' : 'text-emerald-800'}>
              {t(actionData.done)}
              {actionData.error ? ` ${actionData.error}` : ''}
            </p>
          ) : null}
        </div>
      </section>
      <FilterBar submitLabel={t('outbox.filter')}>
        <FilterSelect id="status" label={t('outbox.status')} value={status} anyLabel={t('outbox.all')} options={statuses.map((s) => ({ value: s, label: t(`outbox.statusName.${s as MailStatus}`) }))} />
        <FilterInput id="to" label={t('outbox.to')} value={to} type="email" />
      </FilterBar>
      <p className="mt-4 text-sm text-slate-700">{t('outbox.count', { count: format.number(total) })}</p>
      <ul className="mt-4 space-y-3">
        {rows.map((mail) => (
          <li key={mail.id} className="rounded-lg border border-slate-200 p-4">
            <p className="flex flex-wrap gap-x-3 text-sm text-slate-700">
              <span className="font-medium text-slate-900">{mail.to}</span>
              <span>{t(`outbox.statusName.${mail.status}`)}</span>
              <span>{format.dateTime(mail.createdAt)}</span>
              {mail.attempts > 1 ? <span>{t('outbox.attempts', { count: mail.attempts })}</span> : null}
            </p>
            <p className="mt-1 font-semibold text-slate-900">{mail.subject}</p>
            {mail.lastError ? <p className="mt-1 text-sm text-rose-700">{mail.lastError}</p> : null}
            <Form method="post" className="mt-2 flex gap-2">
              {mail.status === 'failed' ? <ActionButton intent="retry" value={String(mail.id)}>{t('outbox.retry')}</ActionButton> : null}
              {mail.status === 'sent' || mail.status === 'logged' || mail.status === 'failed' ? (
                <ActionButton intent="resend" value={String(mail.id)}>
                  {t('outbox.resend')}
                </ActionButton>
              ) : null}
            </Form>
            {mail.text !== null ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">{t('outbox.body')}</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{mail.text}</pre>
              </details>
            ) : (
              <p className="mt-1 text-sm text-slate-600">{t('outbox.bodyHidden')}</p>
            )}
          </li>
        ))}
      </ul>
      <Pager page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
