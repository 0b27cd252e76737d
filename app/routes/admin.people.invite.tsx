/**
 * Inviting an official or an admin. The invitation mail sets the password; staff enrol the second
 * factor at first sign-in. Without a mail server the admin sees the single-use link to hand over.
 */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SelectField, SubmitButton, useValidatedForm } from '~/components/forms';
import { InvitationLink } from '~/components/invitation-link';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { inviteStaff } from '~/actions/people.server';
import { inviteSchema, STAFF_ROLES } from '~/lib/validation/admin';
import { listDepartments } from '~/models/departments.server';
import { formRefusal, webActor } from '~/services/actors.server';
import { getLocale } from '~/services/locale.server';
import { mailConfigured } from '~/services/mail/transport.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  return {
    departments: (await listDepartments())
      .filter((d) => !d.deactivatedAt)
      .map((d) => ({ value: String(d.id), label: d.name })),
    mailConfigured: mailConfigured(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  // A new official or admin gets access to unpublished data: confirmed with the second factor.
  requireRecentTwoFactor(user, request);
  const submission = parseWithZod(await request.formData(), { schema: inviteSchema });
  if (submission.status !== 'success') return { result: submission.reply(), invited: null };
  const invited = await inviteStaff(webActor(user, context), submission.value, await getLocale(request));
  if (!invited.ok) return { ...formRefusal(submission, invited.problem), invited: null };
  const { user: person, link } = invited.value;
  // The link is a password for the account: shown only when no mail server can deliver it.
  return { result: submission.reply({ resetForm: true }), invited: { id: person.id, name: person.name, email: person.email, link: mailConfigured() ? null : link } };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.invite.title');

export default function InvitePage() {
  const { departments, mailConfigured: withMail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useValidatedForm(inviteSchema, { id: 'invite', lastResult: actionData?.result, defaultValue: { role: 'official' } });
  const invited = actionData?.invited;
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <p className="text-sm">
        <Link to="/admin/people">← {t('admin.people.title')}</Link>
      </p>
      <div className="mt-2">
        <PageHeader title={t('admin.invite.title')} intro={withMail ? t('admin.invite.introMail') : t('admin.invite.introNoMail')} />
      </div>
      {invited ? (
        <div role="status" className="mt-6 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
          <p className="font-medium">{t('admin.invite.done', { name: invited.name, email: invited.email })}</p>
          {invited.link ? <InvitationLink link={invited.link} /> : <p className="mt-1 text-sm">{t('admin.invite.mailed')}</p>}
          <p className="mt-2 text-sm">
            <Link to={`/admin/people/${invited.id}`}>{t('admin.invite.viewPerson')}</Link>
          </p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormField field={fields.name} type="text" label={t('auth.field.name')} autoComplete="off" />
        <FormField field={fields.email} type="email" label={t('auth.field.email')} autoComplete="off" />
        <SelectField field={fields.role} label={t('admin.people.role')} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <SelectField field={fields.departmentId} label={t('admin.people.department')} options={departments} placeholder={t('admin.invite.departmentPlaceholder')} hint={t('admin.invite.departmentHint')} />
        <div role="alert">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('admin.invite.submit')}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
