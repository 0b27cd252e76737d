/** Departments, for admins: every department with its officials, data and open requests, and a form to add one. */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { DataTable, type TableColumn } from '~/components/data-table';
import { DepartmentFields } from '~/components/department-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, SubmitButton, useValidatedForm } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { createDepartment } from '~/actions/departments.server';
import { departmentCreateSchema } from '~/lib/validation/admin';
import { listDepartmentOverview } from '~/models/departments.server';
import { formRefusal, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  return { departments: await listDepartmentOverview() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['admin']);
  const submission = parseWithZod(await request.formData(), { schema: departmentCreateSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const created = await createDepartment(webActor(user, context), { ...submission.value, code: submission.value.code || null });
  if (!created.ok) return formRefusal(submission, created.problem);
  return redirect(`/admin/departments/${created.value.id}`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'admin.departments.title');

type Row = ReturnType<typeof useLoaderData<typeof loader>>['departments'][number];

export default function DepartmentsPage() {
  const { departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const [form, fields] = useValidatedForm(departmentCreateSchema, { id: 'department-create', lastResult: actionData?.result });
  const columns: TableColumn<Row>[] = [
    {
      header: t('admin.department.name'),
      cell: (d) => (
        <>
          <Link to={`/admin/departments/${d.id}`} className="font-medium">
            {d.name}
          </Link>
          {d.deactivatedAt ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">{t('admin.department.inactive')}</span> : null}
        </>
      ),
    },
    { header: t('admin.department.code'), cell: (d) => d.code ?? '—' },
    { header: t('admin.departments.officials'), cell: (d) => format.number(d.officials) },
    { header: t('admin.departments.datasets'), cell: (d) => format.number(d.datasets) },
    { header: t('admin.departments.challenges'), cell: (d) => format.number(d.challenges) },
    { header: t('admin.departments.openRequests'), cell: (d) => format.number(d.openRequests) },
  ];
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('admin.departments.title')} intro={t('admin.departments.intro')} />
      <DataTable columns={columns} rows={departments} rowKey={(d) => d.id} empty={t('admin.departments.none')} />
      <section aria-labelledby="new-department" className="mt-10 max-w-xl">
        <h2 id="new-department" className="text-xl font-semibold text-slate-900">
          {t('admin.departments.new')}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
          <DepartmentFields fields={fields} />
          <div role="alert">
            <ErrorList id={form.errorId} errors={form.errors} />
          </div>
          <SubmitButton pending={navigation.state === 'submitting'}>{t('admin.departments.create')}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
