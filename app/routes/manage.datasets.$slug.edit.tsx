import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { DatasetForm } from '~/components/dataset-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { datasetSchema, keyColumnsFromForm } from '~/lib/validation/dataset';
import { updateDataset } from '~/actions/datasets.server';
import { datasetColumnNames, getManagedDataset } from '~/models/datasets.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  return {
    dataset: {
      slug: dataset.slug,
      title: dataset.title,
      status: dataset.status,
      description: dataset.description,
      licence: dataset.licence,
      updateFrequency: dataset.updateFrequency,
      tags: dataset.tags.join('，'),
      themes: dataset.themes,
      sourceUrl: dataset.sourceUrl,
      contactName: dataset.contactName,
      contactEmail: dataset.contactEmail,
      keys: Object.fromEntries(dataset.keyColumns.map((k) => [k.kind, k.column])),
    },
    columnNames: await datasetColumnNames(dataset.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: datasetSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const keyColumns = keyColumnsFromForm(submission.value);
  const known = new Set(await datasetColumnNames(dataset.id));
  const unknown = keyColumns.find((k) => !known.has(k.column));
  if (unknown) return { result: submission.reply({ fieldErrors: { [`key.${unknown.kind}`]: ['errors.dataset.keyColumnUnknown'] } }) };
  const updated = await updateDataset(webActor(user, context), dataset.id, { ...submission.value, keyColumns });
  if (updated.ok) return redirect(`/manage/datasets/${updated.value.slug}`);
  const { problem } = updated;
  if (problem.field) return { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] } }) };
  throw refusalResponse(problem);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.dataset.title }) : pageMeta(matches, 'manage.title'));

export default function EditDatasetPage() {
  const { dataset, columnNames } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('manage.editDetails')}</h1>
      <div className="mt-8">
        <DatasetForm
          lastResult={actionData?.result}
          defaults={dataset}
          submitLabel={t('manage.save')}
          slugEditable={dataset.status === 'draft'}
          columnNames={columnNames}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
