/**
 * The department's adoption (成果转化) record of one entry: stage, the departments taking it up,
 * the service's link, outcome figures, credit and terms; each save adds a public update.
 */
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { recordAdoption } from '~/actions/adoptions.server';
import { AdoptionTimeline } from '~/components/adoption';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { adoptionFormSchema, formOutcomes, OUTCOMES_MAX } from '~/lib/validation/adoption';
import { ADOPTION_STAGES, NOT_ADOPTED_REASONS } from '~/lib/vocabulary';
import { adoptionOfEntry, adoptionTarget, adoptionTimeline, canKeepAdoption } from '~/models/adoptions.server';
import { listDepartments } from '~/models/departments.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireIdParam } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

async function keptTarget(request: Request, params: { slug?: string; entryId?: string }) {
  const user = await requireRole(request, ['official', 'admin']);
  const target = await adoptionTarget(requireIdParam(params.entryId));
  if (!target || target.challengeSlug !== params.slug) throw new Response('Not Found', { status: 404 });
  if (!canKeepAdoption(user, target)) throw new Response('Forbidden', { status: 403 });
  return { user, target };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await keptTarget(request, params);
  const record = await adoptionOfEntry(target.entryId);
  const departments = (await listDepartments()).filter((d) => !d.deactivatedAt).map((d) => ({ slug: d.slug, name: d.name }));
  return {
    target: { entryId: target.entryId, entryTitle: target.entryTitle, challengeSlug: target.challengeSlug, challengeTitle: target.challengeTitle },
    record,
    timeline: record ? await adoptionTimeline(record.id) : [],
    departments,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, target } = await keptTarget(request, params);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: adoptionFormSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const v = submission.value;
  const saved = await recordAdoption(
    webActor(user, context),
    target.entryId,
    {
      stage: v.stage,
      notAdoptedReason: v.notAdoptedReason ?? null,
      note: v.note,
      link: v.link ? v.link : null,
      outcomes: formOutcomes(v.outcomes),
      adoptedBySlugs: v.adoptedBy,
      credit: v.credit,
      terms: v.terms,
    },
    new Date(),
  );
  if (!saved.ok) {
    if (!saved.problem.field) throw refusalResponse(saved.problem);
    return { result: submission.reply({ fieldErrors: { [saved.problem.field]: [saved.problem.message] } }) };
  }
  return redirect(`/entries/${target.entryId}#adoption`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.target.entryTitle }) : pageMeta(matches, 'adoption.title'));

export default function AdoptionRecordPage() {
  const { target, record, timeline, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const outcomeRows = [...(record?.outcomes ?? []).map((o) => ({ label: o.label, value: String(o.value), unit: o.unit, asOf: o.asOf }))];
  while (outcomeRows.length < Math.min(OUTCOMES_MAX, Math.max(3, outcomeRows.length + 1))) outcomeRows.push({ label: '', value: '', unit: '', asOf: '' });
  const [form, fields] = useValidatedForm(adoptionFormSchema, {
    id: 'adoption',
    lastResult: actionData?.result,
    defaultValue: {
      stage: record?.stage ?? 'evaluating',
      notAdoptedReason: record?.notAdoptedReason ?? undefined,
      note: '',
      link: record?.link ?? '',
      credit: record?.credit ?? '',
      terms: record?.terms ?? '',
      adoptedBy: record?.adoptedBy.map((d) => d.slug) ?? [],
      outcomes: outcomeRows,
    },
  });
  // One checked box comes back as a string, several as a list.
  const initial = fields.adoptedBy.initialValue as string[] | string | undefined;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/challenges/${target.challengeSlug}/results#adoption`}>← {target.challengeTitle}</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t('adoption.manage.title', { entry: target.entryTitle })}</h1>
      <p className="mt-2 text-slate-700">{t('adoption.manage.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <SelectField field={fields.stage} label={t('adoption.field.stage')} options={ADOPTION_STAGES.map((s) => ({ value: s, label: t(`adoption.stage.${s}`) }))} />
        <SelectField
          field={fields.notAdoptedReason}
          label={t('adoption.field.reason')}
          placeholder="—"
          options={NOT_ADOPTED_REASONS.map((r) => ({ value: r, label: t(`adoption.reason.${r}`) }))}
        />
        <TextareaField field={fields.note} label={t('adoption.field.note')} hint={t('adoption.field.noteHint')} rows={4} />
        <FormField field={fields.link} type="url" label={t('adoption.field.link')} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('adoption.field.adoptedBy')}</legend>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {departments.map((d) => (
              <label key={d.slug} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name={fields.adoptedBy.name} value={d.slug} defaultChecked={chosen.has(d.slug)} />
                {d.name}
              </label>
            ))}
          </div>
          <ErrorList id={fields.adoptedBy.errorId} errors={fields.adoptedBy.errors} />
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t('adoption.field.outcomes')}</legend>
          <div className="mt-2 space-y-3">
            {fields.outcomes.getFieldList().map((row, i) => {
              const cells = row.getFieldset();
              return (
                <fieldset key={row.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
                  <legend className="sr-only">{t('adoption.field.outcomeRow', { n: i + 1 })}</legend>
                  <FormField field={cells.label} type="text" label={t('adoption.field.outcomeLabel')} />
                  <FormField field={cells.value} type="text" label={t('adoption.field.outcomeValue')} />
                  <FormField field={cells.unit} type="text" label={t('adoption.field.outcomeUnit')} />
                  <FormField field={cells.asOf} type="date" label={t('adoption.field.outcomeAsOf')} />
                </fieldset>
              );
            })}
          </div>
        </fieldset>
        <TextareaField field={fields.credit} label={t('adoption.field.credit')} rows={2} />
        <TextareaField field={fields.terms} label={t('adoption.field.terms')} rows={3} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="max-w-xs">
          <SubmitButton pending={navigation.state === 'submitting'}>{t('adoption.manage.save')}</SubmitButton>
        </div>
      </Form>
      {timeline.length > 0 ? (
        <section className="mt-10" aria-labelledby="timeline">
          <h2 id="timeline" className="text-lg font-semibold text-slate-900">
            {t('adoption.timeline')}
          </h2>
          <AdoptionTimeline updates={timeline} />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
