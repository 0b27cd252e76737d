import { keepRetryAfter } from '~/lib/error-headers';
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { RateLimitNotice } from '~/components/rate-limit-notice';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { dataRequestSchema } from '~/lib/validation/data-request';
import { createDataRequest } from '~/actions/data-requests.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { getDepartmentBySlug, listDepartments } from '~/models/departments.server';
import { dataRequestLimiter, rateLimitedData } from '~/services/rate-limit.server';
import { requireUser, requireVerifiedEmail } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  requireVerifiedEmail(await requireUser(request), request);
  // A deactivated department answers nothing: requests go to the one that took over its work.
  return { departments: (await listDepartments()).filter((d) => !d.deactivatedAt).map((d) => ({ slug: d.slug, name: d.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireVerifiedEmail(user, request);
  const submission = parseWithZod(await request.formData(), { schema: dataRequestSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const limited = await dataRequestLimiter.attempt(`user:${user.id}`, Date.now());
  if (!limited.allowed) return rateLimitedData(limited.retryAfterMs, { result: submission.reply() });
  const { title, description, purpose, department } = submission.value;
  const chosen = department ? await getDepartmentBySlug(department) : null;
  const departmentId = chosen === null ? null : chosen && !chosen.deactivatedAt ? chosen.id : undefined;
  if (departmentId === undefined) return { result: submission.reply({ fieldErrors: { department: ['errors.invalid'] } }) };
  const { id } = valueOrThrow(await createDataRequest(webActor(user, context), { title, description, purpose, departmentId }));
  return redirect(`/requests/${id}`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'requests.ask');

export default function NewRequestPage() {
  const { departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useValidatedForm(dataRequestSchema, { id: 'data-request', lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <p className="text-sm">
        <Link to="/requests">← {t('requests.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('requests.ask')}</h1>
      <p className="mt-2 text-slate-700">{t('requests.askIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-8 space-y-6">
        <FormField field={fields.title} type="text" label={t('requests.field.title')} hint={t('requests.field.titleHint')} autoFocus />
        <TextareaField field={fields.description} label={t('requests.field.description')} hint={t('requests.field.descriptionHint')} rows={5} />
        <TextareaField field={fields.purpose} label={t('requests.field.purpose')} hint={t('requests.field.purposeHint')} rows={3} />
        <SelectField field={fields.department} label={t('requests.field.department')} placeholder={t('requests.field.departmentUnknown')} options={departments.map((d) => ({ value: d.slug, label: d.name }))} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <RateLimitNotice actionData={actionData} />
        <div className="max-w-xs">
          <SubmitButton pending={navigation.state === 'submitting'}>{t('requests.submit')}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const headers = keepRetryAfter;
