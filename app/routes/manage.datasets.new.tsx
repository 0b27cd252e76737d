import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { DatasetForm } from '~/components/dataset-form';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { datasetSchema, suggestSlug } from '~/lib/validation/dataset';
import { createDataset } from '~/actions/datasets.server';
import { isSlugTaken } from '~/models/datasets.server';
import { listDepartments } from '~/models/departments.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  if (user.role === 'official' && user.departmentId === null) throw new Response('Forbidden', { status: 403 });
  return { departments: user.role === 'admin' ? (await listDepartments()).map((d) => ({ id: d.id, name: d.name })) : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: datasetSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  // Officials always create in their own department; admins choose one.
  const departmentId = user.role === 'admin' ? Number(form.get('departmentId')) : user.departmentId;
  if (!departmentId || !Number.isInteger(departmentId)) {
    return { result: submission.reply({ formErrors: ['errors.dataset.departmentRequired'] }) };
  }
  const values = submission.value;
  let slug = values.slug;
  if (!slug) {
    do slug = suggestSlug(values.title);
    while (await isSlugTaken(slug));
  }
  const created = await createDataset(webActor(user, context), { ...values, slug, keyColumns: [] }, departmentId);
  if (created.ok) return redirect(`/manage/datasets/${created.value.slug}`);
  const { problem } = created;
  if (problem.field) return { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] } }) };
  throw refusalResponse(problem);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'manage.newDataset');

export default function NewDatasetPage() {
  const { departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to="/manage">← {t('manage.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('manage.newDataset')}</h1>
      <p className="mt-2 text-slate-700">{t('manage.newDatasetIntro')}</p>
      <div className="mt-8">
        <DatasetForm lastResult={actionData?.result} defaults={{}} submitLabel={t('manage.createDataset')} slugEditable departments={departments ?? undefined} />
      </div>
    </div>
  );
}
