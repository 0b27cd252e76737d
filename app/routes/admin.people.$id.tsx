/**
 * One person, for admins: role and department, deactivating, a lost authenticator, vouching for
 * the address, and invitation links. Changes that grant or remove access need the second factor.
 */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList, SelectField, useValidatedForm } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { InvitationLink } from '~/components/invitation-link';
import { pageMeta } from '~/components/meta';
import { PersonStatus } from '~/components/person-status';
import { changeRole } from '~/actions/accounts.server';
import { markAddressVerified, reissueInvitation, resendVerification, resetPersonTwoFactor, setAccountActive } from '~/actions/people.server';
import type { MessageKey } from '~/lib/i18n';
import type { Problem, Result } from '~/lib/result';
import { roleChangeSchema } from '~/lib/validation/admin';
import { ROLES } from '~/lib/vocabulary';
import { listDepartments } from '~/models/departments.server';
import { getPerson } from '~/models/users.server';
import { formRefusal, refusalResponse, webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { getLocale } from '~/services/locale.server';
import { mailConfigured } from '~/services/mail/transport.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';

async function findPerson(id: number) {
  const person = await getPerson(id);
  if (!person) throw new Response('Not Found', { status: 404 });
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, ['admin']);
  const person = await findPerson(requireIdParam(params.id));
  return {
    person,
    isSelf: viewer.id === person.id,
    departments: (await listDepartments())
      .filter((d) => !d.deactivatedAt || d.id === person.departmentId)
      .map((d) => ({ value: String(d.id), label: d.name })),
    mailConfigured: mailConfigured(),
  };
}

type Done = { done: MessageKey; link?: string | null };

/** A refusal that is not about a field (the last admin, a second tab): shown as a notice above the forms. */
function refusalNotice(problem: Problem): { notice: MessageKey } {
  if (problem.kind === 'notFound' || problem.kind === 'forbidden') throw refusalResponse(problem);
  return { notice: problem.message };
}

function answer<T>(result: Result<T>, done: MessageKey, extra: Partial<Done> = {}) {
  return result.ok ? { done, ...extra } : refusalNotice(result.problem);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const person = await findPerson(requireIdParam(params.id));
  const form = await request.formData();
  const intent = readIntent(form).name;
  const actor = webActor(user, context);
  const locale = await getLocale(request);
  switch (intent) {
    case 'role': {
      requireRecentTwoFactor(user, request);
      const submission = parseWithZod(form, { schema: roleChangeSchema });
      if (submission.status !== 'success') return { result: submission.reply() };
      const changed = await changeRole(actor, person.id, submission.value.role, submission.value.departmentId);
      if (!changed.ok) return changed.problem.field ? formRefusal(submission, changed.problem) : refusalNotice(changed.problem);
      return { done: 'admin.person.done.role' as MessageKey, result: submission.reply() };
    }
    case 'deactivate':
    case 'reactivate':
      requireRecentTwoFactor(user, request);
      return answer(await setAccountActive(actor, person.id, intent === 'reactivate'), intent === 'reactivate' ? 'admin.person.done.reactivated' : 'admin.person.done.deactivated');
    case 'reset-two-factor':
      requireRecentTwoFactor(user, request);
      return answer(await resetPersonTwoFactor(actor, person.id), 'admin.person.done.twoFactorReset');
    case 'mark-verified':
      return answer(await markAddressVerified(actor, person.id), 'admin.person.done.verified');
    case 'resend-verification':
      return answer(await resendVerification(actor, person.id, locale), 'admin.person.done.verificationSent');
    case 'reissue-invitation': {
      requireRecentTwoFactor(user, request);
      const reissued = await reissueInvitation(actor, person.id, locale);
      return answer(reissued, mailConfigured() ? 'admin.person.done.invitationMailed' : 'admin.person.done.invitationLink', { link: reissued.ok && !mailConfigured() ? reissued.value.link : null });
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, data ? { literal: data.person.name } : 'admin.people.title');

function Panel({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 rounded-lg border border-slate-200 p-4">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {hint ? <p className="mt-1 text-sm text-slate-700">{hint}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default function PersonPage() {
  const { person, isSelf, departments, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const [roleForm, roleFields] = useValidatedForm(roleChangeSchema, {
    id: 'role',
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    defaultValue: { role: person.role, departmentId: person.departmentId ? String(person.departmentId) : '' },
  });
  const done = actionData && 'done' in actionData ? actionData : null;
  const notice = actionData && 'notice' in actionData ? actionData.notice : null;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <p className="text-sm">
        <Link to="/admin/people">← {t('admin.people.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{person.name}</h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('admin.people.email')}</dt>
        <dd className="break-all text-slate-900">{person.email}</dd>
        <dt className="text-slate-600">{t('admin.people.role')}</dt>
        <dd className="text-slate-900">
          {t(`role.${person.role}`)}
          {person.departmentName ? ` · ${person.departmentName}` : ''}
        </dd>
        <dt className="text-slate-600">{t('admin.people.status')}</dt>
        <dd>
          <PersonStatus person={person} />
        </dd>
        <dt className="text-slate-600">{t('admin.people.created')}</dt>
        <dd className="text-slate-900">{format.dateTime(person.createdAt)}</dd>
      </dl>
      <p className="mt-2 text-sm">
        <Link to={`/admin/audit?${new URLSearchParams({ actor: person.email })}`}>{t('admin.person.auditLink')}</Link>
      </p>

      <div role="status" aria-live="polite" className="mt-4">
        {done ? (
          <div className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
            <p>{t(done.done)}</p>
            {'link' in done && done.link ? <InvitationLink link={done.link} /> : null}
          </div>
        ) : null}
        {notice ? <p className="rounded-md bg-rose-50 p-3 text-sm text-rose-900">{t(notice)}</p> : null}
      </div>

      {isSelf ? <p className="mt-6 rounded-md bg-slate-50 p-3 text-sm text-slate-700">{t('admin.person.self')}</p> : null}

      <Panel id="role-panel" title={t('admin.person.roleTitle')} hint={t('admin.person.roleHint')}>
        <Form method="post" {...getFormProps(roleForm)} className="space-y-4">
          <SelectField field={roleFields.role} label={t('admin.people.role')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <SelectField field={roleFields.departmentId} label={t('admin.people.department')} options={departments} placeholder={t('admin.invite.departmentPlaceholder')} hint={t('admin.invite.departmentHint')} />
          <ErrorList id={roleForm.errorId} errors={roleForm.errors} />
          <ActionButton intent="role" tone="primary" disabled={navigation.state === 'submitting'}>
            {t('admin.person.saveRole')}
          </ActionButton>
        </Form>
      </Panel>

      {person.invitationPending ? (
        <Panel id="invitation-panel" title={t('admin.person.invitationTitle')} hint={t('admin.person.invitationHint')}>
          <Form method="post">
            <ActionButton intent="reissue-invitation">{withMail ? t('admin.person.reissueMail') : t('admin.person.reissueLink')}</ActionButton>
          </Form>
        </Panel>
      ) : null}

      {!person.emailVerified && !person.invitationPending ? (
        <Panel id="verify-panel" title={t('admin.person.verifyTitle')} hint={withMail ? t('admin.person.verifyHintMail') : t('admin.person.verifyHintNoMail')}>
          <Form method="post" className="flex flex-wrap gap-3">
            <ActionButton intent="mark-verified">{t('admin.person.markVerified')}</ActionButton>
            {withMail ? <ActionButton intent="resend-verification">{t('admin.person.resendVerification')}</ActionButton> : null}
          </Form>
        </Panel>
      ) : null}

      {!isSelf && person.twoFactorEnabled ? (
        <Panel id="two-factor-panel" title={t('admin.person.twoFactorTitle')} hint={t('admin.person.twoFactorHint')}>
          <ConfirmForm message={t('admin.person.twoFactorConfirm', { name: person.name })}>
            <ActionButton intent="reset-two-factor" tone="danger">
              {t('admin.person.resetTwoFactor')}
            </ActionButton>
          </ConfirmForm>
        </Panel>
      ) : null}

      {!isSelf ? (
        <Panel id="access-panel" title={person.disabledAt ? t('admin.person.disabledSince', { date: format.date(person.disabledAt) }) : t('admin.person.accessTitle')} hint={person.disabledAt ? t('admin.person.reactivateHint') : t('admin.person.deactivateHint')}>
          <ConfirmForm message={person.disabledAt ? t('admin.person.reactivateConfirm', { name: person.name }) : t('admin.person.deactivateConfirm', { name: person.name })}>
            {person.disabledAt ? (
              <ActionButton intent="reactivate">{t('admin.person.reactivate')}</ActionButton>
            ) : (
              <ActionButton intent="deactivate" tone="danger">
                {t('admin.person.deactivate')}
              </ActionButton>
            )}
          </ConfirmForm>
        </Panel>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
