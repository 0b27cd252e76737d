/**
 * /manage/datasets/:slug/access — 开放属性, 共享属性, the data-use agreement and the catalogue fields
 * of one of the department's datasets. A change applies at once on every path and is audited.
 */
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { updateDatasetAccess, updateDatasetCatalogue } from '~/actions/datasets.server';
import { DatasetAccessForm } from '~/components/dataset-access-form';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { datasetAccessSchema } from '~/lib/validation/access';
import { currentAgreement } from '~/models/access-grants.server';
import { getManagedDataset } from '~/models/datasets.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  // Levels decide what the public and other departments get: confirm the second factor before
  // the form is shown, so nothing typed is lost to the confirmation.
  if (dataset.status === 'published') requireRecentTwoFactor(user, request);
  const agreement = await currentAgreement(dataset.id);
  return {
    dataset: { slug: dataset.slug, title: dataset.title },
    agreementVersion: agreement?.version ?? 0,
    defaults: {
      accessLevel: dataset.accessLevel,
      sharing: dataset.sharing,
      openConditions: dataset.openConditions,
      sharingConditions: dataset.sharingConditions,
      sharingMethod: dataset.sharingMethod,
      sampleRows: dataset.sampleRows,
      agreement: agreement?.body ?? '',
      resourceCategory: dataset.resourceCategory,
      categoryCode: dataset.categoryCode,
      resourceCode: dataset.resourceCode ?? '',
      relatedCodes: dataset.relatedCodes.join(', '),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: datasetAccessSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const v = submission.value;
  const actor = webActor(user, context);
  const catalogue = await updateDatasetCatalogue(actor, dataset.id, {
    resourceCategory: v.resourceCategory,
    categoryCode: v.categoryCode,
    resourceCode: v.resourceCode || null,
    relatedCodes: v.relatedCodes,
  });
  if (!catalogue.ok) {
    if (catalogue.problem.field) return { result: submission.reply({ fieldErrors: { [catalogue.problem.field]: [catalogue.problem.message] } }) };
    throw refusalResponse(catalogue.problem);
  }
  const access = await updateDatasetAccess(
    actor,
    dataset.id,
    { accessLevel: v.accessLevel, sharing: v.sharing, openConditions: v.openConditions, sharingConditions: v.sharingConditions, sharingMethod: v.sharingMethod, sampleRows: v.sampleRows },
    v.agreement,
  );
  if (!access.ok) throw refusalResponse(access.problem);
  return redirect(`/manage/datasets/${dataset.slug}`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.dataset.title }) : pageMeta(matches, 'manage.title'));

export default function DatasetAccessPage() {
  const { dataset, defaults, agreementVersion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('access.form.title')}</h1>
      <p className="mt-2 text-slate-700">{t('access.form.intro')}</p>
      <div className="mt-8">
        <DatasetAccessForm lastResult={actionData?.result} defaults={defaults} agreementVersion={agreementVersion} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
