/** The site's identity and legal particulars, for admins: shown in the footer of every page. */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SubmitButton, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { updateSiteSettings } from '~/actions/site.server';
import { siteSettingsSchema } from '~/lib/validation/admin';
import { getSiteSettings } from '~/models/site-settings.server';
import { formRefusal, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  return { settings: await getSiteSettings() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const submission = parseWithZod(await request.formData(), { schema: siteSettingsSchema });
  if (submission.status !== 'success') return { result: submission.reply(), saved: false };
  const saved = await updateSiteSettings(webActor(user, context), submission.value);
  if (!saved.ok) return { ...formRefusal(submission, saved.problem), saved: false };
  return { result: submission.reply(), saved: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.site.title');

export default function SiteSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useValidatedForm(siteSettingsSchema, { id: 'site', lastResult: actionData?.result, defaultValue: settings });
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <PageHeader title={t('admin.site.title')} intro={t('admin.site.intro')} />
      <div role="status" className="mt-4">
        {actionData?.saved ? <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">{t('admin.site.saved')}</p> : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormField field={fields.siteName} type="text" label={t('admin.site.siteName')} hint={t('admin.site.siteNameHint')} />
        <FormField field={fields.sponsor} type="text" label={t('admin.site.sponsor')} hint={t('admin.site.sponsorHint')} />
        <FormField field={fields.organizer} type="text" label={t('admin.site.organizer')} />
        <FormField field={fields.contact} type="text" label={t('admin.site.contact')} hint={t('admin.site.contactHint')} />
        <FormField field={fields.icp} type="text" label={t('admin.site.icp')} hint={t('admin.site.icpHint')} />
        <FormField field={fields.psbRecord} type="text" label={t('admin.site.psbRecord')} hint={t('admin.site.psbRecordHint')} />
        <FormField field={fields.psbLink} type="url" label={t('admin.site.psbLink')} hint={t('admin.site.psbLinkHint')} />
        <FormField field={fields.siteCode} type="text" label={t('admin.site.siteCode')} hint={t('admin.site.siteCodeHint')} />
        <div role="alert">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('admin.site.save')}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
