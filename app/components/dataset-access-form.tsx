/** 开放属性, 共享属性, the data-use agreement and the catalogue fields of one dataset. */
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { datasetAccessSchema, MAX_SAMPLE_ROWS } from '~/lib/validation/access';
import { ACCESS_LEVELS, RESOURCE_CATEGORIES, SHARING_LEVELS, SHARING_METHODS } from '~/lib/vocabulary';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from './forms';
import { useT } from './i18n';

export interface DatasetAccessDefaults {
  accessLevel: string;
  sharing: string;
  openConditions: string;
  sharingConditions: string;
  sharingMethod: string;
  sampleRows: number;
  agreement: string;
  resourceCategory: string;
  categoryCode: string;
  resourceCode: string;
  relatedCodes: string;
}

export function DatasetAccessForm({ lastResult, defaults, agreementVersion }: { lastResult?: SubmissionResult<string[]> | null; defaults: DatasetAccessDefaults; agreementVersion: number }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(datasetAccessSchema, { id: 'dataset-access', lastResult, defaultValue: { ...defaults, sampleRows: String(defaults.sampleRows) } });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <ErrorList id={form.errorId} errors={form.errors} />
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('access.openLevel')}</legend>
        <SelectField
          field={fields.accessLevel}
          label={t('access.openLevel')}
          options={ACCESS_LEVELS.map((level) => ({ value: level, label: `${t(`access.level.${level}`)} — ${t(`access.levelHint.${level}`)}` }))}
        />
        <TextareaField field={fields.openConditions} label={t('access.openConditions')} hint={t('access.form.openConditionsHint')} rows={3} />
        <FormField field={fields.sampleRows} type="number" label={t('access.form.sampleRows')} hint={t('access.form.sampleRowsHint', { max: MAX_SAMPLE_ROWS })} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('access.sharingLevel')}</legend>
        <SelectField field={fields.sharing} label={t('access.sharingLevel')} options={SHARING_LEVELS.map((level) => ({ value: level, label: `${t(`access.sharing.${level}`)} — ${t(`access.sharingHint.${level}`)}` }))} />
        <TextareaField field={fields.sharingConditions} label={t('access.sharingConditions')} rows={3} />
        <SelectField field={fields.sharingMethod} label={t('access.sharingMethod')} options={SHARING_METHODS.map((method) => ({ value: method, label: t(`access.method.${method}`) }))} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('access.agreement')}</legend>
        <TextareaField
          field={fields.agreement}
          label={t('access.agreement')}
          hint={agreementVersion > 0 ? t('access.form.agreementHintVersion', { version: agreementVersion }) : t('access.form.agreementHint')}
          rows={10}
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('access.form.catalogue')}</legend>
        <SelectField field={fields.resourceCategory} label={t('access.resourceCategory')} options={RESOURCE_CATEGORIES.map((c) => ({ value: c, label: t(`access.category.${c}`) }))} />
        <FormField field={fields.categoryCode} type="text" label={t('access.categoryCode')} hint={t('access.form.categoryCodeHint')} autoComplete="off" />
        <FormField field={fields.resourceCode} type="text" label={t('access.resourceCode')} hint={t('access.form.resourceCodeHint')} autoComplete="off" />
        <FormField field={fields.relatedCodes} type="text" label={t('access.relatedCodes')} hint={t('access.form.relatedCodesHint')} autoComplete="off" />
      </fieldset>
      <SubmitButton pending={navigation.state === 'submitting'}>{t('manage.save')}</SubmitButton>
    </Form>
  );
}
