/** One department, for admins: its name, code and contact, and deactivating or reactivating it. */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { DepartmentFields } from '~/components/department-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList, SubmitButton, useValidatedForm } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { setDepartmentActive, updateDepartment } from '~/actions/departments.server';
import { departmentEditSchema } from '~/lib/validation/admin';
import { getDepartmentById, listOfficialIds } from '~/models/departments.server';
import { formRefusal, valueOrThrow, webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';

async function findDepartment(id: number) {
  const department = await getDepartmentById(id);
  if (!department) throw new Response('Not Found', { status: 404 });
  return department;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const department = await findDepartment(requireIdParam(params.id));
  return { department, officials: (await listOfficialIds(department.id)).length };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const department = await findDepartment(requireIdParam(params.id));
  const form = await request.formData();
  const intent = readIntent(form);
  const actor = webActor(user, context);
  if (intent.name === 'deactivate' || intent.name === 'reactivate') {
    // Locks its officials out (or lets them back in): confirmed with the second factor.
    requireRecentTwoFactor(user, request);
    const reactivate = intent.name === 'reactivate';
    valueOrThrow(await setDepartmentActive(actor, department.id, reactivate));
    return { saved: reactivate ? ('reactivate' as const) : ('deactivate' as const), result: undefined };
  }
  const submission = parseWithZod(form, { schema: departmentEditSchema });
  if (submission.status !== 'success') return { saved: null, result: submission.reply() };
  const updated = await updateDepartment(actor, department.id, { ...submission.value, code: submission.value.code || null });
  if (!updated.ok) return { saved: null, ...formRefusal(submission, updated.problem) };
  return { saved: 'details' as const, result: submission.reply() };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, data ? { literal: data.department.name } : 'admin.departments.title');

export default function DepartmentPage() {
  const { department, officials } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const [form, fields] = useValidatedForm(departmentEditSchema, {
    id: 'department-edit',
    lastResult: actionData?.result,
    defaultValue: { name: department.name, code: department.code ?? '', contact: department.contact, description: department.description },
  });
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <p className="text-sm">
        <Link to="/admin/departments">← {t('admin.departments.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{department.name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t('admin.department.facts', { slug: department.slug, officials: format.number(officials), created: format.date(department.createdAt) })}
      </p>
      <div role="status" className="mt-4">
        {actionData?.saved ? <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">{t(`admin.department.saved.${actionData.saved}`)}</p> : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <DepartmentFields fields={fields} />
        <div role="alert">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('admin.department.save')}</SubmitButton>
      </Form>
      <section aria-labelledby="department-status" className="mt-10 rounded-lg border border-slate-200 p-4">
        <h2 id="department-status" className="text-lg font-semibold text-slate-900">
          {department.deactivatedAt ? t('admin.department.inactiveSince', { date: format.date(department.deactivatedAt) }) : t('admin.department.active')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{department.deactivatedAt ? t('admin.department.reactivateHint') : t('admin.department.deactivateHint')}</p>
        <ConfirmForm message={department.deactivatedAt ? t('admin.department.reactivateConfirm') : t('admin.department.deactivateConfirm', { name: department.name })} className="mt-3">
          {department.deactivatedAt ? (
            <ActionButton intent="reactivate">{t('admin.department.reactivate')}</ActionButton>
          ) : (
            <ActionButton intent="deactivate" tone="danger">
              {t('admin.department.deactivate')}
            </ActionButton>
          )}
        </ConfirmForm>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
