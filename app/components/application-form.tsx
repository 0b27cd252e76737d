/** The application for conditional data: for whom, why, what, how long, and the agreement accepted. */
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { applicationSchema } from '~/lib/validation/access';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from './forms';
import { useT } from './i18n';

export interface ApplicationFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  kinds: ('person' | 'organisation' | 'department')[];
  resources: { id: number; name: string }[];
  challenges: { slug: string; title: string }[];
  entries: { id: number; title: string; challengeTitle: string }[];
  agreementHtml: string;
  agreementVersion: number;
  departmentName: string | null;
  defaults: { challenge?: string; entry?: string };
}

export function ApplicationForm({ lastResult, kinds, resources, challenges, entries, agreementHtml, agreementVersion, departmentName, defaults }: ApplicationFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(applicationSchema, {
    id: 'application',
    lastResult,
    defaultValue: { applicantKind: kinds[0], periodDays: '90', resource: resources.map((r) => String(r.id)), challenge: defaults.challenge ?? '', entry: defaults.entry ?? '' },
  });
  const resourceErrors = fields.resource.errors;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <input type="hidden" name="intent" value="apply" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.applicantKind}
        label={t('apply.kind')}
        options={kinds.map((kind) => ({ value: kind, label: kind === 'department' && departmentName ? t('apply.kind.departmentNamed', { department: departmentName }) : t(`apply.kind.${kind}`) }))}
      />
      {kinds.includes('organisation') ? (
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">{t('apply.organisation')}</legend>
          <p className="text-sm text-slate-600">{t('apply.organisationHint')}</p>
          <FormField field={fields.organisationName} type="text" label={t('apply.organisationName')} autoComplete="organization" />
          <FormField field={fields.organisationCode} type="text" label={t('apply.organisationCode')} hint={t('apply.organisationCodeHint')} autoComplete="off" />
        </fieldset>
      ) : null}
      <TextareaField field={fields.purpose} label={t('apply.purpose')} hint={t('apply.purposeHint')} rows={3} />
      <TextareaField field={fields.intendedUse} label={t('apply.intendedUse')} hint={t('apply.intendedUseHint')} rows={4} />
      <fieldset aria-describedby={resourceErrors?.length ? fields.resource.errorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t('apply.resources')}</legend>
        <ul className="mt-2 space-y-1">
          {resources.map((resource) => (
            <li key={resource.id}>
              <label className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="resource" value={resource.id} defaultChecked={(fields.resource.initialValue as string[] | undefined)?.includes(String(resource.id)) ?? true} />
                {resource.name}
              </label>
            </li>
          ))}
        </ul>
        <ErrorList id={fields.resource.errorId} errors={resourceErrors} />
      </fieldset>
      <FormField field={fields.periodDays} type="number" label={t('apply.period')} hint={t('apply.periodHint')} />
      {challenges.length > 0 ? (
        <SelectField field={fields.challenge} label={t('apply.challenge')} placeholder={t('apply.noChallenge')} options={challenges.map((c) => ({ value: c.slug, label: c.title }))} />
      ) : null}
      {entries.length > 0 ? (
        <SelectField field={fields.entry} label={t('apply.entry')} placeholder={t('apply.noEntry')} options={entries.map((e) => ({ value: String(e.id), label: `${e.title} · ${e.challengeTitle}` }))} />
      ) : null}
      <section aria-labelledby="agreement" className="rounded-md border border-slate-200 bg-slate-50 p-4">
        <h2 id="agreement" className="text-base font-semibold text-slate-900">
          {t('apply.agreementTitle', { version: agreementVersion })}
        </h2>
        <div className="prose-jdz mt-2 max-h-80 overflow-y-auto text-sm" tabIndex={0} dangerouslySetInnerHTML={{ __html: agreementHtml }} />
        <label className="mt-3 inline-flex items-start gap-2 text-sm font-medium text-slate-900">
          <input {...getInputProps(fields.acceptAgreement, { type: 'checkbox', value: 'on' })} className="mt-1" />
          {t('apply.accept')}
        </label>
        <ErrorList id={fields.acceptAgreement.errorId} errors={fields.acceptAgreement.errors} />
      </section>
      <SubmitButton pending={navigation.state === 'submitting'}>{t('apply.submit')}</SubmitButton>
    </Form>
  );
}
