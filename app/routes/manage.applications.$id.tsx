/** /manage/applications/:id — one application: what was asked, and the department's decision. */
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { decideApplication } from '~/actions/access.server';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { canManageDepartment } from '~/lib/access';
import { decisionSchema } from '~/lib/validation/access';
import { getApplication, grantOfApplication, servedResourcesOf } from '~/models/access-grants.server';
import { formRefusal, webActor } from '~/services/actors.server';
import { requireIdParam } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

async function load(request: Request, id: string | undefined) {
  const user = await requireRole(request, ['official', 'admin']);
  const application = await getApplication(requireIdParam(id));
  // Another department's application does not exist for this official.
  if (!application || !canManageDepartment(user, application.departmentId)) throw new Response('Not Found', { status: 404 });
  return { user, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await load(request, params.id);
  const resources = await servedResourcesOf(application.datasetId);
  const grant = await grantOfApplication(application.id);
  return {
    application,
    resources: resources.filter((r) => application.resourceIds.includes(r.id)),
    grant: grant ? { expiresAt: grant.expiresAt, revokedAt: grant.revokedAt, resourceIds: grant.resourceIds } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, application } = await load(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: decisionSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const decided = await decideApplication(webActor(user, context), application.id, submission.value);
  if (!decided.ok) return formRefusal(submission, decided.problem);
  return redirect(`/manage/applications/${application.id}`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.application.datasetTitle }) : pageMeta(matches, 'applications.title'));

export default function ApplicationPage() {
  const { application: a, resources, grant } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const errors = actionData?.result && 'error' in actionData.result ? (actionData.result.error ?? {}) : {};
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to="/manage/applications">← {t('applications.title')}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">
        <Link to={`/datasets/${a.datasetSlug}`}>{a.datasetTitle}</Link>
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {t(`applications.status.${a.status}`)} · {t('applications.received')} {format.dateTime(a.createdAt)}
      </p>
      <dl className="mt-6 space-y-4 text-sm">
        <div>
          <dt className="text-slate-600">{t('applications.applicant')}</dt>
          <dd className="font-medium text-slate-900">
            {a.applicantName} · {a.applicantEmail} · {t(`apply.kind.${a.applicantKind}`)}
          </dd>
          {a.applicantKind === 'organisation' ? (
            <dd className="text-slate-800">
              {a.organisationName} · {t('apply.organisationCode')} {a.organisationCode}
            </dd>
          ) : null}
          {a.applicantKind === 'department' ? <dd className="text-slate-800">{a.applicantDepartmentName}</dd> : null}
        </div>
        <div>
          <dt className="text-slate-600">{t('apply.purpose')}</dt>
          <dd className="whitespace-pre-line text-slate-900">{a.purpose}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('apply.intendedUse')}</dt>
          <dd className="whitespace-pre-line text-slate-900">{a.intendedUse}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('apply.resources')}</dt>
          <dd className="text-slate-900">{resources.map((r) => r.name).join('、')}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('apply.period')}</dt>
          <dd className="text-slate-900">{format.number(a.periodDays)}</dd>
        </div>
        {a.challengeSlug ? (
          <div>
            <dt className="text-slate-600">{t('apply.challenge')}</dt>
            <dd>
              <Link to={`/challenges/${a.challengeSlug}`}>{a.challengeTitle}</Link>
              {a.submissionId ? (
                <>
                  {' · '}
                  <Link to={`/entries/${a.submissionId}`}>{a.submissionTitle || t('applications.entry')}</Link>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="text-slate-600">{t('access.agreement')}</dt>
          <dd className="text-slate-900">{t('applications.agreementVersion', { version: a.agreementVersion })}</dd>
        </div>
        {a.status === 'refused' ? (
          <div>
            <dt className="text-slate-600">{t('applications.reason')}</dt>
            <dd className="whitespace-pre-line text-slate-900">{a.decisionReason}</dd>
          </div>
        ) : null}
        {grant ? (
          <div>
            <dt className="text-slate-600">{t('applications.grant')}</dt>
            <dd className="text-slate-900">
              {grant.revokedAt ? t('applications.grantRevoked', { date: format.dateTime(grant.revokedAt) }) : t('applications.grantUntil', { date: format.dateTime(grant.expiresAt) })}{' '}
              <Link to={`/manage/datasets/${a.datasetSlug}/grants`}>{t('grants.link')}</Link>
            </dd>
          </div>
        ) : null}
      </dl>

      {a.status === 'pending' ? (
        <div className="mt-10 grid gap-8 md:grid-cols-2">
          <Form method="post" className="space-y-4 rounded-lg border border-slate-200 p-5" aria-labelledby="approve-heading">
            <h2 id="approve-heading" className="text-lg font-semibold text-slate-900">
              {t('applications.approve')}
            </h2>
            <input type="hidden" name="decision" value="approve" />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('applications.approveResources')}</legend>
              {resources.map((r) => (
                <label key={r.id} className="mt-1 flex items-center gap-2 text-sm">
                  <input type="checkbox" name="resource" value={r.id} defaultChecked />
                  {r.name}
                </label>
              ))}
              <ErrorList id="resource-error" errors={errors.resource} />
            </fieldset>
            <div>
              <label htmlFor="periodDays" className="block text-sm font-medium text-slate-800">
                {t('applications.approvePeriod')}
              </label>
              <input
                id="periodDays"
                name="periodDays"
                type="number"
                min={1}
                max={a.periodDays}
                defaultValue={a.periodDays}
                aria-describedby={errors.periodDays ? 'periodDays-error' : undefined}
                className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2"
              />
              <ErrorList id="periodDays-error" errors={errors.periodDays} />
            </div>
            <button type="submit" disabled={navigation.state === 'submitting'} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t('applications.approve')}
            </button>
          </Form>
          <Form method="post" className="space-y-4 rounded-lg border border-slate-200 p-5" aria-labelledby="refuse-heading">
            <h2 id="refuse-heading" className="text-lg font-semibold text-slate-900">
              {t('applications.refuse')}
            </h2>
            <input type="hidden" name="decision" value="refuse" />
            <div>
              <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
                {t('applications.reason')}
              </label>
              <textarea id="reason" name="reason" rows={4} aria-describedby={errors.reason ? 'reason-error' : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
              <ErrorList id="reason-error" errors={errors.reason} />
            </div>
            <button type="submit" disabled={navigation.state === 'submitting'} className="rounded-md border border-rose-300 px-4 py-2 font-medium text-rose-800 hover:bg-rose-50">
              {t('applications.refuse')}
            </button>
          </Form>
          {actionData?.result && 'error' in actionData.result && actionData.result.error?.[''] ? <ErrorList errors={actionData.result.error['']} /> : null}
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
