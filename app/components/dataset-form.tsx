/** The dataset description form, shared by "new dataset" and "edit dataset". */
import { getFormProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { datasetSchema, FREQUENCY_VALUES, KEY_KIND_VALUES, LICENCE_VALUES } from '~/lib/validation/dataset';
import { DATASET_THEMES } from '~/lib/vocabulary';
import { ErrorList, FormField, SelectField, SubmitButton, TextareaField, useValidatedForm } from './forms';
import { useT } from './i18n';

export interface DatasetFormDefaults {
  title?: string;
  slug?: string;
  description?: string;
  licence?: string;
  updateFrequency?: string;
  tags?: string;
  themes?: string[];
  sourceUrl?: string;
  contactName?: string;
  contactEmail?: string;
  departmentId?: string;
  keys?: Partial<Record<(typeof KEY_KIND_VALUES)[number], string>>;
}

export function DatasetForm({
  lastResult,
  defaults,
  submitLabel,
  slugEditable,
  departments,
  columnNames,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: DatasetFormDefaults;
  submitLabel: string;
  slugEditable: boolean;
  /** Offered to admins, who may create a dataset for any department. */
  departments?: { id: number; name: string }[];
  /** Columns of the dataset's files, offered as key columns (edit only). */
  columnNames?: string[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(datasetSchema, {
    id: 'dataset',
    lastResult,
    defaultValue: {
      title: defaults.title ?? '',
      slug: defaults.slug ?? '',
      description: defaults.description ?? '',
      licence: defaults.licence ?? 'gov-open',
      updateFrequency: defaults.updateFrequency ?? 'irregular',
      tags: defaults.tags ?? '',
      themes: defaults.themes ?? [],
      sourceUrl: defaults.sourceUrl ?? '',
      contactName: defaults.contactName ?? '',
      contactEmail: defaults.contactEmail ?? '',
      'key.uscc': defaults.keys?.uscc ?? '',
      'key.admin_division': defaults.keys?.admin_division ?? '',
      'key.date': defaults.keys?.date ?? '',
      'key.year_month': defaults.keys?.year_month ?? '',
    },
  });
  const keyFields = fields as unknown as Record<string, FieldMetadata<string>>;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      {departments ? (
        <div>
          <label htmlFor="departmentId" className="block text-sm font-medium text-slate-800">
            {t('datasets.department')}
          </label>
          <select id="departmentId" name="departmentId" defaultValue={defaults.departmentId ?? ''} required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t('manage.chooseDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <FormField field={fields.title} type="text" label={t('manage.field.title')} autoFocus />
      {slugEditable ? (
        <FormField field={fields.slug} type="text" label={t('manage.field.slug')} hint={t('manage.field.slugHint')} autoComplete="off" />
      ) : (
        <input type="hidden" name="slug" value={defaults.slug ?? ''} />
      )}
      <TextareaField field={fields.description} label={t('manage.field.description')} hint={t('manage.field.markdownHint')} rows={8} />
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField field={fields.licence} label={t('datasets.licence')} options={LICENCE_VALUES.map((v) => ({ value: v, label: t(`licence.${v}`) }))} />
        <SelectField field={fields.updateFrequency} label={t('datasets.frequency')} options={FREQUENCY_VALUES.map((v) => ({ value: v, label: t(`frequency.${v}`) }))} />
      </div>
      <FormField field={fields.tags} type="text" label={t('datasets.tags')} hint={t('manage.field.tagsHint')} />
      <fieldset aria-describedby={`${fields.themes.descriptionId} ${fields.themes.errors?.length ? fields.themes.errorId : ''}`.trim()}>
        <legend className="text-sm font-medium text-slate-800">{t('datasets.themes')}</legend>
        <p id={fields.themes.descriptionId} className="text-sm text-slate-600">
          {t('manage.field.themesHint')}
        </p>
        <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
          {DATASET_THEMES.map((theme) => (
            <label key={theme} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="themes" value={theme} defaultChecked={(fields.themes.initialValue as string[] | undefined)?.includes(theme) ?? false} />
              {t(`theme.${theme}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.themes.errorId} errors={fields.themes.errors} />
      </fieldset>
      <FormField field={fields.sourceUrl} type="url" label={t('manage.field.sourceUrl')} hint={t('manage.field.sourceUrlHint')} />
      <div className="grid gap-6 sm:grid-cols-2">
        <FormField field={fields.contactName} type="text" label={t('manage.field.contactName')} />
        <FormField field={fields.contactEmail} type="email" label={t('manage.field.contactEmail')} />
      </div>
      {columnNames && columnNames.length > 0 ? (
        <fieldset className="rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">{t('datasets.keyColumns')}</legend>
          <p className="text-sm text-slate-600">{t('manage.field.keyColumnsHint')}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            {KEY_KIND_VALUES.map((kind) => {
              const field = keyFields[`key.${kind}`];
              return field ? (
                <SelectField
                  key={kind}
                  field={field}
                  label={t(`keyKind.${kind}`)}
                  placeholder={t('manage.field.noKeyColumn')}
                  options={columnNames.map((name) => ({ value: name, label: name }))}
                />
              ) : null;
            })}
          </div>
        </fieldset>
      ) : null}
      <div role="alert" aria-live="polite">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <div className="max-w-xs">
        <SubmitButton pending={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
